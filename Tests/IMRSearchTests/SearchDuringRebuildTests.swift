// Searching during rebuilds (issue 12): searches run in a loop in other processes while builds publish
// into the same index path, alternating between two letter sets A and B with different answers. Every
// search answers exactly as the index before or after some publish does (for full builds: exactly A's or
// B's answer), exits 0 and prints no error: never a half-written or mixed index.
// Parametric in the build command (`BuildCommand.all`, KilledBuildTests.swift); updates publishing deltas
// are tested the same way in UpdateSafetyTests.
import Foundation
import Testing

@testable import IMRSearch

@Suite(.serialized) struct SearchDuringRebuildTests {
    static let query = "medically necessary"
    static let builds = 10

    /// Two letter sets: A the seeds and the first half of the real letters, B the other half.
    static func letterSets(in dir: String) throws -> (a: String, b: String) {
        let all = CorpusWalker(paths: [TestSupport.corpus + "/seeds", TestSupport.corpus + "/real"]).files
            .filter { !CorpusWalker.isPDF($0) }
        let half = 5 + (all.count - 5) / 2
        for (name, files) in [("A", all[..<half]), ("B", all[half...])] {
            try FileManager.default.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: true)
            for file in files {
                try FileManager.default.copyItem(atPath: file, toPath: dir + "/" + name + "/" + lastComponent(of: file))
            }
        }
        return (dir + "/A", dir + "/B")
    }

    /// What `imrsearch QUERY --json` prints (stdout and stderr together) and its status, as the looping
    /// searchers record it.
    static func answer(_ index: String) throws -> String {
        let out = try TestSupport.run([query, "--json", "--limit", "5", "--index", index])
        return out.stderr + out.stdout + "exit \(out.status)\n"
    }

    static let searcherScript = """
        i=0
        while [ ! -e "$STOP" ]; do
          i=$((i + 1))
          { "$IMRSEARCH_BIN" "$QUERY" --json --limit 5 --index "$INDEX" 2>&1; echo "exit $?"; } > "$OUT/$WORKER-$i"
        done
        """

    /// Two processes searching `query` in a loop on `index`, each answer a file in `out`, until `stop`
    /// exists.
    static func startSearchers(query: String, index: String, out: String, stop: String) throws -> [Process] {
        var searchers: [Process] = []
        for worker in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", searcherScript]
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "IMRSEARCH_INDEX")
            env["NO_COLOR"] = "1"
            env["IMRSEARCH_BIN"] = TestSupport.binary
            env["QUERY"] = query
            env["INDEX"] = index
            env["OUT"] = out
            env["STOP"] = stop
            env["WORKER"] = "w\(worker)"
            process.environment = env
            try process.run()
            searchers.append(process)
        }
        return searchers
    }

    @Test(arguments: BuildCommand.all) func everySearchAnswersFromTheOldOrTheNewIndex(command: BuildCommand) throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-rebuild")
        let (a, b) = try Self.letterSets(in: dir)
        // The two answers, from indexes of their own.
        for (name, letters) in [("a.idx", a), ("b.idx", b)] {
            #expect(try TestSupport.run(["index", letters, "--index", dir + "/" + name, "--quiet"]).status == 0)
        }
        let answerA = try Self.answer(dir + "/a.idx")
        let answerB = try Self.answer(dir + "/b.idx")
        #expect(answerA != answerB)
        #expect(answerA.hasSuffix("exit 0\n") && answerB.hasSuffix("exit 0\n"))

        let index = dir + "/live.idx"
        #expect(try TestSupport.run(["index", a, "--index", index, "--quiet"]).status == 0)
        var states: Set<String> = [try Self.answer(index)]
        let out = dir + "/answers"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let searchers = try Self.startSearchers(query: Self.query, index: index, out: out, stop: dir + "/stop")
        for k in 0..<Self.builds {
            let built = try TestSupport.run(command.arguments(k % 2 == 0 ? b : a, index))
            #expect(built.status == 0, "build \(k): \(built.stderr)")
            states.insert(try Self.answer(index))
        }
        try FileIO.writeAll(dir + "/stop", [])
        for process in searchers { process.waitUntilExit() }

        if command.name == BuildCommand.full.name { #expect(states == [answerA, answerB]) }
        #expect(states.count >= 2)
        let answers = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(answers.count >= 2 * Self.builds, "too few searches ran during the builds: \(answers.count)")
        var seen: [String: Int] = [:]
        for name in answers {
            let text = String(decoding: try FileIO.readAll(out + "/" + name), as: UTF8.self)
            #expect(states.contains(text), "\(name) answered from neither index:\n\(text)")
            seen[text, default: 0] += 1
        }
        #expect(seen.count >= 2, "the searches saw only one index")
    }
}
