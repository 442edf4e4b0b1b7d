// After an upgrade of imrsearch to a new index format, the first build (full, or `--update`, which then
// builds in full) replaces the old index without losing what only the index knew: the day each letter was
// first indexed (`added:`). The fixture `Tests/Fixtures/format6` holds three real letters and the index
// an imrsearch of format 6 (commit ad89352) built of them with IMRSEARCH_TODAY=2020-01-02.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct FormatUpgradeTests {
    /// A copy of the fixture in a fresh directory, with a fourth letter the old index never saw.
    static func workspace() throws -> String {
        let dir = TestSupport.temporaryDirectory("imrsearch-upgrade")
        let fixture = TestSupport.packageRoot + "/Tests/Fixtures/format6"
        try FileManager.default.createDirectory(atPath: dir + "/letters", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture + "/letters") {
            try FileIO.writeAll(dir + "/letters/" + name, try FileIO.readAll(fixture + "/letters/" + name))
        }
        try FileIO.writeAll(dir + "/index.idx", try FileIO.readAll(fixture + "/index.idx"))
        try FileIO.writeAll(
            dir + "/letters/CM16-0231745.txt", try FileIO.readAll(TestSupport.corpus + "/real/CM16-0231745.txt"))
        return dir
    }

    @Test func thePreviousFormatOpensOnlyWhenAcceptedAndHasNoWordTriples() throws {
        let path = TestSupport.packageRoot + "/Tests/Fixtures/format6/index.idx"
        #expect(throws: IndexError.self) { try IndexReader(path: path) }
        let old = try IndexReader(path: path, acceptingPreviousVersion: true)
        #expect(old.formatVersion == IndexFormat.previousVersion)
        #expect(old.letterCount == 3)
        #expect(!old.hasWordPairs)
        #expect(old.dictionary(.itemPairs).termCount > 0)
        #expect(old.dictionary(.itemTriples).termCount == 0)
        // Its phrases read the words alone: phrases of common words find what the format-6 imrsearch found.
        let searcher = Searcher(reader: old)
        #expect(try searcher.count(QueryParser.parse("\"the request\"")) == 5)
        #expect(try searcher.count(QueryParser.parse("\"the injured worker\"")) == 2)
    }

    @Test(arguments: [
        ["index", "letters", "--index", "index.idx"], ["index", "letters", "--index", "index.idx", "--update"],
    ])
    func theFirstBuildAfterAnUpgradeKeepsTheAddedDays(_ arguments: [String]) throws {
        let dir = try FormatUpgradeTests.workspace()
        let build = try TestSupport.run(arguments, in: dir, environment: ["IMRSEARCH_TODAY": "2021-06-01"])
        #expect(build.status == 0, "\(build.stderr)")
        let reader = try IndexReader(path: dir + "/index.idx")
        #expect(reader.formatVersion == IndexFormat.version)
        #expect(reader.letterCount == 4)
        #expect(reader.hasWordPairs && reader.dictionary(.itemPairs).termCount > 0)
        #expect(reader.dictionary(.itemTriples).termCount > 0)
        let searcher = Searcher(reader: reader)
        // The three letters the old index held keep their day; the new one gets today.
        let old = try searcher.search(QueryParser.parse("added:2020-01-02"), limit: 100)
        let new = try searcher.search(QueryParser.parse("added:2021-06-01"), limit: 100)
        #expect(Set(old.map { reader.letter(ofItem: $0.item) }).count == 3)
        #expect(Set(new.map { reader.letter(ofItem: $0.item) }).count == 1)
        #expect(old.count + new.count == reader.itemCount)
    }
}
