// FuzzLetterParserTests: the seeded fuzzing of the letter parser (issue 12). Owns LetterFuzz — fragments
// of the bundled letters (corpus/real, corpus/seeds) and their mutations: byte flips, inserted, deleted and
// duplicated ranges, splices of two letters, truncation, NULs, invalid UTF-8 and Windows-1252 bytes, CRLF
// and CR line ends, very long lines, repeated and misplaced section headings and labels — and the checks
// every input must pass: LetterParser.parse returns; the text is the normalised bytes (valid UTF-8, LF
// line ends, no NUL or other control byte); the item and summary fields are whitespace-collapsed strings;
// dates are real days; parsing is deterministic and parsing the normalised text gives the same record; the
// JSON of `imrsearch parse` is valid; the tokenizer's ranges stay inside the text; an index of mutants
// builds, verifies and searches. IMRSEARCH_LONG_TESTS=1 runs ten times as many inputs.
import Foundation
import Testing

@testable import IMRSearch

enum LetterFuzz {
    /// The bundled letters' bytes.
    static let letters: [[UInt8]] = TestSupport.corpusFiles.filter { $0.hasSuffix(".txt") }.compactMap {
        try? FileIO.readAll($0)
    }

    /// Headings, labels and phrases the parsers look for, and some that look like them.
    static let labels: [String] = [
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n", "CLINICAL CASE SUMMARY\n",
        "IMR ISSUES, DECISIONS AND RATIONALES\n", "IMR ISSUES\n", "IMR DECISION(S) AND RATIONALE(S)\n",
        "MEDICAL PROFESSIONAL REVIEW\n", "ISSUE AT DISPUTE\n", "including all medical records:",
        "Claims Administrator guideline:", "MAXIMUS guideline:", "Decision rationale:", "set forth below",
        "Case Number:", "Case Number: CM16-0213037", "Date Assigned:", "Date of Injury:", "Decision Date:",
        "UR Denial Date:", "Application Received:", "Priority:", "Priority: Expedited", ": Upheld\n",
        ": Overturned\n", "Upheld\n", "Overturned.\n", ": Partially\n", "DOS:\n", "original request",
        " was the original request. ", "The remaining IMR eligible portion of the original request, X is",
        "Page(s):", "Page(s): 98-99", "Section(s):", "MTUS", "ACOEM", "ODG", "Chronic Pain", "02/29/2016",
        "02/30/2016", "13/45/99", "1/1/1", "December 6, 2006", "Dec. 6th, 2006", "99/99/9999", "00/00/0000",
        "41-year-old male", "43 Y, F", "year old", "Board Certified in Internal Medicine",
        "Licensed in California", "date of injury of 08/22/12", "\n\n", "\n \n", ":", ".", "\t", "  ",
    ]

    /// Byte sequences that are not plain ASCII text.
    static let oddBytes: [[UInt8]] = [
        [0], [0, 0, 0, 0], [0xFF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0x80], [0x81], [0x93], [0x9D], [0xA0], [0xC2, 0xA0], [0xE2, 0x80, 0xA8],
        [0xEF, 0xBB, 0xBF], [0x0D], [0x0D, 0x0A], [0x0C], [0x1B], [0x7F], [0x08], [0x0B],
        Array("é漢字👩‍⚕️".utf8), [0x65, 0xCC, 0x81],
    ]

    static func below(_ n: Int, _ rng: inout SplitMix) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }
    static func pick<T>(_ array: [T], _ rng: inout SplitMix) -> T { array[below(array.count, &rng)] }

    /// A piece of a letter: mostly a window of 100 to 1,500 bytes (a parse in a debug build costs about
    /// 0.2 ms a kilobyte), sometimes a whole letter.
    static func fragment(_ rng: inout SplitMix) -> [UInt8] {
        let letter = pick(letters, &rng)
        if below(64, &rng) == 0 { return letter }
        let length = 100 + below(1400, &rng)
        let start = below(max(1, letter.count - length), &rng)
        return Array(letter[start..<min(letter.count, start + length)])
    }

    /// One to six mutations of `input`.
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = input
        for _ in 0...below(6, &rng) {
            let n = b.count
            let at = below(n + 1, &rng)
            switch below(16, &rng) {
            case 0:
                if n > 0 { b[below(n, &rng)] ^= UInt8(1 << below(8, &rng)) }
            case 1:
                if n > 0 { b[below(n, &rng)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:
                b.insert(contentsOf: Array(pick(labels, &rng).utf8), at: at)
            case 3:
                b.removeSubrange(at..<min(n, at + 1 + below(400, &rng)))
            case 4:
                let e = min(n, at + 1 + below(600, &rng))
                b.insert(contentsOf: Array(b[at..<e]), at: below(n + 1, &rng))
            case 5:
                let other = fragment(&rng)
                b = Array(b[0..<at]) + Array(other[below(other.count + 1, &rng)...])
            case 6:
                b.removeSubrange(at...)
            case 7, 8:
                for _ in 0...below(3, &rng) { b.insert(contentsOf: pick(oddBytes, &rng), at: below(b.count + 1, &rng)) }
            case 9:
                // Line ends: CRLF, lone CR or form feeds over a range, or the lines double-spaced.
                let e = min(n, at + below(2000, &rng))
                let (from, to): ([UInt8], [UInt8]) = pick(
                    [([10], [13, 10]), ([10], [13]), ([10], [12]), ([10], [10, 10]), ([10], [32])], &rng)
                var out = Array(b[0..<at])
                for c in b[at..<e] { if [c] == from { out += to } else { out.append(c) } }
                b = out + b[e...]
            case 10:
                // A very long line.
                let byte = pick([UInt8(97), 32, 58, 46, 0xC3], &rng)
                let length = below(32, &rng) == 0 ? 10_000 + below(10_000, &rng) : 200 + below(800, &rng)
                b.insert(contentsOf: [UInt8](repeating: byte, count: length), at: at)
            case 11:
                // A line repeated.
                let s = b[0..<at].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let e = b[at...].firstIndex(of: 10).map { $0 + 1 } ?? n
                let line = Array(b[s..<e])
                for _ in 0..<(1 + below(8, &rng)) { b.insert(contentsOf: line, at: s) }
            case 12:
                // Two ranges swapped.
                let c = below(n + 1, &rng)
                let (lo, hi) = (min(at, c), max(at, c))
                let mid = lo + (hi - lo) / 2
                b = Array(b[0..<lo]) + b[mid..<hi] + b[lo..<mid] + b[hi...]
            case 13:
                // Control bytes (enough make the file binary junk).
                for _ in 0..<below(40, &rng) { b.insert(UInt8(1 + below(31, &rng)), at: below(b.count + 1, &rng)) }
            case 14:
                // Upper-cased or lower-cased range.
                for k in at..<min(n, at + below(500, &rng)) {
                    if b[k] >= 97 && b[k] <= 122 { b[k] -= 32 } else if b[k] >= 65 && b[k] <= 90 { b[k] += 32 }
                }
            default:
                b.insert(contentsOf: Array(pick(labels, &rng).utf8) + [10], at: at)
            }
        }
        return b
    }

    /// A whitespace-collapsed field: no line break, tab or double space, nothing to trim.
    static func collapsed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        if u.first == 32 || u.last == 32 { return false }
        for k in u.indices {
            if u[k] < 32 || u[k] == 0x7F { return false }
            if u[k] == 32 && k > 0 && u[k - 1] == 32 { return false }
        }
        return true
    }

    static func json(_ record: LetterRecord) -> String {
        var w = JSONWriter()
        record.writeJSON(into: &w)
        return w.string
    }

    /// What is wrong with the record of `bytes`, if anything.
    /// `checkAll`: also the costly checks (tokenizer, determinism, parsing the normalised text, JSON).
    static func problems(_ bytes: [UInt8], all checkAll: Bool) -> [String] {
        var out: [String] = []
        let record = LetterParser.parse(bytes: bytes, file: "fuzz.txt")
        let normalized = LetterText.normalize(bytes)
        let text = Array(record.text.utf8)
        if normalized.isBinary {
            if !text.isEmpty || !record.items.isEmpty { out.append("binary with text or items") }
        } else if text != normalized.bytes {
            out.append("the text is not the normalised bytes (invalid UTF-8?)")
        }
        if checkAll && text.contains(where: { ($0 < 32 && $0 != 10 && $0 != 9) || $0 == 0x7F }) {
            out.append("a control byte in the text")
        }
        // A field holding U+FFFD where the text has none was cut inside a character.
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        let hasReplacement = LetterLines.find(replacement, in: text, from: 0, to: text.count) != nil
        func field(_ name: String, _ value: String) {
            if !collapsed(value) { out.append("\(name) not collapsed: \(String(reflecting: value.prefix(80)))") }
            let u = Array(value.utf8)
            if !hasReplacement && LetterLines.find(replacement, in: u, from: 0, to: u.count) != nil {
                out.append("\(name) cut inside a character")
            }
        }
        field("summary", record.summary)
        for (k, item) in record.items.enumerated() {
            field("item \(k) treatment", item.treatment)
            field("item \(k) rationale", item.rationale)
            field("item \(k) claims guideline", item.claimsAdministratorGuideline)
            field("item \(k) reviewer guideline", item.reviewerGuideline)
            if let portion = item.decidedPortion { field("item \(k) portion", portion) }
            if item.treatment.hasSuffix(":") { out.append("item \(k) treatment ends with ':'") }
            if case .other(let w) = item.decision, w != w.lowercased() { out.append("decision word not lower-cased") }
            for s in item.sources + item.pages + item.sections where s.isEmpty || s.contains("\n") {
                out.append("item \(k): citation '\(s)'")
            }
        }
        for s in record.specialties + record.licensure where s.isEmpty || s.contains("\n") {
            out.append("reviewer '\(s)'")
        }
        let d = record.dates
        for day in [d.assigned, d.injury, d.decision, d.urDenial, d.received].compactMap({ $0 }) {
            let (y, m, dd) = day.civil
            if Day(year: y, month: m, day: dd) != day { out.append("date \(day.daysSinceEpoch) is no day") }
        }
        if let age = record.patientAge, age < 0 { out.append("age \(age)") }
        if let c = record.caseNumber, c.isEmpty || c.contains(where: { $0.isWhitespace }) { out.append("case '\(c)'") }
        // The tokenizer, as indexing runs it, stays inside the text (the costliest check in a debug build).
        for value in checkAll
            ? [record.text, record.summary] + record.items.flatMap({ [$0.treatment, $0.rationale] }) : []
        {
            var previous = -1
            var utf8 = Array(value.utf8)
            _ = utf8.withUnsafeMutableBufferPointer { buffer in
                Tokenizer.forEachToken(in: UnsafeBufferPointer(buffer)) { token, position, start, end in
                    if !(0 <= start && start < end && end <= buffer.count) || token.isEmpty
                        || token.count > Tokenizer.maxTokenBytes || position <= previous
                    {
                        out.append("token \(start)..<\(end) at \(position)")
                    }
                    previous = position
                }
            }
        }
        if checkAll {
            let first = json(record)
            // Deterministic, and the normalised text parses to the same record.
            let again = LetterParser.parse(bytes: bytes, file: "fuzz.txt")
            if json(again) != first || again.text != record.text { out.append("a second parse differs") }
            if !text.isEmpty {
                let reparsed = LetterParser.parse(bytes: text, file: "fuzz.txt")
                if json(reparsed) != first || reparsed.text != record.text {
                    out.append("parsing the normalised text differs")
                }
            }
            if (try? JSONSerialization.jsonObject(with: Data(first.utf8))) == nil { out.append("invalid JSON") }
        }
        return out
    }

    static var inputs: Int { ProcessInfo.processInfo.environment["IMRSEARCH_LONG_TESTS"] == "1" ? 1_000_000 : 100_000 }
}

@Suite struct FuzzLetterParserTests {
    /// ≥ 100,000 mutated fragments of the bundled letters (a million with IMRSEARCH_LONG_TESTS=1); every
    /// 16th also gets the costly checks (see `problems`); 64 of them are indexed together at the end.
    @Test func mutatedLettersParseToWellFormedRecords() throws {
        #expect(LetterFuzz.letters.count >= 60)
        var rng = SplitMix(seed: 12)
        var failures: [String] = []
        var mutants: [[UInt8]] = []
        var bytes = 0
        for i in 0..<LetterFuzz.inputs {
            let input = LetterFuzz.mutate(LetterFuzz.fragment(&rng), &rng)
            bytes += input.count
            let problems = LetterFuzz.problems(input, all: i % 16 == 0)
            if !problems.isEmpty {
                failures.append("input \(i) (\(input.count) bytes): \(problems.prefix(3))")
                if failures.count == 1 {
                    let path = NSTemporaryDirectory() + "/imrsearch-fuzz-letter-failure.txt"
                    try? Data(input).write(to: URL(fileURLWithPath: path))
                    failures[0] += " (saved as \(path))"
                }
                if failures.count >= 10 { break }
            }
            if i % (LetterFuzz.inputs / 64) == 0 { mutants.append(input) }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(bytes > LetterFuzz.inputs * 500, "the inputs average \(bytes / LetterFuzz.inputs) bytes")

        // The mutants index, verify and search like letters.
        let dir = TestSupport.temporaryDirectory("imrsearch-fuzz-letters")
        for (k, m) in mutants.enumerated() { try Data(m).write(to: URL(fileURLWithPath: dir + "/m\(k).txt")) }
        let path = dir + "/fuzz.idx"
        _ = try IndexBuilder.build(
            IndexBuildOptions(paths: [dir], indexPath: path, jobs: 1, batchLetters: 16, runMemoryBudget: 20_000))
        let reader = try IndexReader(path: path)
        #expect(IndexVerifier.verify(reader).isEmpty)
        #expect(reader.letterCount == mutants.count)
        let searcher = Searcher(reader: reader)
        #expect(try searcher.count(QueryParser.parse("*")) == reader.itemCount)
        for q in [
            "patient", "\"medically necessary\"", "acupunct*", "decision:upheld", "summary:injured", "year:..2016",
        ] {
            _ = try searcher.search(QueryParser.parse(q), limit: 10)
        }
    }

    /// Found by fuzzing: the value of "Certification(s)/Specialty:" was read from one byte past the label,
    /// which trapped when the letter ended with the label and dropped the first letter of a value with no
    /// space before it.
    @Test func aSpecialtyLabelAtTheEndOfTheText() throws {
        let how = "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe Expert Reviewer has the following credentials:\n"
        let ending = LetterParser.parse(
            bytes: Array((how + "State(s) of Licensure: Florida\nCertification(s)/Specialty:").utf8), file: "a.txt")
        #expect(ending.licensure == ["Florida"])
        #expect(ending.specialties == [])
        #expect(LetterFuzz.problems(Array((how + "Certification(s)/Specialty:").utf8), all: true) == [])
        let tight = LetterParser.parse(
            bytes: Array((how + "Certification(s)/Specialty:Family Practice\n").utf8), file: "b.txt")
        #expect(tight.specialties == ["Family Practice"])
    }

    /// `isClean` tests eight bytes at a time with carry-free arithmetic; it must agree with the byte-by-byte
    /// definition (printable ASCII, LF and TAB after an optional BOM) for every byte value at every place in
    /// the word, and on random mixtures.
    @Test func theCleanTextTestAgreesWithItsByteByByteDefinition() {
        func reference(_ raw: [UInt8]) -> Bool {
            let start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return raw[start...].allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }
        }
        let clean = Array("The request for L4-5 fusion\tis not medically necessary.\n".utf8)
        #expect(LetterText.isClean(clean))
        for value in 0...255 {
            for place in 0..<clean.count {
                var text = clean
                text[place] = UInt8(value)
                #expect(LetterText.isClean(text) == reference(text), "byte \(value) at \(place)")
            }
        }
        var rng = SplitMix(seed: 7)
        let alphabet: [UInt8] = [0x09, 0x0A, 0x0B, 0x0D, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<2000 {
            let text = (0..<LetterFuzz.below(40, &rng)).map { _ in
                LetterFuzz.below(4, &rng) == 0 ? LetterFuzz.pick(alphabet, &rng) : UInt8(0x61)
            }
            #expect(LetterText.isClean(text) == reference(text))
        }
        #expect(LetterText.isClean([0xEF, 0xBB, 0xBF] + clean))
    }

    /// Found by fuzzing: a lone 0xA0 byte (Windows-1252 no-break space) became U+00A0, which the UTF-8 path
    /// turns into a space, so normalising the normalised text changed it.
    @Test func normalisingTwiceChangesNothing() throws {
        let raw: [UInt8] = Array("a".utf8) + [0xA0] + Array("b ".utf8) + [0xC2, 0xA0] + Array("c".utf8) + [0x93, 0x9D]
        let once = LetterText.normalize(raw).bytes
        #expect(String(decoding: once, as: UTF8.self) == "a b  c\u{201C}\u{FFFD}")
        #expect(LetterText.normalize(once).bytes == once)
    }

    /// Found by fuzzing: a letter without disputed items left its letter-level keyword terms (file, case,
    /// specialty...) in the dictionary with empty postings lists, and `verify` called the index damaged.
    @Test func aLetterWithoutItemsIndexesAndVerifies() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-itemless")
        try Data(
            "Case Number: CM99-0000001\nPriority: Standard\nHOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is Board Certified in Internal Medicine.\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: dir + "/itemless.txt"))
        try Data(FileIO.readAll(TestSupport.corpusFiles.first { $0.hasSuffix(".txt") }!))
            .write(to: URL(fileURLWithPath: dir + "/letter.txt"))
        let path = dir + "/x.idx"
        _ = try IndexBuilder.build(IndexBuildOptions(paths: [dir], indexPath: path, jobs: 1))
        let reader = try IndexReader(path: path)
        #expect(reader.letterCount == 2)
        #expect(IndexVerifier.verify(reader) == [])
        let searcher = Searcher(reader: reader)
        #expect(try searcher.count(QueryParser.parse("file:itemless.txt")) == 0)
        #expect(try searcher.count(QueryParser.parse("file:letter.txt")) == reader.itemCount)
    }

    /// Whole letters with one heading or label repeated at every line: the quadratic corners stay fast.
    @Test func everyLineALabel() throws {
        for label in ["Claims Administrator guideline: x", "MAXIMUS guideline: y", "Upheld", ": Upheld", ""] {
            var letter = Array("HOW THE IMR FINAL DETERMINATION WAS MADE\nIMR ISSUES, DECISIONS AND RATIONALES\n".utf8)
            for k in 0..<3000 { letter += Array("\(label) \(k % 7 == 0 ? "." : "")\n".utf8) }
            #expect(LetterFuzz.problems(letter, all: true).isEmpty)
        }
    }
}
