// TestSupport: shared fixtures for the index and search tests — the package root, the bundled corpus,
// temporary folders, building an index once per test process, and running the built `imrsearch` binary.
import Foundation
import IMRSynthesis

@testable import IMRSearch

enum TestSupport {
    /// Writes synthetic letter `index` of `seed` under `folder`, at the letter's own relative path (its
    /// folders created); returns the file's path.
    @discardableResult
    static func writeSyntheticLetter(_ index: Int, seed: UInt64, under folder: String) -> String {
        let letter = SyntheticLetters.letter(index: index, seed: seed)
        let path = folder + "/" + letter.path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! FileIO.writeAll(path, letter.bytes)
        return path
    }

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var corpus: String { packageRoot + "/corpus" }

    /// The folder holding this test process's temporary folders: `imrsearch-tests-<pid>` in the system's
    /// temporary folder, removed when the process exits. A run that crashed leaves its folder behind; the
    /// next run removes the folders of processes that are gone.
    static let temporaryRoot: String = {
        let base = NSTemporaryDirectory()
        let prefix = "imrsearch-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: base + "/" + name) }
        }
        let root = base + "/" + prefix + "\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestSupport.temporaryRoot) }
        return root
    }()

    /// A new empty temporary folder (inside `temporaryRoot`).
    static func temporaryDirectory(_ name: String = "imrsearch-test") -> String {
        let path = temporaryRoot + "/\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every letter file of the bundled corpus, in index order.
    static var corpusFiles: [String] { CorpusWalker(paths: [corpus]).files }

    /// The parsed records of the corpus, in index order (read as the index build reads them: a PDF's
    /// twin text is the letter; the walk of corpus/ holds no PDF without one).
    static let corpusRecords: [LetterRecord] = {
        let files = corpusFiles
        return zip(files, LetterReader().read(files)).map { file, bytes in
            LetterParser.parse(bytes: (try? bytes.get()) ?? [], file: file)
        }
    }()

    /// An index of the bundled corpus, built once per test process (small batches, two jobs, so the
    /// merge of several runs is exercised).
    static let corpusIndex: String = {
        let dir = temporaryDirectory("imrsearch-corpus-index")
        let path = dir + "/corpus.idx"
        _ = try! IndexBuilder.build(
            IndexBuildOptions(paths: [corpus], indexPath: path, jobs: 2, batchLetters: 9, runMemoryBudget: 20_000))
        return path
    }()

    /// The built `imrsearch` executable beside the test bundle.
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("imrsearch").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot + "/.build/debug/imrsearch"
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the `imrsearch` binary (or `executable`) with `arguments` in `directory`, NO_COLOR set and
    /// IMRSEARCH_INDEX unset. With `timeLimit`, the process is killed after that many seconds (a build must
    /// never block); a status below 0 is the signal that ended it.
    static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        executable: String? = nil, timeLimit: Double? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "IMRSEARCH_INDEX")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let timer = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeLimit { DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: timer) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return Outcome(
            status: process.terminationReason == .uncaughtSignal
                ? -process.terminationStatus : process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension TestSupport {
    /// `text` as one word for /bin/sh (single quotes).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
