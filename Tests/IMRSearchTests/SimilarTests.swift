// `imrsearch similar`: finding the requested treatment in written examples of dispute documents,
// self-retrieval over the bundled letters, UR-denial-style texts finding their seed letter's item, and the
// command's input and output.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct SimilarTests {
    let reader = try! IndexReader(path: TestSupport.corpusIndex)

    func requests(_ text: String) -> [String] { RequestExtractor.requests(in: text).map(\.text) }

    @Test func labelledLinesNameTheRequest() {
        #expect(
            requests("UR DETERMINATION\nRequested treatment: Norco 10/325mg #60\nThe patient...") == [
                "Norco 10/325mg #60"
            ])
        #expect(requests("Treatment requested:  TENS unit purchase.\n") == ["TENS unit purchase"])
        #expect(requests("RFA for lumbar MRI without contrast\nother text") == ["lumbar MRI without contrast"])
        #expect(
            requests("Request #1: Acupuncture 2x4 lumbar spine\nRequest #2: Physical therapy x 6\n")
                == ["Acupuncture 2x4 lumbar spine", "Physical therapy x 6"])
        #expect(requests("Requests: 1. Psychotherapy x 6 sessions") == ["Psychotherapy x 6 sessions"])
        #expect(requests("Requested: nothing here").isEmpty == false)
    }

    @Test func denialSentencesNameTheRequestWhenNoLineIsLabelled() {
        #expect(
            requests("Dear doctor,\nAfter review, the request for Lidoderm patches #30 is not medically necessary.")
                == ["Lidoderm patches #30"])
        #expect(
            requests("Therefore, Functional restoration program x 10 days is non-certified.") == [
                "Functional restoration program x 10 days"
            ])
    }

    @Test func aLetterGivesItsItemsAndClassifiedPhrasesAreTheLastResort() throws {
        let seed = TestSupport.corpusRecords.first { $0.file.hasSuffix("001_e066e2eff228d9d9.txt") }!
        let found = RequestExtractor.requests(in: seed.text)
        #expect(found.map(\.text) == seed.items.map(\.decidedTreatment))
        #expect(found.allSatisfy { $0.source == .letterItem })
        let loose = RequestExtractor.requests(
            in: "Progress note.\nPlan: home health aide 4 hours a day\nFollow up in 4 weeks")
        #expect(loose.first?.source == .classifiedPhrase)
        #expect(loose.first.map { TreatmentClassifier.classify($0.text).category } == "Home Health")
        #expect(RequestExtractor.requests(in: "Nothing medical at all.").isEmpty)
    }

    @Test func everyRealLetterFindsItselfFirst() throws {
        let real = TestSupport.corpusRecords.filter { $0.file.contains("/real/") }
        #expect(real.count == 65)
        let rates = try SelfRetrieval.measure(real, reader: reader)
        #expect(rates.letters == 65)
        #expect(Double(rates.top1) >= 0.95 * Double(rates.letters), "top-1 \(rates.top1) of 65, misses \(rates.misses)")
        #expect(rates.top3 == rates.letters, "top-3 \(rates.top3) of 65")
        let dispute = SelfRetrieval.dispute(from: real[0])
        #expect(!dispute.contains("Upheld") && !dispute.contains("Overturned") && !dispute.contains("rationale"))
    }

    /// UR denials written for three seed cases (in the words of a UR letter, not copied from the seeds).
    static let denials: [(file: String, item: Int, text: String)] = [
        (
            "002_e0959afc0ddf1e05.txt", 2,
            """
            UTILIZATION REVIEW DETERMINATION
            Requested treatment: Chiropractic sessions 1x6 for cervical and thoracic
            Clinical summary: 43 year old female, injured 3/5/12, cervical strain/sprain, thoracic strain and
            muscle spasm, neck and mid back pain with tenderness. Prior chiropractic visits without objective
            functional improvement. The request is non-certified.
            """
        ),
        (
            "003_fba3894c148913cd.txt", 2,
            """
            Notice of UR decision. The requesting physician asked for Cyclobenzaprine 10mg #30 for this 35 year
            old man with low back pain since an industrial injury in 2011. Muscle relaxants are for short-term
            use only. The request for Cyclobenzaprine 10mg #30 is not medically necessary.
            """
        ),
        (
            "004_2921f774792fb9c3.txt", 3,
            """
            RFA for Massage x 2
            51 year old male, thoracic and lumbar intervertebral disc syndrome, flare-up of mid and low back pain
            radiating to the buttocks. Massage therapy is limited to 4-6 visits as an adjunct to exercise.
            """
        ),
    ]

    @Test(arguments: 0..<3)
    func aURDenialFindsItsSeedItemFirst(_ k: Int) throws {
        let (file, item, text) = Self.denials[k]
        let result = try PrecedentSearch(reader: reader).run(document: text, limit: 3, topN: 10)
        let first = try #require(result.hits.first)
        #expect(reader.file(ofLetter: reader.letter(ofItem: first.item)).hasSuffix(file), "\(result.query)")
        #expect(reader.itemNumber(ofItem: first.item) + 1 == item)
        #expect(result.treatments.first?.treatmentClass.category != nil)
    }

    @Test func theQueryIsReusableAndTheOddsAddUp() throws {
        let result = try PrecedentSearch(reader: reader).run(
            document: "Request: Acupuncture 2x4 lumbar spine\n", limit: 5, topN: 25)
        let searcher = Searcher(reader: reader)
        let again = try searcher.search(QueryParser.parse(result.query), limit: 5)
        #expect(again.map(\.item) == result.hits.map(\.item))
        #expect(result.top.total == min(25, try searcher.count(QueryParser.parse(result.query))))
        let same = try #require(result.sameClass)
        #expect(same.counts.total == (try searcher.count(QueryParser.parse(same.query))))
        #expect(result.overturnedSources.reduce(0) { $0 + $1.count } >= result.top.overturned)
        let forced = try PrecedentSearch(reader: reader).run(
            document: "Request: Acupuncture 2x4 lumbar spine\n", treatment: "TENS unit", limit: 5, topN: 25)
        #expect(forced.treatments.map(\.request.text) == ["TENS unit"])
        #expect(forced.treatments.first?.treatmentClass.subcategory == "Electrical Stimulation")
    }

    @Test func theCommandReadsStandardInputAndPrintsOneJSONObject() throws {
        let index = TestSupport.corpusIndex
        let dir = TestSupport.temporaryDirectory("imrsearch-similar")
        let file = dir + "/denial.txt"
        try Self.denials[1].text.write(toFile: file, atomically: true, encoding: .utf8)
        let json = try TestSupport.run(["similar", file, "--index", index, "--json", "--limit", "3"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["request", "treatments", "query", "hits", "odds"])
        #expect((object?["hits"] as? [[String: Any]])?.count == 3)
        #expect((object?["odds"] as? [String: Any])?["top"] != nil)
        let human = try TestSupport.run(["similar", file, "--index", index])
        #expect(human.stdout.hasPrefix("requested: Cyclobenzaprine 10mg #30 (Pharmaceuticals / Muscle Relaxant"))
        #expect(human.stdout.contains("odds") && human.stdout.contains("overturned ("))
        let missing = try TestSupport.run(["similar", dir + "/nope.txt", "--index", index])
        #expect(missing.status == 2 && missing.stderr.contains("nope.txt"))
        let none = try TestSupport.run(["similar", "--index", index])
        #expect(none.status == 2)
        let empty = dir + "/empty.txt"
        try "zzqx qqzz\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let nothing = try TestSupport.run(["similar", empty, "--index", index])
        #expect(nothing.status == 1 && nothing.stdout.isEmpty, "no precedent rather than every decision")
        #expect(nothing.stderr.contains("nothing to compare"))
    }
}

@Suite(.enabled(if: PDFTestSupport.enabled, "pdftotext (poppler-utils) is not installed; CI installs it"))
struct SimilarPDFTests {
    @Test func aPublishedPDFLetterFindsItsOwnItemsFirst() throws {
        _ = try PDFTestSupport.requireTool()
        let pdf = TestSupport.corpus + "/real-pdf/CM16-0237163.pdf"
        let out = try TestSupport.run(["similar", pdf, "--index", TestSupport.corpusIndex, "--json", "--limit", "1"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        #expect(object?["request"] as? String == "Cyclobenzaprine 7.5mg #60")
        let hit = (object?["hits"] as? [[String: Any]])?.first
        #expect(hit?["case_number"] as? String == "CM16-0237163")
        let missing = try TestSupport.run(
            ["similar", pdf, "--index", TestSupport.corpusIndex], environment: ["IMRSEARCH_PDFTOTEXT": "/nonexistent"])
        #expect(missing.status == 2 && missing.stderr.contains("apt-get install poppler-utils"))
    }
}
