// A query cut into stretches of items searched on several threads (ParallelSearch.swift) must answer
// exactly as the whole search on one thread: the same count (also when counting stops at a limit), the
// same hits in the same order with the same scores, the same top k for any k. The indexes here are small,
// so the searchers cut from a few candidates on (`parallelCandidates`); each test also checks that the
// query was cut, so it cannot pass by searching on one thread. Runs on the few thousand synthetic letters
// of `PrunedRankingTests` (lists over many blocks, top-k pruning) and on an updated index (a base with
// deleted letters and a delta).
import Foundation
import Testing

@testable import IMRSearch

@Suite struct ParallelSearchTests {
    /// Queries that read positions (the only ones cut), of every shape a stretch plan must bound: phrases
    /// of common and rarer words, phrases in AND and OR, under NOT, with filters, in the summary field
    /// (letter-level), with slop, with a synonym concept holding phrase alternatives, boosted.
    static let queries = [
        "\"the injured worker\"", "\"not medically necessary\"", "\"the request is not medically necessary\"",
        "\"documentation of functional improvement\"", "\"functional improvement\"", "\"the request for\"",
        "\"there is no documentation of\" decision:upheld", "\"the injured worker\" decision:overturned",
        "\"physical therapy\" \"the request for\"",
        "(\"home exercise program\" OR \"physical therapy\") decision:upheld",
        "\"the patient\" -knee", "pain -\"functional improvement\"", "\"is not medically necessary\" year:2016..",
        "summary:\"the injured worker\"", "summary:\"date of injury\"", "\"the request\"~2",
        "\"functional improvement\"^2 acupuncture", "treatment:\"physical therapy\"",
        "rationale:\"functional improvement\" decision:upheld", "\"medically necessary and appropriate\"",
    ]

    static let updatedIndex: String = {
        let dir = TestSupport.temporaryDirectory("imrsearch-parallel")
        let folder = dir + "/letters"
        let paths = (0..<1200).map { TestSupport.writeSyntheticLetter($0, seed: 11, under: folder) }
        let index = dir + "/updated.idx"
        _ = try! IndexBuilder.build(IndexBuildOptions(paths: [folder], indexPath: index, jobs: 2))
        // Fewer changes than the merge share (10%): the update writes a delta, the base keeps its file.
        for path in paths.prefix(40) { try! FileManager.default.removeItem(atPath: path) }
        for i in 1200..<1240 { TestSupport.writeSyntheticLetter(i, seed: 11, under: folder) }
        _ = try! IndexUpdater.update(IndexBuildOptions(paths: [folder], indexPath: index, jobs: 2))
        return index
    }()

    static func expectSameAnswers(_ index: IndexSnapshot, _ text: String) throws {
        let query = try QueryParser.parse(text)
        let whole = Searcher(index: index)
        whole.threads = 1
        for threads in [2, 3] {
            let cut = Searcher(index: index)
            cut.threads = threads
            cut.parallelCandidates = 8
            let every = try whole.search(query, limit: index.itemCount + 1)
            if every.count > 20 {
                #expect(try cut.cutFirstSegment(query) != nil, "\(text) is cut among \(threads) threads")
            }
            #expect(try cut.count(query) == every.count, "count of \(text), \(threads) threads")
            for limit in [1, 7, 1000] {
                #expect(
                    try cut.count(query, upTo: limit) == (try whole.count(query, upTo: limit)),
                    "count of \(text) up to \(limit), \(threads) threads")
            }
            let all = try cut.search(query, limit: index.itemCount + 1)
            let firstDifference = zip(all, every).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(
                all.count == every.count && firstDifference == nil,
                "every hit of \(text), \(threads) threads: first difference at \(firstDifference ?? -1)")
            for k in [1, 10, 25] {
                #expect(try cut.search(query, limit: k) == Array(every.prefix(k)), "top \(k) of \(text)")
            }
            #expect(try cut.search(query, limit: 10, offset: 5) == Array(every.dropFirst(5).prefix(10)))
        }
    }

    @Test(arguments: queries)
    func aCutQueryAnswersAsTheWholeSearch(_ text: String) throws {
        try ParallelSearchTests.expectSameAnswers(IndexSnapshot.open(path: PrunedRankingTests.index), text)
    }

    @Test(arguments: queries)
    func aCutQueryOverAnUpdatedIndexAnswersAsTheWholeSearch(_ text: String) throws {
        let index = try IndexSnapshot.open(path: ParallelSearchTests.updatedIndex)
        #expect(index.segments.count == 2 && index.segments[0].deleted != nil, "a base with deletions and a delta")
        try ParallelSearchTests.expectSameAnswers(index, text)
    }

    @Test func whatIsNotCut() throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        searcher.parallelCandidates = 8
        // Words alone, a prefix, a disjunction at the root: fast on one thread, never cut.
        for text in ["pain", "knee acupuncture", "medic*", "\"the injured worker\" OR knee"] {
            #expect(try searcher.cutFirstSegment(QueryParser.parse(text)) == nil, "\(text)")
        }
        searcher.threads = 1
        #expect(try searcher.cutFirstSegment(QueryParser.parse("\"the injured worker\"")) == nil)
        // Below the threshold of candidates: not cut either.
        searcher.threads = 2
        searcher.parallelCandidates = reader.itemCount
        #expect(try searcher.cutFirstSegment(QueryParser.parse("\"the injured worker\"")) == nil)
    }

    @Test func theThreadsSetting() {
        let cores = Searcher.threads(setting: nil)
        #expect(cores >= 1)
        #expect(Searcher.threads(setting: "1") == 1)
        #expect(Searcher.threads(setting: "3") == 3)
        for bad in ["0", "-2", "two", ""] { #expect(Searcher.threads(setting: bad) == cores, "\(bad)") }
    }
}
