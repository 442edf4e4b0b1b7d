// The parser against the hand-verified expected values of every bundled letter, field by field:
// corpus/expected/gold-real.jsonl (the real published letters) and corpus/expected/seeds.jsonl (the seeds).
import Foundation
import Testing

@testable import IMRSearch

@Suite struct LetterParserGoldTests {
    static func load(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: TestSupport.corpus + "/expected/" + name, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static func compare(_ gold: [String: Any], folder: String) throws -> [String] {
        let file = gold["file"] as! String
        let record = LetterParser.parse(
            bytes: try FileIO.readAll(TestSupport.corpus + "/" + folder + "/" + file), file: file)
        var diffs: [String] = []
        func check(_ field: String, _ want: Any?, _ got: Any?) {
            let w = want.map { "\($0)" } ?? "nil"
            let g = got.map { "\($0)" } ?? "nil"
            if w != g && !(want is NSNull && got == nil) {
                diffs.append("\(file) \(field): want \(w) got \(g)")
            }
        }
        func optional(_ v: Any?) -> Any? { v is NSNull ? nil : v }
        check("case_number", optional(gold["case_number"]), record.caseNumber)
        check("date_assigned", optional(gold["date_assigned"]), record.dates.assigned?.iso)
        check("date_of_injury", optional(gold["date_of_injury"]), record.dates.injury?.iso)
        check("decision_date", optional(gold["decision_date"]), record.dates.decision?.iso)
        check("ur_denial_date", optional(gold["ur_denial_date"]), record.dates.urDenial?.iso)
        check("priority", optional(gold["priority"]), record.priority)
        check("licensure", gold["licensure"] as? [String], record.licensure)
        check("specialties", gold["specialties"] as? [String], record.specialties)
        check("patient_age", optional(gold["patient_age"]), record.patientAge)
        check("patient_sex", optional(gold["patient_sex"]), record.patientSex?.rawValue)
        let items = gold["items"] as! [[String: Any]]
        check("item_count", items.count, record.items.count)
        for (i, g) in items.enumerated() where i < record.items.count {
            let it = record.items[i]
            check("treatment#\(i)", g["treatment"], it.treatment)
            check("decision#\(i)", g["decision"], it.decision.name)
            check(
                "reviewer_guideline#\(i)", (g["reviewer_guideline"] as! String).collapsedWhitespace,
                it.reviewerGuideline)
            check(
                "claims_guideline#\(i)",
                (g["claims_administrator_guideline"] as! String).collapsedWhitespace,
                it.claimsAdministratorGuideline)
            check("pages#\(i)", g["pages"] as? [String], it.pages)
            check("sections#\(i)", g["sections"] as? [String], it.sections)
            let start = String(it.rationale.unicodeScalars.prefix(80))
            check("rationale_start#\(i)", (g["rationale_start"] as! String), start)
        }
        if record.items.isEmpty { diffs.append("\(file): no items") }
        return diffs
    }

    @Test func everyRealLetterMatchesItsGoldRecord() throws {
        let gold = try Self.load("gold-real.jsonl")
        #expect(gold.count == 65)
        var diffs: [String] = []
        for g in gold { diffs += try Self.compare(g, folder: "real") }
        #expect(diffs == [])
    }

    @Test func everySeedLetterMatchesItsExpectedRecord() throws {
        let gold = try Self.load("seeds.jsonl")
        #expect(gold.count == 5)
        var diffs: [String] = []
        for g in gold { diffs += try Self.compare(g, folder: "seeds") }
        #expect(diffs == [])
    }

    @Test func realAndSeedLettersParseWithoutWarnings() throws {
        for file in TestSupport.corpusFiles {
            let record = LetterParser.parse(bytes: try FileIO.readAll(file), file: file)
            #expect(record.warnings == [], "\(file)")
            #expect(record.layout == (file.contains("/seeds/") ? .bodyOnly : .full), "\(file)")
        }
    }
}
