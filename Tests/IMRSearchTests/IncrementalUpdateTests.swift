// IncrementalUpdateTests: `index --update` must answer every query exactly as a full build over the same
// letters: same counts, same hits in the same order, scores within 1e-9, same statistics — after letters
// are added, changed (also with the same size, only the content hash telling), deleted, touched without a
// change, over several updates in a row (a delta replacing a delta), when the changes pass the merge
// share (a full build), and with one or two jobs. Also: `added:` keeps a letter's first day.
import Foundation
import IMRSynthesis
import Testing

@testable import IMRSearch

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct IncrementalUpdateTests {
    /// The queries of every benchmark class, and the query language's other kinds.
    static let queries: [String] = {
        let tsv =
            (try? String(contentsOfFile: TestSupport.packageRoot + "/Benchmarks/queries.tsv", encoding: .utf8)) ?? ""
        var queries = tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> String? in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return parts.count == 2 ? String(parts[1]) : nil
        }
        queries += [
            "\"functional improvement\" decision:upheld", "decision:overturned", "decision:upheld", "year:2016",
            "acupuncture NOT decision:upheld", "treatment:mri", "summary:injury", "knee^2 OR shoulder",
            "category:pharmaceuticals", "drug:hydrocodone", "region:knee", "source:mtus", "*",
            "\"the injured worker\"~3", "decided:2016-01-01..2016-12-31", "physical therapy", "opioids",
            "page:63", "specialty:orthopedic*", "NOT pain",
        ]
        return queries
    }()

    struct Hit: Equatable {
        var file: String
        var item: Int
        var score: Double
    }

    static func hits(_ index: IndexSnapshot, _ query: QueryNode, limit: Int) throws -> [Hit] {
        try Searcher(index: index).search(query, limit: limit).map { hit in
            let reader = index.reader(of: hit)
            let letter = reader.letter(ofItem: hit.item)
            return Hit(file: reader.file(ofLetter: letter), item: reader.itemNumber(ofItem: hit.item), score: hit.score)
        }
    }

    /// Every query answered the same by `updated` and `full`.
    static func expectSameAnswers(_ updated: IndexSnapshot, _ full: IndexSnapshot, _ label: String) throws {
        #expect(updated.itemCount == full.itemCount, "\(label): items")
        #expect(updated.letterCount == full.letterCount, "\(label): letters")
        var compared = 0
        for text in queries {
            guard let parsed = try? QueryParser.parse(text) else { continue }
            for query in [parsed, SynonymExpander.expand(parsed).query] {
                let a = try Searcher(index: updated).count(query)
                let b = try Searcher(index: full).count(query)
                #expect(a == b, "\(label): count of \(text)")
                let ha = try hits(updated, query, limit: 40)
                let hb = try hits(full, query, limit: 40)
                #expect(ha.count == hb.count, "\(label): hits of \(text)")
                for (x, y) in zip(ha, hb) {
                    #expect(
                        x.file == y.file && x.item == y.item && abs(x.score - y.score) <= 1e-9,
                        "\(label): \(text): \(x) vs \(y)")
                    if x.file != y.file || x.item != y.item || abs(x.score - y.score) > 1e-9 {
                        if ProcessInfo.processInfo.environment["DEBUG_UPDATE"] != nil {
                            for snap in [updated, full] {
                                let hit = try Searcher(index: snap).search(query, limit: 40).first {
                                    let r = snap.reader(of: $0)
                                    return r.file(ofLetter: r.letter(ofItem: $0.item)) == x.file
                                        && r.itemNumber(ofItem: $0.item) == x.item
                                }!
                                print(
                                    "DEBUG", text,
                                    try Searcher(index: snap).explain(query, item: hit.item, segment: hit.segment)
                                        .joined(separator: "\n"))
                            }
                        }
                        break
                    }
                }
                compared += 1
            }
        }
        #expect(compared > 300)
        for by in [[StatsField.category, .year], [.drug], [.region]] {
            var a = OutcomeStatistics(index: updated)
            var b = OutcomeStatistics(index: full)
            let ra = try a.run(.matchAll, by: by)
            let rb = try b.run(.matchAll, by: by)
            #expect(ra.totals == rb.totals, "\(label): stats totals")
            #expect(describe(ra.rows) == describe(rb.rows), "\(label): stats rows by \(by)")
        }
    }

    static func describe(_ rows: [StatsRow]) -> [String] {
        rows.flatMap { row in
            ["\(row.value ?? "-"): \(row.counts.total)/\(row.counts.overturned)"] + describe(row.rows).map { "  " + $0 }
        }
    }

    /// Sets a file's modification time (the kernel's clock is coarser than the test's edits).
    static func setModified(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    static func write(_ bytes: [UInt8], _ path: String, modified: Int) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        setModified(path, seconds: modified)
    }

    /// Build options with "today" set here (not through IMRSEARCH_TODAY: suites run side by side).
    static func options(_ folder: String, _ index: String, jobs: Int, today: String = "2026-11-30")
        -> IndexBuildOptions
    {
        var options = IndexBuildOptions(
            paths: [folder], indexPath: index, jobs: jobs, batchLetters: 16, runMemoryBudget: 1 << 20)
        let parts = today.split(separator: "-").compactMap { Int($0) }
        options.today = Day(year: parts[0], month: parts[1], day: parts[2])!.daysSinceEpoch
        return options
    }

    /// A folder of the bundled real letters and synthetic ones, each with its own modification time.
    static func makeFolder(_ dir: String) throws -> [String] {
        let folder = dir + "/letters"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        var clock = 1_700_000_000
        for file in TestSupport.corpusFiles where file.hasSuffix(".txt") && file.contains("/real/") {
            let path = folder + "/" + URL(fileURLWithPath: file).lastPathComponent
            try write(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path, modified: clock)
            clock += 60
            paths.append(path)
        }
        for k in 0..<150 {
            let letter = SyntheticLetters.letter(index: k, seed: 7)
            let path = folder + "/s" + String(1000 + k) + ".txt"
            try write(letter.bytes, path, modified: clock)
            clock += 60
            paths.append(path)
        }
        return paths.sorted()
    }

    @Test(arguments: [1, 2])
    func anUpdatedIndexAnswersExactlyAsAFullBuild(jobs: Int) throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-update")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = dir + "/letters"
        var paths = try Self.makeFolder(dir)
        let index = dir + "/updated.idx"
        let first = try IndexBuilder.build(Self.options(folder, index, jobs: jobs))
        #expect(first.mode == "full" && first.added == paths.count)

        // Round 1: additions, changes (one only visible in the content hash), deletions, a touch.
        var day = "2026-12-01"
        var clock = 1_800_000_000
        for k in 150..<162 {
            let path = folder + "/s" + String(1000 + k) + ".txt"
            try Self.write(SyntheticLetters.letter(index: k, seed: 7).bytes, path, modified: clock)
            paths.append(path)
            clock += 1
        }
        let appended = paths[3]
        try Self.write(
            Array(try Data(contentsOf: URL(fileURLWithPath: appended)))
                + Array("\nAcupuncture was requested again.\n".utf8),
            appended, modified: clock)
        var sameSize = Array(try Data(contentsOf: URL(fileURLWithPath: paths[70])))
        if let at = sameSize.firstIndex(of: UInt8(ascii: "a")) { sameSize[at] = UInt8(ascii: "o") }
        try Self.write(sameSize, paths[70], modified: clock + 1)
        let touchedPath = paths[80]
        Self.setModified(touchedPath, seconds: clock + 2)  // touched, bytes unchanged
        for k in [5, 40, 100] { try FileManager.default.removeItem(atPath: paths[k]) }
        paths = paths.enumerated().filter { ![5, 40, 100].contains($0.offset) }.map { $0.element }

        let update = try IndexUpdater.update(Self.options(folder, index, jobs: jobs, today: day))
        #expect(update.mode == "update")
        #expect(update.added == 12 && update.changed == 2 && update.deleted == 3)
        #expect(update.unchanged == paths.count - 14)
        #expect(FileIO.exists(index + ".delta"))
        let full1 = dir + "/full1.idx"
        _ = try IndexBuilder.build(Self.options(folder, full1, jobs: jobs, today: day))
        try Self.expectSameAnswers(try IndexSnapshot.open(path: index), try IndexSnapshot.open(path: full1), "round 1")
        #expect(IndexVerifier.verify(try IndexSnapshot.open(path: index)).isEmpty)

        // `added:` holds the first day: the new letters only, not the changed ones.
        let updated = try IndexSnapshot.open(path: index)
        // The touched letter moved into the delta with its new time, so the next update does not hash it.
        let touched = updated.letters(named: URL(fileURLWithPath: touchedPath).lastPathComponent)
        #expect(touched.count == 1 && touched.first?.segment == 1)
        let newItems = try Searcher(index: updated).count(try QueryParser.parse("added:2026-12-01.."))
        let expectedNew = (150..<162).reduce(0) { n, k in
            n + LetterParser.parse(bytes: SyntheticLetters.letter(index: k, seed: 7).bytes, file: "x").items.count
        }
        #expect(newItems == expectedNew)
        #expect(
            try Searcher(index: updated).count(try QueryParser.parse("added:..2026-11-30"))
                == updated.itemCount - expectedNew)

        // Round 2: the delta's own letters change and go; more base letters change.
        clock += 100
        let deltaLetter = folder + "/s1151.txt"
        try Self.write(
            Array(try Data(contentsOf: URL(fileURLWithPath: deltaLetter))) + Array("\nMore text.\n".utf8), deltaLetter,
            modified: clock)
        try FileManager.default.removeItem(atPath: folder + "/s1152.txt")
        try Self.write(
            Array(try Data(contentsOf: URL(fileURLWithPath: paths[20]))) + Array("\nNo change in function.\n".utf8),
            paths[20], modified: clock + 1)
        let update2 = try IndexUpdater.update(Self.options(folder, index, jobs: jobs, today: day))
        #expect(update2.mode == "update" && update2.changed == 2 && update2.deleted == 1 && update2.added == 0)
        let full2 = dir + "/full2.idx"
        _ = try IndexBuilder.build(Self.options(folder, full2, jobs: jobs, today: day))
        try Self.expectSameAnswers(try IndexSnapshot.open(path: index), try IndexSnapshot.open(path: full2), "round 2")

        let newAfterRound2 = try Searcher(index: try IndexSnapshot.open(path: index)).count(
            try QueryParser.parse("added:2026-12-01"))
        #expect(newAfterRound2 > 0 && newAfterRound2 < expectedNew)  // s1152 went, s1151 kept its day

        // Nothing changed: nothing written.
        let before = try Data(contentsOf: URL(fileURLWithPath: index + ".delta"))
        let idle = try IndexUpdater.update(Self.options(folder, index, jobs: jobs, today: day))
        #expect(
            idle.mode == "unchanged" && idle.added == 0 && idle.changed == 0 && idle.deleted == 0,
            "\(idle.mode) \(idle.added) \(idle.changed) \(idle.deleted) \(idle.unchanged)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index + ".delta")) == before)

        // Round 3: past the merge share the update is a full build, the delta goes, the days stay.
        for k in 200..<240 {
            try Self.write(
                SyntheticLetters.letter(index: k, seed: 7).bytes, folder + "/t" + String(k) + ".txt",
                modified: clock + k)
        }
        day = "2026-12-02"
        let merged = try IndexUpdater.update(Self.options(folder, index, jobs: jobs, today: day))
        #expect(merged.mode == "full" && merged.added == 40)
        #expect(!FileIO.exists(index + ".delta"))
        let full3 = dir + "/full3.idx"
        _ = try IndexBuilder.build(Self.options(folder, full3, jobs: jobs, today: day))
        try Self.expectSameAnswers(try IndexSnapshot.open(path: index), try IndexSnapshot.open(path: full3), "round 3")
        let afterMerge = try IndexSnapshot.open(path: index)
        #expect(try Searcher(index: afterMerge).count(try QueryParser.parse("added:2026-12-01")) == newAfterRound2)
        #expect(try Searcher(index: afterMerge).count(try QueryParser.parse("added:2026-12-02")) > 0)
    }

    @Test func updateWithoutAnIndexBuildsOneAndAStaleDeltaIsIgnored() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-update-new")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.makeFolder(dir)
        let index = dir + "/i.idx"
        let built = try IndexUpdater.update(Self.options(dir + "/letters", index, jobs: 2))
        #expect(built.mode == "full" && FileIO.exists(index))
        // A delta naming another base (left by a full build that died before removing it) is not used.
        let other = dir + "/other.idx"
        _ = try IndexBuilder.build(Self.options(dir + "/letters", other, jobs: 1))
        try Self.write(
            SyntheticLetters.letter(index: 800, seed: 7).bytes, dir + "/letters/n.txt", modified: 1_900_000_000)
        _ = try IndexUpdater.update(Self.options(dir + "/letters", other, jobs: 1))
        try FileManager.default.removeItem(atPath: dir + "/letters/n.txt")
        try FileManager.default.removeItem(atPath: dir + "/letters/s1000.txt")
        _ = try IndexBuilder.build(Self.options(dir + "/letters", index, jobs: 2))  // another base
        try FileManager.default.copyItem(atPath: other + ".delta", toPath: index + ".delta")
        let snapshot = try IndexSnapshot.open(path: index)
        #expect(snapshot.segments.count == 1 && snapshot.deltaPath == nil)
        // The next build removes it.
        _ = try IndexBuilder.build(Self.options(dir + "/letters", index, jobs: 2))
        #expect(!FileIO.exists(index + ".delta"))
    }

    @Test func spellingSuggestionsKnowTheDeltasWords() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-update-suggest")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.makeFolder(dir)
        let index = dir + "/i.idx"
        _ = try IndexBuilder.build(Self.options(dir + "/letters", index, jobs: 2))
        let bytes =
            SyntheticLetters.letter(index: 901, seed: 7).bytes
            + Array("\nThe zebrafinchol trial was not supported.\n".utf8)
        try Self.write(bytes, dir + "/letters/n.txt", modified: 1_900_000_000)
        #expect(try IndexUpdater.update(Self.options(dir + "/letters", index, jobs: 2)).mode == "update")
        let snapshot = try IndexSnapshot.open(path: index)
        let found = SpellingSuggester(index: snapshot).suggestions(for: "zebrafinchal", field: .itemText)
        #expect(found.map(\.term) == ["zebrafinchol"] && found.first?.docFreq == 1)
        // The word itself is no misspelling, whichever file holds it.
        #expect(SpellingSuggester(index: snapshot).suggestions(for: "zebrafinchol", field: .itemText).isEmpty)
        let text = try SpellingSuggester(index: snapshot).noHitsText(for: try QueryParser.parse("zebrafinchal"))
        #expect(text.contains("did you mean \"zebrafinchol\""))
    }

    @Test func aDamagedDeltaIsReportedByName() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-update-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Self.makeFolder(dir)
        let index = dir + "/i.idx"
        _ = try IndexBuilder.build(Self.options(dir + "/letters", index, jobs: 2))
        try Self.write(
            SyntheticLetters.letter(index: 900, seed: 7).bytes, dir + "/letters/n.txt", modified: 1_900_000_000)
        _ = try IndexUpdater.update(Self.options(dir + "/letters", index, jobs: 2))
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: index + ".delta")))
        let good = bytes
        for (offset, label) in [(2, "magic"), (20, "header"), (bytes.count - 2, "list"), (bytes.count / 2, "image")] {
            bytes = good
            bytes[offset] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: index + ".delta"))
            do {
                let snapshot = try IndexSnapshot.open(path: index)
                // Damage inside an embedded image passes the O(1) open checks: verify must find it.
                #expect(!IndexVerifier.verify(snapshot).isEmpty, "\(label) damage not found")
            } catch let error as IndexError {
                #expect(error.description.contains(".delta"), "\(label): \(error)")
                // The way out is a build of the index itself, not of the delta.
                #expect(error.description.hasSuffix("--index \(index) (or --update: it rebuilds too)"), "\(label)")
            }
        }
        try Data(good.prefix(100)).write(to: URL(fileURLWithPath: index + ".delta"))
        #expect(throws: IndexError.self) { try IndexSnapshot.open(path: index) }
    }
}
