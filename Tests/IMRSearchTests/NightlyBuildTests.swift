// Nightly rebuilds (issue 12): `index --quiet` prints only what needs attention; leftovers of a killed run
// are removed by the next build and never by a search; a build whose writes fail (file too large) exits 4,
// keeps the previous index byte for byte and leaves no temporary files.
import Foundation
import Testing

@testable import IMRSearch

@Suite(.serialized) struct NightlyBuildTests {
    /// A folder of letters: the seeds, one letter the parser warns about (indexed), one PDF pdftotext cannot
    /// read (left out; the test's "pdftotext" is /bin/false).
    static func lettersWithProblems() throws -> String {
        let dir = TestSupport.temporaryDirectory("imrsearch-quiet")
        try FileManager.default.createDirectory(atPath: dir + "/letters", withIntermediateDirectories: true)
        for file in CorpusWalker(paths: [TestSupport.corpus + "/seeds"]).files {
            try FileManager.default.copyItem(atPath: file, toPath: dir + "/letters/" + lastComponent(of: file))
        }
        try FileIO.writeAll(dir + "/letters/noise.txt", Array("hello world\n".utf8))
        try FileIO.writeAll(dir + "/letters/damaged.pdf", Array("%PDF-1.4 not really\n".utf8))
        return dir
    }

    @Test func quietPrintsNothingButFailuresAndLettersLeftOut() throws {
        let dir = try Self.lettersWithProblems()
        let env = ["IMRSEARCH_PDFTOTEXT": "/bin/false"]
        let index = dir + "/q.idx"
        let loud = try TestSupport.run(["index", dir + "/letters", "--index", index], environment: env)
        #expect(loud.status == 0, "\(loud.stderr)")
        #expect(loud.stderr.contains("noise.txt: no disputed items"))
        #expect(loud.stderr.contains("indexed 6 letters"))

        let quiet = try TestSupport.run(
            ["index", dir + "/letters", "--index", index, "--quiet"], environment: env)
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
        // Only the letter left out of the index: no parser warning, no summary.
        #expect(
            quiet.stderr
                == "imrsearch: warning: skipped \(dir)/letters/damaged.pdf: pdftotext failed (exit 1): the file is not a readable PDF\n"
        )

        // Every letter indexed: silence.
        try FileManager.default.removeItem(atPath: dir + "/letters/damaged.pdf")
        let silent = try TestSupport.run(
            ["index", dir + "/letters", "--index", index, "--quiet"], environment: env)
        #expect(silent.status == 0)
        #expect(silent.stdout + silent.stderr == "")

        // A failure is always printed.
        let lock = try FileLock(path: index + ".lock")
        let locked = try TestSupport.run(["index", dir + "/letters", "--index", index, "--quiet"])
        lock.release()
        #expect(locked.status == ExitCode.buildFailed)
        #expect(locked.stdout == "")
        #expect(locked.stderr.contains("is building this index"))
        let missing = try TestSupport.run(["index", dir + "/nowhere", "--index", index, "--quiet"])
        #expect(missing.status == ExitCode.usage)
        #expect(missing.stderr.contains("nowhere"))

        let both = try TestSupport.run(["index", dir + "/letters", "--index", index, "--quiet", "--json"])
        #expect(both.status == ExitCode.usage)
        let help = try TestSupport.run(["index", "--help"])
        #expect(help.stdout.contains("--quiet"))
    }
}
