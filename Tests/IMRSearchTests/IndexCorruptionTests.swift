// Damaged indexes at scale (issue 12): ≥ 10,000 seeded random truncations, byte flips, zeroed pages and
// damage aimed at the header, section table, meta and dictionary of the index of the bundled corpus.
// Every case opens the damaged copy; when that succeeds, runs `verify`, then a fixed set of searches,
// counts and stats. The contract: open throws `IndexError.corrupt`, or verify reports problems (then the
// searches may answer anything but must return), or verify says OK and every answer equals the undamaged
// index's. No crash (a crash prints the case before the process dies), no hang (a watchdog aborts a case
// that runs over 10 s, naming it). A few hundred cases also go through the `imrsearch` binary: exit 3 with
// a message naming the file, or verify's exit 0/1, never a signal or a timeout.
// IndexFileSafetyTests covers single bit flips and even truncations of a tiny index; this suite covers the
// full corpus index, several kinds of damage, and damage re-sealed with valid checksums ("resealed"), which
// gets past every CRC so the structural checks and the readers' bounds checks are what stand in the way.
// IMRSEARCH_CORRUPTION_CASES=N changes the number of in-process cases (default 10,000),
// IMRSEARCH_CORRUPTION_SEED=S the seed (default 12012), IMRSEARCH_CORRUPTION_KINDS=a,b the kinds of damage.
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import IMRSearch

/// What a case is doing, for the crash handler and the watchdog (plain C memory: read from a signal handler).
private let corruptionCaseLabel: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: 512)
    p.initialize(repeating: 0, count: 512)
    return p
}()
/// Uptime in nanoseconds when the running case started; 0 between cases.
private let corruptionCaseStart = Atomic<UInt64>(0)
private let corruptionWatchdogStop = Atomic<Bool>(false)

private func setCorruptionLabel(_ label: String) {
    let bytes = Array(label.utf8.prefix(500))
    bytes.withUnsafeBufferPointer { b in
        b.withMemoryRebound(to: CChar.self) { c in
            corruptionCaseLabel.update(from: c.baseAddress!, count: c.count)
        }
    }
    corruptionCaseLabel[bytes.count] = 0
}

private func writeCorruptionLabel(_ prefix: StaticString) {
    _ = write(2, prefix.utf8Start, prefix.utf8CodeUnitCount)
    _ = write(2, corruptionCaseLabel, strlen(corruptionCaseLabel))
    _ = write(2, "\n", 1)
}

private let crashSignals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE]

@Suite(.serialized) struct IndexCorruptionTests {
    /// The undamaged index and what the fixed queries answer on it.
    static let baseline: (bytes: [UInt8], answers: [String]) = {
        let bytes = try! FileIO.readAll(TestSupport.corpusIndex)
        let reader = try! IndexReader(path: TestSupport.corpusIndex)
        precondition(IndexVerifier.verify(reader).isEmpty)
        return (bytes, answers(reader))
    }()

    static let queries = [
        "acupuncture", "physical therapy", "mri OR acupuncture OR tramadol", "\"medically necessary\"",
        "acupunct*", "decision:upheld knee", "summary:injured", "treatment:(mri OR \"x ray\")",
        "decided:2016..2017", "year:2014 -acupuncture", "category:pharmaceuticals", "drug:hydrocodone",
        "source:odg decision:overturned", "\"red flag\"~3", "*", "\"the request for\" decision:upheld",
    ]

    /// Every answer the fixed queries give, as strings: hits with scores, exact counts, a stats breakdown,
    /// the file and case number of the first hits, the stored text length of the first letter.
    static func answers(_ reader: IndexReader) -> [String] {
        let searcher = Searcher(reader: reader)
        var out: [String] = []
        for q in queries {
            guard let query = try? QueryParser.parse(q) else {
                out.append("\(q): syntax error")
                continue
            }
            var line = q + ":"
            do {
                let hits = try searcher.search(query, limit: 10)
                for h in hits { line += " \(h.item)/\(h.score)" }
                line += " count \(try searcher.count(query))"
                if let first = hits.first {
                    let letter = reader.letter(ofItem: first.item)
                    line += " \(reader.file(ofLetter: letter)) \(reader.caseNumber(ofLetter: letter) ?? "-")"
                }
            } catch {
                line += " error \(error)"
            }
            out.append(line)
        }
        var stats = OutcomeStatistics(reader: reader)
        if let all = try? QueryParser.parse("*"), let result = try? stats.run(all, by: [.year, .category]) {
            out.append("stats \(result.totals) \(result.rows.count)")
        } else {
            out.append("stats failed")
        }
        out.append("named \(reader.letters(named: "CM16-0213037"))")
        out.append("text \(reader.letterCount > 0 ? reader.text(ofLetter: 0)?.utf8.count ?? -1 : -2)")
        return out
    }

    // MARK: damage

    enum Kind: String, CaseIterable {
        case truncate, flipBytes, zeroPage, header, sectionTable, meta, dictionary, resealed, resealedWords
    }

    /// One damaged copy: byte patches (offset, new bytes) and an optional truncation length.
    struct Damage {
        var kind: Kind
        var patches: [(at: Int, bytes: [UInt8])] = []
        var truncateTo: Int?
        var summary = ""
        /// The section a resealed case damaged.
        var section: UInt32?
    }

    struct Section {
        var id: UInt32
        var offset: Int
        var length: Int
        var tableEntry: Int
    }

    static let sections: [Section] = {
        let bytes = baseline.bytes
        let count = Int(u32(bytes, 12))
        return (0..<count).map { i in
            let at = IndexFormat.headerSize + i * IndexFormat.sectionEntrySize
            return Section(
                id: u32(bytes, at), offset: Int(u64(bytes, at + 8)), length: Int(u64(bytes, at + 16)), tableEntry: at)
        }
    }()

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * $1) }
    }
    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * $1) }
    }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static func section(_ id: SectionID) -> Section { sections.first { $0.id == id.rawValue }! }

    /// 1–8 random bytes inside `range` XORed with a non-zero value (so each one really changes).
    static func flips(in range: Range<Int>, _ rng: inout SplitMix, max: Int = 8) -> [(at: Int, bytes: [UInt8])] {
        let bytes = baseline.bytes
        return (0..<(1 + Int(rng.next() % UInt64(max)))).map { _ in
            let at = range.lowerBound + Int(rng.next() % UInt64(range.count))
            return (at, [bytes[at] ^ UInt8(1 + rng.next() % 255)])
        }
    }

    static func makeDamage(_ kind: Kind, _ rng: inout SplitMix) -> Damage {
        let bytes = baseline.bytes
        var d = Damage(kind: kind)
        switch kind {
        case .truncate:
            d.truncateTo = Int(rng.next() % UInt64(bytes.count))
            d.summary = "truncate to \(d.truncateTo!)"
        case .flipBytes:
            d.patches = flips(in: 0..<bytes.count, &rng)
        case .zeroPage:
            let page = Int(rng.next() % UInt64((bytes.count + 4095) / 4096)) * 4096
            d.patches = [(page, [UInt8](repeating: 0, count: min(4096, bytes.count - page)))]
            d.summary = "zero page at \(page)"
        case .header:
            d.patches = flips(in: 0..<IndexFormat.headerSize, &rng, max: 3)
        case .sectionTable:
            let start = IndexFormat.headerSize
            d.patches = flips(
                in: start..<(start + SectionID.allCases.count * IndexFormat.sectionEntrySize), &rng, max: 3)
        case .meta:
            let s = section(.meta)
            d.patches = flips(in: s.offset..<(s.offset + s.length), &rng, max: 3)
        case .dictionary:
            let ids: [SectionID] = [.dictionaryTerms, .dictionaryBlockIndex, .dictionaryTermInfos, .dictionaryFields]
            let s = section(ids[Int(rng.next() % 4)])
            d.patches = flips(in: s.offset..<(s.offset + s.length), &rng, max: 4)
        case .resealed, .resealedWords:
            // Damage inside one section, then its checksum and the table's recomputed: only the structural
            // checks can catch it. `resealedWords` writes extreme values (0, 1, all ones, sign bits, small
            // numbers) over aligned 4- or 8-byte words: counts, offsets and lengths.
            let s = sections[Int(rng.next() % UInt64(sections.count))]
            guard s.length >= 8 else { return makeDamage(.flipBytes, &rng) }
            var body = Array(bytes[s.offset..<(s.offset + s.length)])
            var patches: [(at: Int, bytes: [UInt8])] = []
            if kind == .resealed {
                patches = flips(in: s.offset..<(s.offset + s.length), &rng, max: 4)
            } else {
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let wide = rng.next() % 3 == 0
                    let width = wide ? 8 : 4
                    let at = s.offset + Int(rng.next() % UInt64(s.length / width)) * width
                    let values: [UInt64] = [
                        0, 1, 2, UInt64.max, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 1 << 62, rng.next() % 300,
                        rng.next(),
                    ]
                    let v = values[Int(rng.next() % UInt64(values.count))]
                    patches.append((at, (0..<width).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }))
                }
            }
            for p in patches { for (k, b) in p.bytes.enumerated() { body[p.at - s.offset + k] = b } }
            var table = Array(
                bytes[
                    IndexFormat
                        .headerSize..<(IndexFormat.headerSize + SectionID.allCases.count * IndexFormat.sectionEntrySize)
                ])
            let crcAt = s.tableEntry - IndexFormat.headerSize + 24
            table.replaceSubrange(crcAt..<(crcAt + 4), with: le32(CRC32C.checksum(body)))
            d.summary =
                "section \(s.id) at "
                + patches.map { "\($0.at - s.offset)=\($0.bytes.map { String($0, radix: 16) }.joined(separator: " "))" }
                .joined(separator: ", ")
            d.patches = patches + [(IndexFormat.headerSize, table), (24, le32(CRC32C.checksum(table)))]
            d.section = s.id
        }
        if d.summary.isEmpty {
            d.summary = d.patches.map { "byte \($0.at) \(bytes[$0.at])->\($0.bytes[0])" }.joined(separator: ", ")
        }
        return d
    }

    /// A file holding the undamaged index that cases damage in place and then restore.
    final class WorkFile {
        let path: String
        let fd: Int32
        init(_ path: String) throws {
            self.path = path
            try FileIO.writeAll(path, IndexCorruptionTests.baseline.bytes)
            fd = open(path, O_RDWR | O_CLOEXEC)
        }
        deinit { close(fd) }

        func apply(_ d: Damage) {
            for p in d.patches { _ = p.bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(p.at)) } }
            if let t = d.truncateTo { _ = ftruncate(fd, off_t(t)) }
        }

        func restore(_ d: Damage) {
            let original = IndexCorruptionTests.baseline.bytes
            original.withUnsafeBytes { all in
                for p in d.patches { _ = pwrite(fd, all.baseAddress! + p.at, p.bytes.count, off_t(p.at)) }
                if let t = d.truncateTo { _ = pwrite(fd, all.baseAddress! + t, all.count - t, off_t(t)) }
            }
        }
    }

    enum Outcome: String, CaseIterable {
        case openRejected = "open rejected (IndexError.corrupt)"
        case verifyReported = "opened, verify reported damage, searches returned"
        case verifyOKSame = "verify OK, answers identical"
        case verifyOKDifferent = "verify OK, answers differ (resealed only)"
    }

    /// Runs one damaged case in process; returns its outcome or records an issue.
    static func runCase(_ path: String, _ d: Damage, _ label: String) -> Outcome? {
        let reader: IndexReader
        do {
            reader = try IndexReader(path: path)
        } catch let error as IndexError {
            guard case .corrupt(let p, let detail) = error, p == path, !detail.isEmpty else {
                Issue.record("\(label): unexpected \(error)")
                return nil
            }
            return .openRejected
        } catch {
            Issue.record("\(label): unexpected \(error)")
            return nil
        }
        let problems = IndexVerifier.verify(reader)
        let got = answers(reader)
        if !problems.isEmpty { return .verifyReported }
        if got == baseline.answers { return .verifyOKSame }
        if d.section == nil {
            Issue.record(
                "\(label): verify said OK but the answers differ: \(zip(got, baseline.answers).first { $0 != $1 }!)")
            return nil
        }
        return .verifyOKDifferent
    }

    static func startWatchdog(limit seconds: UInt64) {
        corruptionWatchdogStop.store(false, ordering: .relaxed)
        let thread = Thread {
            while !corruptionWatchdogStop.load(ordering: .relaxed) {
                usleep(200_000)
                let start = corruptionCaseStart.load(ordering: .relaxed)
                if start != 0 && DispatchTime.now().uptimeNanoseconds - start > seconds * 1_000_000_000 {
                    writeCorruptionLabel("IndexCorruptionTests: case ran over its time limit (hang): ")
                    abort()
                }
            }
        }
        thread.start()
    }

    static func installCrashReporter() {
        for s in crashSignals {
            signal(s) { sig in
                writeCorruptionLabel("IndexCorruptionTests: crashed in case: ")
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    static func removeCrashReporter() {
        for s in crashSignals { signal(s, SIG_DFL) }
    }

    /// The kinds of damage in turn: a resealed case runs the whole of `verify` (about ten times the cost of
    /// the others in a debug build), so the two resealed kinds are one case in 40 each.
    static let schedule: [Kind] = {
        let plain: [Kind] = [.truncate, .flipBytes, .zeroPage, .header, .sectionTable, .meta, .dictionary]
        let cycle = (0..<38).map { plain[$0 % plain.count] }
        return [.resealed] + cycle[0..<19] + [.resealedWords] + cycle[19...]
    }()

    static var caseCount: Int {
        ProcessInfo.processInfo.environment["IMRSEARCH_CORRUPTION_CASES"].flatMap(Int.init) ?? 10_000
    }

    @Test func tenThousandDamagedCopiesGiveACleanErrorOrTheRightAnswers() throws {
        let clock = Stopwatch()
        let dir = TestSupport.temporaryDirectory("imrsearch-corruption")
        let work = try WorkFile(dir + "/damaged.idx")
        Self.installCrashReporter()
        Self.startWatchdog(limit: 10)
        defer {
            corruptionWatchdogStop.store(true, ordering: .relaxed)
            Self.removeCrashReporter()
        }
        var counts: [Kind: [Outcome: Int]] = [:]
        var seconds: [Kind: Double] = [:]
        var undetected: [UInt32: Int] = [:]  // resealed damage verify passed and the answers show, by section
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["IMRSEARCH_CORRUPTION_SEED"].flatMap { UInt64($0) } ?? 12_012
        var rng = SplitMix(seed: seed)
        let kinds = Kind.allCases
        // IMRSEARCH_CORRUPTION_KINDS=resealed,meta runs only those kinds (to hunt with another seed).
        let only = environment["IMRSEARCH_CORRUPTION_KINDS"].map {
            $0.split(separator: ",").compactMap { Kind(rawValue: String($0)) }
        }
        let schedule = only ?? Self.schedule
        for n in 0..<Self.caseCount {
            let kind = schedule[n % schedule.count]
            let damage = Self.makeDamage(kind, &rng)
            let label = "case \(n) (seed \(seed)) \(kind.rawValue): \(damage.summary)"
            setCorruptionLabel(label)
            work.apply(damage)
            let caseClock = Stopwatch()
            corruptionCaseStart.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            let outcome = Self.runCase(work.path, damage, label)
            corruptionCaseStart.store(0, ordering: .relaxed)
            seconds[kind, default: 0] += caseClock.seconds
            work.restore(damage)
            if let outcome { counts[kind, default: [:]][outcome, default: 0] += 1 }
            if outcome == .verifyOKDifferent, let id = damage.section { undetected[id, default: 0] += 1 }
        }
        var report = "IndexCorruptionTests: \(Self.caseCount) in-process cases in \(format(clock.seconds, 1)) s\n"
        for kind in kinds {
            let c = counts[kind] ?? [:]
            report += "  \(kind.rawValue) (\(format(seconds[kind] ?? 0, 1)) s):"
            for o in Outcome.allCases where c[o] != nil { report += " \(o.rawValue) \(c[o]!);" }
            report += "\n"
        }
        for o in Outcome.allCases {
            report += "  total \(o.rawValue): \(counts.values.reduce(0) { $0 + ($1[o] ?? 0) })\n"
        }
        let names = Dictionary(uniqueKeysWithValues: SectionID.allCases.map { ($0.rawValue, $0.name) })
        report +=
            "  resealed damage verify cannot see (no invariant ties these bytes), by section: "
            + undetected.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? "?") \($0.value)" }.joined(
                separator: ", ")
            + "\n"
        print(report, terminator: "")
        #expect(counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } == Self.caseCount)
        #expect(try FileIO.readAll(work.path) == Self.baseline.bytes, "the work file was not restored")
    }

    /// The `imrsearch` binary with a time limit (a negative status is the signal that ended it).
    static func runBounded(_ arguments: [String], seconds: Double = 30) throws -> TestSupport.Outcome {
        try TestSupport.run(arguments, timeLimit: seconds)
    }

    enum BinaryOutcome: String, CaseIterable {
        case rejected = "exit 3 from verify and search, message naming the file"
        case damaged = "verify exit 1 (DAMAGED), search returned"
        case sound = "verify exit 0 (search output identical, checked unless resealed)"
    }

    /// A sample of damaged copies through the binary: `verify`, then one of the fixed queries with `search`.
    @Test func damagedCopiesThroughTheBinaryExitCleanly() throws {
        let clock = Stopwatch()
        let dir = TestSupport.temporaryDirectory("imrsearch-corruption-bin")
        let cases = ProcessInfo.processInfo.environment["IMRSEARCH_CORRUPTION_BINARY_CASES"].flatMap(Int.init) ?? 300
        var rng = SplitMix(seed: 4_040)
        var expected: [String: String] = [:]
        for q in Self.queries {
            let intact = try Self.runBounded([
                "search", q, "--index", TestSupport.corpusIndex, "--json", "--limit", "5",
            ])
            #expect(intact.status >= 0 && intact.status <= 1, "\(q): \(intact.stderr)")
            expected[q] = intact.stdout
        }
        var counts: [BinaryOutcome: Int] = [:]
        for n in 0..<cases {
            let kind = Self.schedule[(n * 7) % Self.schedule.count]
            let damage = Self.makeDamage(kind, &rng)
            var bytes = Self.baseline.bytes
            for p in damage.patches { bytes.replaceSubrange(p.at..<(p.at + p.bytes.count), with: p.bytes) }
            if let t = damage.truncateTo { bytes.removeSubrange(t...) }
            let path = dir + "/case-\(n).idx"
            try FileIO.writeAll(path, bytes)
            defer { unlink(path) }
            let label = "binary case \(n) (seed 4040) \(kind.rawValue): \(damage.summary)"
            let query = Self.queries[n % Self.queries.count]
            let verify = try Self.runBounded(["verify", "--index", path])
            let search = try Self.runBounded(["search", query, "--index", path, "--json", "--limit", "5"])
            for (name, o) in [("verify", verify), ("search", search)] where o.status < 0 {
                Issue.record("\(label): \(name) was killed by signal \(-o.status) (crash or 30 s timeout)")
            }
            switch verify.status {
            case ExitCode.badIndex:
                #expect(verify.stderr.contains("\(path): index is corrupt"), "\(label): \(verify.stderr)")
                #expect(search.status == ExitCode.badIndex, "\(label): search exit \(search.status)")
                #expect(search.stderr.contains("\(path): index is corrupt"), "\(label): \(search.stderr)")
                counts[.rejected, default: 0] += 1
            case 1:
                #expect(verify.stdout.hasPrefix("DAMAGED \(path):"), "\(label): \(verify.stdout)")
                #expect([0, 1, 2].contains(search.status), "\(label): search exit \(search.status)")
                counts[.damaged, default: 0] += 1
            case 0:
                if damage.section == nil {
                    #expect(search.stdout == expected[query], "\(label): verify OK but search differs")
                }
                counts[.sound, default: 0] += 1
            default:
                Issue.record("\(label): verify exit \(verify.status): \(verify.stderr)")
            }
        }
        var report = "IndexCorruptionTests: \(cases) cases through the binary in \(format(clock.seconds, 1)) s\n"
        for o in BinaryOutcome.allCases { report += "  \(o.rawValue): \(counts[o] ?? 0)\n" }
        print(report, terminator: "")
        #expect(counts.values.reduce(0, +) == cases)
    }

    /// An index path that is a FIFO once blocked every command in open(2), waiting for a writer.
    @Test func anIndexThatIsAFIFOIsRefusedAtOnce() throws {
        let path = TestSupport.temporaryDirectory("imrsearch-fifo-index") + "/fifo.idx"
        #expect(mkfifo(path, 0o644) == 0)
        for command in [["verify"], ["search", "knee"], ["stats", "knee"]] {
            let outcome = try Self.runBounded(command + ["--index", path], seconds: 20)
            #expect(outcome.status == ExitCode.badIndex, "\(command): \(outcome.status) \(outcome.stderr)")
            #expect(outcome.stderr.contains("\(path): cannot read the index: not a regular file"))
        }
        #expect(throws: IndexError.self) { try IndexReader(path: path) }
    }
}
