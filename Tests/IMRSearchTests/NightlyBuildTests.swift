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

    @Test func leftoversOfAKilledRunAreRemovedByTheNextBuildNeverByASearch() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-leftovers")
        let index = dir + "/live.idx"
        let build = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index])
        #expect(build.status == 0, "\(build.stderr)")
        let dead: Int32 = 999_999  // beyond pid_max on Linux: a process that is gone
        let leftovers = [
            "live.idx.tmp-\(dead)-12345",  // an index being written
            "live.idx.delta.tmp-\(dead)-77",  // a delta being written (index --update)
            "live.idx.build-\(dead)/run-000000",  // a spilled run
            "live.idx.build-\(dead)/postings-0",  // merge scratch
        ]
        let kept = [
            "live.idx.tmp-\(getpid())-1",  // a temporary of a process still running
            "other.idx.tmp-\(dead)-5",  // another index's
            "live.idx.tmp-notes.txt",  // not a temporary's name
        ]
        try FileManager.default.createDirectory(
            atPath: dir + "/live.idx.build-\(dead)", withIntermediateDirectories: true)
        for name in leftovers + kept { try FileIO.writeAll(dir + "/" + name, [1, 2, 3]) }
        func present() -> [String] {
            (leftovers + kept).filter { FileIO.exists(dir + "/" + $0) }
        }

        for args in [
            ["acupuncture", "--index", index], ["search", "mri", "--json", "--index", index],
            ["stats", "--index", index], ["verify", "--index", index], ["show", "CM16-0213037", "--index", index],
            ["similar", TestSupport.packageRoot + "/docs/examples/ur-denial-cyclobenzaprine.txt", "--index", index],
        ] {
            let outcome = try TestSupport.run(args)
            #expect(outcome.status <= 1, "\(args): \(outcome.stderr)")
            #expect(present() == leftovers + kept, "\(args) removed leftovers")
        }
        let next = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index, "--quiet"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(present() == kept)
        #expect(!FileIO.exists(dir + "/live.idx.build-\(dead)"))
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir))
                == Set(["live.idx", "live.idx.lock"] + kept))
    }

    /// Runs the binary under a file size limit (`ulimit -f`, in the shell's blocks of 512 or 1024 bytes)
    /// with SIGXFSZ ignored (inherited across exec), so writes past the limit fail with EFBIG ("File too
    /// large") as on a full disk they fail with ENOSPC.
    static func runLimited(blocks: Int, _ arguments: [String]) throws -> TestSupport.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", "trap '' XFSZ; ulimit -f \(blocks) && exec \"$0\" \"$@\"", TestSupport.binary] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        return TestSupport.Outcome(
            status: process.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
    }

    @Test func aBuildWhoseWritesFailExits4KeepsThePreviousIndexAndRemovesItsTemporaries() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-full")
        let index = dir + "/live.idx"
        let first = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try FileIO.readAll(index)
        // The whole corpus makes a bigger index than the seeds' (about 0.5 MB).
        // 1 block: the merge's first scratch file fails; 250 blocks (125 or 250 KB): the index file fails.
        for blocks in [1, 250] {
            let outcome = try Self.runLimited(
                blocks: blocks, ["index", TestSupport.corpus, "--index", index, "--quiet"])
            #expect(outcome.status == ExitCode.buildFailed, "\(blocks) blocks: \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("imrsearch index: \(index)."), "\(outcome.stderr)")  // names the file
            #expect(outcome.stderr.contains(": write failed: File too large"), "\(outcome.stderr)")
            #expect(
                outcome.stderr.hasSuffix("; nothing was published: the previous index \(index) is kept as it was\n"))
            #expect(outcome.stderr.split(separator: "\n").count == 1)
            #expect(try FileIO.readAll(index) == before)
            #expect(
                Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["live.idx", "live.idx.lock"])
        }
        // Without the limit the same build goes through.
        let after = try Self.runLimited(blocks: 1 << 20, ["index", TestSupport.corpus, "--index", index, "--quiet"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try FileIO.readAll(index) != before)
    }
}
