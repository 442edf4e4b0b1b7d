// Crash safety of index builds (issue 12): a build killed with SIGKILL at every phase boundary and at
// seeded random moments leaves the previous index as it was — it opens, verifies and answers a fixed
// query set identically every time — and the next run leaves no garbage in the index folder.
//
// The harness is parametric in the build command (`BuildCommand.all`). `index --update` over unchanged
// letters does nothing, so its kills are tested where an update has work to do (UpdateSafetyTests). Each
// command runs over a copy of the bundled text letters into an index that already exists
// (built with the same command over the same letters), so whether a kill lands before or after the
// rename, the published files must be byte-identical to the ones before.
// Default: 50 kill points (8 phase boundaries + 42 random moments) per command; IMRSEARCH_LONG_TESTS=1
// adds 200 random moments more.
import Foundation
import Testing

@testable import IMRSearch

/// An `imrsearch` command line that (re)builds `index` from the letters under `letters`.
struct BuildCommand: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: @Sendable (_ letters: String, _ index: String) -> [String]
    /// The kill points (TestKillPoint) the command passes.
    var killPoints: [String] = TestKillPoint.buildPoints

    var testDescription: String { name }

    static let full = BuildCommand(name: "index") { letters, index in
        ["index", letters, "--index", index, "--quiet"]
    }

    /// Every build command the crash and concurrency tests run (updates: UpdateSafetyTests).
    static let all: [BuildCommand] = [.full]
}

@Suite(.serialized) struct KilledBuildTests {
    /// The fixed queries: a term, a phrase, AND, OR, a filter, a prefix.
    static let queries = [
        "acupuncture", "\"medically necessary\"", "mri AND lumbar", "norco OR tramadol",
        "decision:overturned year:2016..", "acupunct*",
    ]

    /// Each query's JSON hits and exit status, as the `imrsearch` binary answers them (one shell runs
    /// them all: a process per query costs less than through Foundation).
    static func answers(_ index: String) throws -> [String] {
        let script = """
            for q in "$@"; do "$IMRSEARCH_BIN" "$q" --json --limit 20 --index "$IMRSEARCH_TEST_INDEX" 2>&1
            echo "exit $?"; printf '\\036\\n'; done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh"] + queries
        var env = ProcessInfo.processInfo.environment
        env["IMRSEARCH_BIN"] = TestSupport.binary
        env["IMRSEARCH_TEST_INDEX"] = index
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\u{1E}\n").dropLast()
    }

    /// A copy of the bundled text letters (no PDFs: no pdftotext children to outlive a kill).
    static func copyOfLetters(into dir: String) throws -> String {
        let letters = dir + "/letters"
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        for file in TestSupport.corpusFiles where !CorpusWalker.isPDF(file) {
            let name = lastComponent(of: parentDirectory(of: file)) + "-" + lastComponent(of: file)
            try FileManager.default.copyItem(atPath: file, toPath: letters + "/" + name)
        }
        return letters
    }

    static func isLeftover(_ name: String) -> Bool { name.contains(".tmp-") || name.contains(".build-") }

    /// The published files of the index folder (the lock and leftovers aside), with their bytes.
    static func published(_ folder: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder)
        where !isLeftover(name) && !name.hasSuffix(".lock") {
            files[name] = try FileIO.readAll(folder + "/" + name)
        }
        return files
    }

    /// Runs `arguments` and kills the process after `delay` seconds (nil: let it run). Returns true when
    /// it died of SIGKILL, false when it finished (its status must be 0).
    static func runKilled(
        _ arguments: [String], killAt point: String? = nil, after delay: Double? = nil,
        environment: [String: String] = [:]
    ) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "IMRSEARCH_INDEX")
        if let point { env["IMRSEARCH_TEST_KILL_AT"] = point }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            #expect(process.terminationStatus == SIGKILL)
            return true
        }
        #expect(process.terminationStatus == 0, "\(arguments) exited \(process.terminationStatus)")
        return false
    }

    @Test(arguments: BuildCommand.all) func aKilledBuildKeepsThePreviousIndexAndTheNextRunLeavesNoGarbage(
        command: BuildCommand
    ) throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-killed")
        let letters = try Self.copyOfLetters(into: dir)
        let folder = dir + "/index"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let index = folder + "/live.idx"
        let arguments = command.arguments(letters, index)
        let first = try TestSupport.run(["index", letters, "--index", index, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let clock = Date()
        #expect(try !Self.runKilled(arguments))  // the command once, to its end: the state to keep
        let duration = Date().timeIntervalSince(clock)
        let before = try Self.published(folder)
        let beforeAnswers = try Self.answers(index)
        #expect(beforeAnswers.count == Self.queries.count)
        #expect(beforeAnswers.allSatisfy { $0.hasSuffix("}\nexit 0\n") }, "\(beforeAnswers)")

        var rng = SplitMix(seed: 20_261_201)
        let randomKills = 42 + (ProcessInfo.processInfo.environment["IMRSEARCH_LONG_TESTS"] == "1" ? 200 : 0)
        var points: [(point: String?, delay: Double?)] = command.killPoints.map { ($0, nil) }
        for _ in 0..<randomKills {
            points.append((nil, duration * 0.9 * Double(rng.next() % 10_000) / 10_000))
        }
        var killed = 0
        var finishedFirst = 0
        for (point, firstDelay) in points {
            var delay = firstDelay
            var died = try Self.runKilled(arguments, killAt: point, after: delay)
            // A random moment after the build had finished kills nothing: draw an earlier one.
            while !died, let d = delay, finishedFirst < 200 {
                finishedFirst += 1
                delay = d * Double(rng.next() % 1_000) / 1_000
                died = try Self.runKilled(arguments, killAt: point, after: delay)
            }
            let label = point.map { "killed at \($0)" } ?? "killed after \(Int((delay ?? 0) * 1000)) ms"
            #expect(died, "\(label): the build was not killed")
            if died { killed += 1 }

            // The previous index: the same bytes, opens, verifies, answers the same.
            #expect(try Self.published(folder) == before, "\(label): published files changed")
            let reader = try IndexReader(path: index)
            #expect(try Self.answers(index) == beforeAnswers, "\(label): answers changed")
            // Verified beside the next run (the reader keeps the previous file mapped): half the time on
            // two cores.
            let verified = DispatchGroup()
            DispatchQueue.global().async(group: verified) {
                #expect(IndexVerifier.verify(reader) == [], "\(label)")
            }
            defer { verified.wait() }
            // The next run succeeds and leaves nothing behind.
            let next = try TestSupport.run(arguments)
            #expect(next.status == 0, "\(label): next run: \(next.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.filter(Self.isLeftover) == [], "\(label): garbage after the next run: \(names)")
            #expect(try Self.published(folder) == before, "\(label): the next run published other bytes")
        }
        #expect(killed >= 50)
    }
}
