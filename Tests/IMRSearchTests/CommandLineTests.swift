// The `imrsearch` command as a user meets it: first-use build, output modes, exit codes, show, verify,
// errors with clear messages. Runs the built binary in temporary folders.
import Foundation
import Testing

@testable import IMRSearch

@Suite(.serialized) struct CommandLineTests {
    /// A folder with a copy of the corpus as ./corpus and no index yet.
    static func freshWorkspace() throws -> String {
        let dir = TestSupport.temporaryDirectory("imrsearch-cli")
        try FileManager.default.copyItem(atPath: TestSupport.corpus, toPath: dir + "/corpus")
        return dir
    }

    @Test func firstSearchBuildsTheIndexFromTheCorpusThenFindsHits() throws {
        let dir = try Self.freshWorkspace()
        let first = try TestSupport.run(["functional improvement", "decision:upheld"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("building it from corpus/"))
        #expect(first.stdout.contains("matching decisions"))
        #expect(FileIO.exists(dir + "/imrsearch.idx"))
        let second = try TestSupport.run(["functional improvement", "decision:upheld"], in: dir)
        #expect(second.status == 0)
        #expect(!second.stderr.contains("building"))
        #expect(
            second.stdout == first.stdout.replacingOccurrences(of: "\r", with: "")
                || second.stdout.count > 0)
    }

    @Test func theBuildSummaryCountsInTheSingularAndThePlural() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-cli")
        try FileManager.default.createDirectory(atPath: dir + "/one", withIntermediateDirectories: true)
        try FileIO.writeAll(dir + "/one/a.txt", try FileIO.readAll(TestSupport.corpus + "/real/CM16-0213037.txt"))
        let one = try TestSupport.run(["index", "one", "--index", "one.idx", "--jobs", "1"], in: dir)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stderr.contains("indexed 1 letter, "), "\(one.stderr)")
        #expect(one.stderr.contains(" with 1 job; 0 letters with warnings"), "\(one.stderr)")
        let verify = try TestSupport.run(["verify", "--index", "one.idx"], in: dir)
        #expect(verify.status == 0 && verify.stdout.contains(": 1 letter, "), "\(verify.stdout)")
        try FileIO.writeAll(dir + "/one/b.txt", Array("no letter here".utf8))
        let two = try TestSupport.run(["index", "one", "--index", "one.idx", "--jobs", "2"], in: dir)
        #expect(two.stderr.contains("indexed 2 letters, "), "\(two.stderr)")
        #expect(two.stderr.contains(" with 2 jobs; 1 letter with warnings"), "\(two.stderr)")
    }

    @Test func aDefaultIndexOfAnotherFormatVersionIsRebuiltButAGivenOneIsRefused() throws {
        let dir = try Self.freshWorkspace()
        // A real index whose header says it is of the previous format version.
        var bytes = try FileIO.readAll(TestSupport.corpusIndex)
        bytes[8] = UInt8(IndexFormat.version - 1)
        try FileIO.writeAll(dir + "/imrsearch.idx", bytes)
        try FileIO.writeAll(dir + "/other.idx", bytes)
        let given = try TestSupport.run(["mri", "--index", "other.idx"], in: dir)
        #expect(given.status == 3)
        #expect(given.stderr.contains("format version \(IndexFormat.version - 1)"))
        #expect(given.stderr.contains("rebuild with: imrsearch index"))
        let first = try TestSupport.run(["mri"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("is in index format \(IndexFormat.version - 1)"))
        #expect(first.stderr.contains("rebuilding it from corpus/"))
        #expect(first.stdout.contains("matching decisions"))
        #expect(IndexReader.otherFormatVersion(path: dir + "/imrsearch.idx") == nil)
        #expect(try IndexReader(path: dir + "/imrsearch.idx").letterCount > 60)
    }

    @Test func jsonLinesHaveTheDocumentedKeysAndAgreeWithCount() throws {
        let index = TestSupport.corpusIndex
        let json = try TestSupport.run(["search", "mri", "--index", index, "--json", "--limit", "1000"])
        #expect(json.status == 0)
        let lines = json.stdout.split(separator: "\n")
        let count = try TestSupport.run(["mri", "--index", index, "--count"])
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == lines.count)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(
                Set(object?.keys.map { $0 } ?? [])
                    == [
                        "file", "case_number", "item", "treatment", "decision", "sources", "pages", "score",
                        "snippet",
                    ])
            #expect(["upheld", "overturned", "other"].contains(object?["decision"] as? String ?? ""))
        }
    }

    @Test func csvHasAHeaderAndOneRowPerHit() throws {
        let out = try TestSupport.run([
            "acupuncture", "--index", TestSupport.corpusIndex, "--csv", "--limit", "3",
        ])
        #expect(out.status == 0)
        #expect(
            out.stdout.hasPrefix("file,case_number,item,treatment,decision,sources,pages,score,snippet"))
    }

    @Test func exitCodesAreAsDocumented() throws {
        let index = TestSupport.corpusIndex
        #expect(try TestSupport.run(["zzzznotaword", "--index", index]).status == 1)
        let syntax = try TestSupport.run(["foo:bar", "--index", index])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("^"))
        #expect(try TestSupport.run(["\"unbalanced", "--index", index]).status == 2)
        #expect(try TestSupport.run(["--index", index]).status == 2)
        #expect(try TestSupport.run(["mri", "--limit", "x", "--index", index]).status == 2)
        let missing = try TestSupport.run(["mri", "--index", "/nonexistent/x.idx"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no index at /nonexistent/x.idx"))
        let dir = TestSupport.temporaryDirectory()
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: dir + "/bad.idx"))
        let bad = try TestSupport.run(["mri", "--index", dir + "/bad.idx"])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("index is corrupt or not an imrsearch index"))
        #expect(try TestSupport.run(["verify", "--index", dir + "/bad.idx"]).status == 3)
        #expect(try TestSupport.run(["index", "/nonexistent/letters"]).status == 2)
    }

    @Test func verifySaysOKOnAFreshIndex() throws {
        let out = try TestSupport.run(["verify", "--index", TestSupport.corpusIndex])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("OK"))
    }

    @Test func verifyReportsAFlippedByteWithExitOne() throws {
        let dir = TestSupport.temporaryDirectory()
        var bytes = try FileIO.readAll(TestSupport.corpusIndex)
        bytes[bytes.count - 10] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/flipped.idx"))
        let out = try TestSupport.run(["verify", "--index", dir + "/flipped.idx"])
        #expect(out.status == 1)
        #expect(out.stdout.contains("checksum mismatch"))
    }

    @Test func showPrintsALetterAndOneItem() throws {
        let index = TestSupport.corpusIndex
        let letter = try TestSupport.run(["show", "CM16-0213037", "--index", index])
        #expect(letter.status == 0)
        #expect(letter.stdout.contains("MRI of the right shoulder without contrast"))
        let item = try TestSupport.run(["show", "CM16-0213037#2", "--index", index])
        #expect(item.status == 0)
        #expect(item.stdout.contains("Treatment: MRI of the cervical spine without contrast"))
        #expect(item.stdout.contains("Decision: upheld"))
        #expect(try TestSupport.run(["show", "CM16-0213037#9", "--index", index]).status == 1)
        #expect(try TestSupport.run(["show", "CM99-0000000", "--index", index]).status == 1)
    }

    @Test(arguments: ["index", "verify", "show", "search", "parse", "stats", "similar"])
    func everyCommandHasHelp(_ command: String) throws {
        let out = try TestSupport.run([command, "--help"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("usage: imrsearch"))
    }

    @Test func limitZeroStillCountsTheMatches() throws {
        let out = try TestSupport.run(["acupuncture", "--index", TestSupport.corpusIndex, "--limit", "0"])
        let count = try TestSupport.run(["acupuncture", "--index", TestSupport.corpusIndex, "--count"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + " matching"))
    }

    @Test func plainOutputHasNoEscapeCodesWhenPiped() throws {
        let out = try TestSupport.run(["acupuncture", "--index", TestSupport.corpusIndex])
        #expect(out.status == 0)
        #expect(!out.stdout.contains("\u{1B}["))
    }
}
