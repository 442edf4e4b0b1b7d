// Crash safety and concurrent searching for `index --update` (issue 12). An update publishes the delta
// file only; killed at any phase boundary or at a seeded random moment, it leaves the index as it was
// before (byte for byte) or, past the delta's rename, as the finished update leaves it — never anything
// else — and the next update finishes it and leaves no garbage. Searches looping in other processes while
// updates alternate between two letter sets each answer exactly as a full build of one of the sets.
import Foundation
import IMRSynthesis
import Testing

@testable import IMRSearch

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct UpdateSafetyTests {
    /// A folder of the bundled text letters and 60 synthetic ones (so a few changes stay a delta).
    static func letters(in dir: String) throws -> String {
        let letters = try KilledBuildTests.copyOfLetters(into: dir)
        for k in 0..<60 {
            try FileIO.writeAll(letters + "/synthetic-\(k).txt", SyntheticLetters.letter(index: k, seed: 11).bytes)
        }
        return letters
    }

    /// The night's change: two letters gone, one rewritten, one new.
    static func change(_ letters: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: letters).sorted()
        unlink(letters + "/" + names[3])
        unlink(letters + "/" + names[40])
        let rewritten = letters + "/" + names[10]
        try FileIO.writeAll(rewritten, try FileIO.readAll(rewritten) + Array("\nAcupuncture was denied again.\n".utf8))
        try FileIO.writeAll(letters + "/new-letter.txt", SyntheticLetters.letter(index: 500, seed: 11).bytes)
    }

    static let update = BuildCommand(name: "index --update") { letters, index in
        ["index", "--update", letters, "--index", index, "--quiet"]
    }

    @Test func aKilledUpdateLeavesTheOldOrTheNewStateAndTheNextRunFinishesIt() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-killed-update")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let letters = try Self.letters(in: dir)
        let folder = dir + "/index"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let index = folder + "/live.idx"
        let environment = ["IMRSEARCH_TODAY": "2026-12-01"]
        #expect(
            try TestSupport.run(["index", letters, "--index", index, "--quiet"], environment: environment).status == 0)
        let old = try KilledBuildTests.published(folder)
        let oldAnswers = try KilledBuildTests.answers(index)
        try Self.change(letters)
        let arguments = Self.update.arguments(letters, index)
        // The finished update's state, once, on a copy.
        let clock = Date()
        #expect(try !KilledBuildTests.runKilled(arguments, environment: environment))
        let duration = Date().timeIntervalSince(clock)
        let new = try KilledBuildTests.published(folder)
        let newAnswers = try KilledBuildTests.answers(index)
        #expect(new[lastComponent(of: index) + ".delta"] != nil, "the update wrote no delta")
        #expect(newAnswers != oldAnswers)

        func restoreOld() throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) { unlink(folder + "/" + name) }
            for (name, bytes) in old { try FileIO.writeAll(folder + "/" + name, bytes) }
        }
        var rng = SplitMix(seed: 20_261_202)
        var points: [(String?, Double?)] = TestKillPoint.buildPoints.map { ($0, nil) }
        let random = 42 + (ProcessInfo.processInfo.environment["IMRSEARCH_LONG_TESTS"] == "1" ? 200 : 0)
        for _ in 0..<random { points.append((nil, duration * 0.9 * Double(rng.next() % 10_000) / 10_000)) }
        var killed = 0
        var sawNew = 0
        for (point, firstDelay) in points {
            try restoreOld()
            var delay = firstDelay
            var died = try KilledBuildTests.runKilled(arguments, killAt: point, after: delay, environment: environment)
            var retries = 0
            while !died, let d = delay, retries < 20 {
                retries += 1
                try restoreOld()
                delay = d * Double(rng.next() % 1_000) / 1_000
                died = try KilledBuildTests.runKilled(arguments, killAt: point, after: delay, environment: environment)
            }
            let label = point.map { "killed at \($0)" } ?? "killed after \(Int((delay ?? 0) * 1000)) ms"
            #expect(died, "\(label): the update was not killed")
            if died { killed += 1 }
            let now = try KilledBuildTests.published(folder)
            let eitherState = now == old || now == new
            #expect(eitherState, "\(label): the published files are neither state")
            if now == new { sawNew += 1 }
            let sameAnswers = try KilledBuildTests.answers(index) == (now == new ? newAnswers : oldAnswers)
            #expect(sameAnswers, "\(label): answers")
            #expect(IndexVerifier.verify(try IndexSnapshot.open(path: index)) == [], "\(label)")
            let next = try TestSupport.run(arguments, environment: environment)
            #expect(next.status == 0, "\(label): next run: \(next.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.filter(KilledBuildTests.isLeftover) == [], "\(label): garbage after the next run: \(names)")
            let finished = try KilledBuildTests.published(folder) == new
            #expect(finished, "\(label): the next run published other bytes")
        }
        #expect(killed >= 50)
        #expect(sawNew >= 1 && sawNew < killed, "kills should land on both sides of the publish")
    }

    @Test func everySearchDuringUpdatesAnswersAsAFullBuildOfOneOfTheStates() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-update-search")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let x = try Self.letters(in: dir + "/x")
        // Y: X after the night's change.
        let y = dir + "/y/letters"
        try FileManager.default.createDirectory(atPath: dir + "/y", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: x, toPath: y)
        // The copies keep the originals' times (as `cp -p`): only the night's change differs.
        for name in try FileManager.default.contentsOfDirectory(atPath: x) {
            var info = stat()
            guard stat(x + "/" + name, &info) == 0 else { continue }
            var times = [info.st_atim, info.st_mtim]  // to the nanosecond (a Foundation Date is coarser)
            _ = utimensat(AT_FDCWD, y + "/" + name, &times, 0)
        }
        try Self.change(y)
        let query = "acupuncture"
        func answer(_ index: String) throws -> String {
            let out = try TestSupport.run([query, "--json", "--limit", "5", "--index", index])
            return out.stderr + out.stdout + "exit \(out.status)\n"
        }
        // The live folder switches between X and Y by renaming; full builds of each give the two answers.
        let live = dir + "/live"
        #expect(rename(x, live) == 0)
        #expect(try TestSupport.run(["index", live, "--index", dir + "/x.idx", "--quiet"]).status == 0)
        #expect(rename(live, x) == 0)
        #expect(rename(y, live) == 0)
        #expect(try TestSupport.run(["index", live, "--index", dir + "/y.idx", "--quiet"]).status == 0)
        #expect(rename(live, y) == 0)
        let answers: Set<String> = [try answer(dir + "/x.idx"), try answer(dir + "/y.idx")]
        #expect(answers.count == 2)

        let index = dir + "/live.idx"
        #expect(rename(x, live) == 0)
        #expect(try TestSupport.run(["index", live, "--index", index, "--quiet"]).status == 0)
        let out = dir + "/answers"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let searchers = try SearchDuringRebuildTests.startSearchers(
            query: query, index: index, out: out, stop: dir + "/stop")
        var deltas = 0
        for k in 0..<10 {
            // Swap the folder's content: X → Y or Y → X, then update.
            let (current, other) = k % 2 == 0 ? (x, y) : (y, x)
            #expect(rename(live, current) == 0)
            #expect(rename(other, live) == 0)
            let updated = try TestSupport.run(["index", "--update", live, "--index", index, "--json"])
            #expect(updated.status == 0, "update \(k): \(updated.stderr)")
            if updated.stdout.contains("\"mode\":\"update\"") { deltas += 1 }
            #expect(answers.contains(try answer(index)), "update \(k) answers as neither state")
        }
        try FileIO.writeAll(dir + "/stop", [])
        for process in searchers { process.waitUntilExit() }
        #expect(deltas >= 9, "the updates should publish deltas, not full builds")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count >= 20, "too few searches ran during the updates: \(files.count)")
        var seen = Set<String>()
        for name in files {
            let text = String(decoding: try FileIO.readAll(out + "/" + name), as: UTF8.self)
            #expect(answers.contains(text), "\(name) answered as neither state:\n\(text)")
            seen.insert(text)
        }
        #expect(seen.count == 2, "the searches saw only one state")
    }
}
