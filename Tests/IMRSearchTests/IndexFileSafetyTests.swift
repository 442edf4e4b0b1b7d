// The index file as untrusted input and as a published artifact: truncation and bit flips always give a
// clean error (never a crash); the bytes do not depend on --jobs; a second concurrent build fails fast on
// the lock; a build killed midway leaves the previous index intact and its leftovers are cleaned next time.
import Foundation
import Testing

@testable import IMRSearch

@Suite(.serialized) struct IndexFileSafetyTests {
    static func build(_ paths: [String], _ index: String, jobs: Int, batch: Int = 9) throws
        -> IndexBuildSummary
    {
        try IndexBuilder.build(
            IndexBuildOptions(paths: paths, indexPath: index, jobs: jobs, batchLetters: batch))
    }

    static let seedsIndex: (path: String, bytes: [UInt8]) = {
        let dir = TestSupport.temporaryDirectory("imrsearch-safety")
        let path = dir + "/seeds.idx"
        _ = try! build([TestSupport.corpus + "/seeds"], path, jobs: 1, batch: 2)
        return (path, try! FileIO.readAll(path))
    }()

    /// Opening must throw a corrupt-index error, or open and then fail `verify`; queries on whatever
    /// opens must not crash.
    func assertRejected(_ bytes: [UInt8], _ label: String) throws {
        let path = TestSupport.temporaryDirectory("imrsearch-damaged") + "/x.idx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            let reader = try IndexReader(path: path)
            let problems = IndexVerifier.verify(reader)
            #expect(!problems.isEmpty, "\(label): damage not detected")
            let searcher = Searcher(reader: reader)
            for q in [
                "patient", "\"medically necessary\"", "acupunct*", "decision:upheld", "summary:injured",
            ] {
                if let query = try? QueryParser.parse(q) {
                    _ = try? searcher.search(query, limit: 5)
                    _ = try? searcher.count(query)
                }
            }
            for letter in 0..<min(reader.letterCount, 3) { _ = reader.record(ofLetter: letter) }
        } catch let error as IndexError {
            guard case .corrupt(_, let detail) = error else {
                Issue.record("\(label): unexpected \(error)")
                return
            }
            #expect(!detail.isEmpty)
            #expect(error.description.contains("rebuild with: imrsearch index"))
        }
    }

    @Test func truncationAtManyOffsetsIsAlwaysACleanError() throws {
        let bytes = Self.seedsIndex.bytes
        var offsets = Set([0, 1, 7, 8, 63, 64, 65, 200, 511, bytes.count - 1, bytes.count - 8])
        var i = 0
        while i < bytes.count {
            offsets.insert(i)
            i += max(1, bytes.count / 60)
        }
        for offset in offsets.sorted() where offset < bytes.count {
            try assertRejected(Array(bytes[0..<offset]), "truncated at \(offset)")
        }
    }

    @Test func randomBitFlipsAreDetected() throws {
        let bytes = Self.seedsIndex.bytes
        var rng = SplitMix(seed: 42)
        for _ in 0..<150 {
            var copy = bytes
            let at = Int(rng.next() % UInt64(copy.count))
            copy[at] ^= UInt8(1 << (rng.next() % 8))
            try assertRejected(copy, "bit flip at \(at)")
        }
    }

    @Test func emptyAndForeignFilesAreRejected() throws {
        try assertRejected([], "empty file")
        try assertRejected(Array("Case Number: CM16-0213037\n".utf8), "a letter, not an index")
        var other = Self.seedsIndex.bytes
        other[8] = 9  // a future format version
        do {
            _ = try IndexReader(
                path: {
                    let p = TestSupport.temporaryDirectory() + "/v.idx"
                    try! Data(other).write(to: URL(fileURLWithPath: p))
                    return p
                }())
            Issue.record("a version 9 file opened")
        } catch let error as IndexError {
            #expect(error.description.contains("version 9"))
        }
        #expect(throws: IndexError.self) { try IndexReader(path: "/nonexistent/imrsearch.idx") }
    }

    @Test func theIndexDoesNotDependOnTheNumberOfJobs() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-jobs")
        _ = try Self.build([TestSupport.corpus], dir + "/one.idx", jobs: 1)
        _ = try Self.build([TestSupport.corpus], dir + "/two.idx", jobs: 2)
        _ = try Self.build([TestSupport.corpus], dir + "/four.idx", jobs: 4)
        // Runs spilled to files instead of kept in memory: the same bytes.
        _ = try IndexBuilder.build(
            IndexBuildOptions(
                paths: [TestSupport.corpus], indexPath: dir + "/spilled.idx", jobs: 2, batchLetters: 9,
                runMemoryBudget: 0))
        #expect(try FileIO.readAll(dir + "/spilled.idx") == (try FileIO.readAll(dir + "/two.idx")))
        let one = try FileIO.readAll(dir + "/one.idx")
        #expect(one == (try FileIO.readAll(dir + "/two.idx")))
        #expect(one == (try FileIO.readAll(dir + "/four.idx")))
    }

    @Test func aBuildThatFindsNoLettersKeepsTheExistingIndex() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-noletters")
        let index = dir + "/kept.idx"
        _ = try Self.build([TestSupport.corpus + "/seeds"], index, jobs: 1)
        let before = try FileIO.readAll(index)
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let outcome = try TestSupport.run(["index", dir + "/empty", "--index", index])
        #expect(outcome.status == ExitCode.usage)
        #expect(outcome.stderr.contains("no letters"))
        #expect(try FileIO.readAll(index) == before)
    }

    @Test func aSecondConcurrentBuildFailsFastOnTheLock() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-lock")
        let index = dir + "/locked.idx"
        let lock = try FileLock(path: index + ".lock")
        let started = LockHolder(pid: getpid(), started: Int(time(nil))).startedText()
        let outcome = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index])
        #expect(outcome.status == ExitCode.buildFailed)
        // The holder is named: this test process, started today (so only the time of day is shown).
        #expect(
            outcome.stderr.hasPrefix(
                "imrsearch index: another imrsearch index (pid \(getpid()), started \(started)) is building this index"),
            "\(outcome.stderr)")
        #expect(started.utf8.count == 8)
        #expect(!FileIO.exists(index))
        // Another day's start shows its date; a lock file naming a process that is gone names nobody.
        #expect(LockHolder(pid: 1, started: Int(time(nil)) - 3 * 86_400).startedText().utf8.count == 19)
        lock.release()
        #expect(try FileIO.readAll(index + ".lock").isEmpty)
        try FileIO.writeAll(index + ".lock", Array("pid 999999999\nstarted 0\n".utf8))
        #expect(FileLock.holder(of: index + ".lock") == nil)
        let second = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileIO.exists(index))
    }

    @Test func aKilledBuildLeavesThePreviousIndexIntactAndNoGarbage() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-kill")
        let index = dir + "/live.idx"
        _ = try Self.build([TestSupport.corpus + "/seeds"], index, jobs: 1)
        let before = try FileIO.readAll(index)
        let reader = try IndexReader(path: index)  // a reader holding the old mapping
        // A corpus large enough that the build is still running when it is killed.
        let big = dir + "/big"
        try FileManager.default.createDirectory(atPath: big, withIntermediateDirectories: true)
        let letters = TestSupport.corpusFiles
        for copy in 0..<40 {
            for (i, file) in letters.enumerated() {
                try FileManager.default.copyItem(atPath: file, toPath: big + "/c\(copy)-\(i).txt")
            }
        }
        var killedMidway = false
        for delay in [300_000, 150_000, 50_000] as [UInt32] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.binary)
            process.arguments = ["index", big, "--index", index, "--jobs", "2"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                if process.terminationReason == .uncaughtSignal {
                    killedMidway = true
                    break
                }
            }
            process.waitUntilExit()
            try Data(before).write(to: URL(fileURLWithPath: index))  // finished too soon: restore and retry
        }
        #expect(killedMidway)
        #expect(try FileIO.readAll(index) == before)
        #expect(reader.letterCount == 5)
        #expect(IndexVerifier.verify(reader) == [])
        // The next build succeeds and removes what the killed one left behind.
        let outcome = try TestSupport.run(["index", TestSupport.corpus + "/seeds", "--index", index])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            $0.contains(".tmp-") || $0.contains(".build-")
        }
        #expect(leftovers == [])
    }

    /// The run of the first `letters` bundled letters, inverted in one batch (and the inverter).
    static func run(ofFirst letters: Int) throws -> (bytes: [UInt8], inverter: BatchInverter) {
        let inverter = BatchInverter(storeDictionary: [])
        for file in TestSupport.corpusFiles.prefix(letters) {
            inverter.add(LetterParser.parse(bytes: try FileIO.readAll(file), file: file))
        }
        return (RunFile.serialize(inverter).array, inverter)
    }

    /// Writes `bytes` as a run file in `dir` and merges it alone: the merge must fail with the run error.
    static func expectMergeFails(ofRun bytes: [UInt8], in dir: String) throws {
        let damaged = dir + "/run-damaged"
        try FileIO.writeAll(damaged, bytes)
        let output = try SectionedFileWriter(destination: dir + "/out.idx")
        let merger = IndexMerger(
            runs: [try RunReader(path: damaged)], output: output, scratchDirectory: dir, jobs: 2, storeDictionary: [])
        #expect(throws: RunFileError.self) { _ = try merger.merge() }
    }

    @Test func aDamagedSpilledRunFailsTheMergeInsteadOfEndingItEarly() throws {
        // A spilled run is read back with pread through a window. If its term list is damaged, the merge must
        // stop with an error naming the run, never take the damage for the end of the list.
        let dir = TestSupport.temporaryDirectory("imrsearch-run")
        let (intactBytes, inverter) = try Self.run(ofFirst: 6)
        var bytes = intactBytes
        let intact = dir + "/run-intact"
        try FileIO.writeAll(intact, bytes)
        // The first term entry's length field (right after the 104-byte header), made absurd.
        let termsStart = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 48, as: UInt64.self)) }
        var cursor = try RunReader(path: intact).termCursor()
        var terms = 0
        while cursor.next() { terms += 1 }
        #expect(cursor.failure == nil, "\(cursor.failure ?? "")")
        #expect(terms == inverter.terms.count)
        for k in 0..<4 { bytes[termsStart + 300 + k] = 0xFF }
        try Self.expectMergeFails(ofRun: bytes, in: dir)
    }

    @Test func aRunWhoseCountsDisagreeWithItsSectionsIsRefusedOnOpen() throws {
        // The merge reads norms and columns by the letter and item counts of the run's header: counts that
        // promise more than the sections hold must stop the build at the run, never read past a section.
        let dir = TestSupport.temporaryDirectory("imrsearch-run-counts")
        let intact = try Self.run(ofFirst: 4).bytes
        try FileIO.writeAll(dir + "/run-intact", intact)
        #expect(try RunReader(path: dir + "/run-intact").letters == 4)
        for (field, value) in [(4, UInt32(5)), (8, UInt32(intact.count)), (4, UInt32.max)] {
            var bytes = intact
            withUnsafeBytes(of: value.littleEndian) { for k in 0..<4 { bytes[field + k] = $0[k] } }
            try FileIO.writeAll(dir + "/run-damaged", bytes)
            #expect(throws: RunFileError.self, "header field at \(field) = \(value)") {
                _ = try RunReader(path: dir + "/run-damaged")
            }
        }
    }

    @Test func aRunWhoseStoredTextBlockOverrunsItsSectionFailsTheMerge() throws {
        // The store section of a run: u32 blocks, then per block u32 raw length | u32 compressed length |
        // bytes. A compressed length past the section must fail the merge, not be copied from beyond it.
        let dir = TestSupport.temporaryDirectory("imrsearch-run-store")
        var bytes = try Self.run(ofFirst: 6).bytes
        // The section offsets follow the 48-byte header: terms, norms, item columns, letter columns, names, store.
        let storeStart = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 48 + 5 * 8, as: UInt64.self)) }
        #expect(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: storeStart, as: UInt32.self) } >= 1)
        for (k, b) in [UInt8](arrayLiteral: 0x00, 0x00, 0x00, 0x7F).enumerated() { bytes[storeStart + 8 + k] = b }
        try Self.expectMergeFails(ofRun: bytes, in: dir)
    }
}

/// A small deterministic generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
