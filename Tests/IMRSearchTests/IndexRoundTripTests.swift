// Round trip: index the bundled corpus, then read back every posting, position, norm, column, name and
// stored text and compare with what the parser's records say they must be.
import Testing

@testable import IMRSearch

@Suite struct IndexRoundTripTests {
    let reader: IndexReader
    let records: [LetterRecord]

    init() throws {
        reader = try IndexReader(path: TestSupport.corpusIndex)
        records = TestSupport.corpusRecords
    }

    @Test func countsColumnsNamesAndTextMatchTheRecords() throws {
        #expect(records.count > 60)
        #expect(reader.letterCount == records.count)
        #expect(reader.itemCount == records.reduce(0) { $0 + $1.items.count })
        var item = 0
        for (letter, record) in records.enumerated() {
            #expect(reader.file(ofLetter: letter) == record.file)
            #expect(reader.caseNumber(ofLetter: letter) == record.caseNumber)
            #expect(reader.text(ofLetter: letter) == record.text)
            #expect(reader.firstItem(ofLetter: letter) == item)
            #expect(
                reader.numeric(.decided, letter: letter)
                    == (record.dates.decision?.daysSinceEpoch ?? ColumnCodes.missing))
            #expect(
                reader.numeric(.age, letter: letter)
                    == (record.patientAge.map { Int32($0) } ?? ColumnCodes.missing))
            #expect(reader.sexCode(letter: letter) == ColumnCodes.sex(record.patientSex))
            for (n, it) in record.items.enumerated() {
                #expect(reader.letter(ofItem: item) == letter)
                #expect(reader.itemNumber(ofItem: item) == n)
                #expect(reader.decisionCode(ofItem: item) == ColumnCodes.decision(it.decision))
                item += 1
            }
        }
        #expect(reader.firstItem(ofLetter: records.count) == item)
    }

    /// term -> doc -> positions per column
    typealias Expected = [String: [Int: [[UInt32]]]]

    static func expectedText(_ records: [LetterRecord], summary: Bool) -> (Expected, [[Int]]) {
        var expected: Expected = [:]
        var lengths: [[Int]] = []
        var doc = 0
        for record in records {
            let units: [[String]] =
                summary
                ? [[record.summary]] : record.items.map { [$0.treatment, $0.rationale, $0.guidelineText] }
            for texts in units {
                var lens: [Int] = []
                for (c, text) in texts.enumerated() {
                    var t = text
                    var kept = 0
                    _ = t.withUTF8 { utf8 in
                        Tokenizer.forEachToken(in: utf8) { token, position, _, _ in
                            let term = String(decoding: token, as: UTF8.self)
                            var perDoc = expected[term, default: [:]][
                                doc, default: Array(repeating: [], count: texts.count)]
                            perDoc[c].append(UInt32(position))
                            expected[term, default: [:]][doc] = perDoc
                            kept += 1
                        }
                    }
                    lens.append(kept)
                }
                lengths.append(lens)
                doc += 1
            }
        }
        return (expected, lengths)
    }

    func compare(_ field: IndexField, _ expected: Expected) {
        let dictionary = reader.dictionary(field)
        var seen = Set<String>()
        var positions: [UInt32] = []
        dictionary.forEachTerm { ordinal, bytes in
            let term = String(decoding: bytes, as: UTF8.self)
            seen.insert(term)
            guard let info = dictionary.info(ordinal), let want = expected[term] else {
                Issue.record("unexpected term \(term)")
                return true
            }
            #expect(info.docFreq == want.count, "docFreq of \(term)")
            let cursor = PostingsCursor(reader: reader, info: info, field: field)
            var docs: [Int] = []
            while cursor.doc != PostingsCursor.end {
                let doc = Int(cursor.doc)
                docs.append(doc)
                if let columns = want[doc] {
                    for c in 0..<columns.count {
                        #expect(cursor.tf(c) == UInt32(columns[c].count), "tf of \(term) in \(doc)")
                        if !columns[c].isEmpty {
                            #expect(cursor.positions(column: c, into: &positions))
                            #expect(positions == columns[c], "positions of \(term) in \(doc) column \(c)")
                        }
                    }
                }
                cursor.next()
            }
            #expect(docs == want.keys.sorted(), "documents of \(term)")
            return true
        }
        #expect(seen == Set(expected.keys))
    }

    @Test func everyItemTextPostingAndPositionRoundTrips() {
        let (expected, lengths) = Self.expectedText(records, summary: false)
        compare(.itemText, expected)
        for (doc, lens) in lengths.enumerated() {
            for c in 0..<3 {
                #expect(reader.itemNorms![doc * 3 + c] == FieldNorms.code(forLength: lens[c]))
            }
        }
    }

    @Test func everySummaryPostingRoundTrips() {
        let (expected, lengths) = Self.expectedText(records, summary: true)
        compare(.summary, expected)
        for (letter, lens) in lengths.enumerated() {
            #expect(reader.summaryNorms![letter] == FieldNorms.code(forLength: lens[0]))
        }
    }

    @Test func keywordPostingsMatchTheRecords() {
        var expected: [IndexField: [String: Set<Int>]] = [:]
        var item = 0
        for record in records {
            for it in record.items {
                func add(_ f: IndexField, _ v: String) {
                    let value = KeywordValues.normalize(v, for: f)
                    if !value.isEmpty { expected[f, default: [:]][value, default: []].insert(item) }
                }
                add(.decision, it.decision.name)
                it.sources.forEach { add(.source, $0) }
                it.sections.forEach { add(.section, $0) }
                it.pages.forEach { p in KeywordValues.pages(in: p).forEach { add(.page, String($0)) } }
                record.specialties.forEach { add(.specialty, $0) }
                record.licensure.forEach { add(.state, $0) }
                if let s = record.patientSex { add(.sex, s.rawValue) }
                if let p = record.priority { add(.priority, p) }
                if let c = record.caseNumber { add(.caseNumber, c) }
                add(.file, record.file)
                let c = it.treatmentClass
                if let category = c.category {
                    add(.category, category)
                    if let sub = c.subcategory { add(.category, category + " " + sub) }
                }
                if let drug = c.drug { add(.drug, drug) }
                if c.drugComponents.count > 1 { c.drugComponents.forEach { add(.drug, $0) } }
                c.regions.forEach { add(.region, $0) }
                item += 1
            }
        }
        // The word triples are the item text's, not a record's values (WordPairTests checks them).
        for field in IndexField.allCases where field.frequencyColumns == 0 && field != .itemTriples {
            var got: [String: Set<Int>] = [:]
            let dictionary = reader.dictionary(field)
            dictionary.forEachTerm { ordinal, bytes in
                let cursor = PostingsCursor(reader: reader, info: dictionary.info(ordinal)!, field: field)
                var docs = Set<Int>()
                while cursor.doc != PostingsCursor.end {
                    docs.insert(Int(cursor.doc))
                    cursor.next()
                }
                got[String(decoding: bytes, as: UTF8.self)] = docs
                return true
            }
            #expect(got == (expected[field] ?? [:]), "keyword field \(field.queryName)")
        }
        #expect(expected[.decision]?["upheld"]?.isEmpty == false)
        #expect(expected[.category]?["pharmaceuticals opioids"]?.isEmpty == false)
    }

    @Test func verifyFindsNoProblemInAFreshIndex() {
        #expect(IndexVerifier.verify(reader) == [])
    }

    @Test func exactAndPrefixLookupAgreeWithAFullScan() {
        let dictionary = reader.dictionary(.itemText)
        var all: [String] = []
        dictionary.forEachTerm { _, bytes in
            all.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        #expect(all.count == dictionary.termCount)
        for (i, term) in all.enumerated() where i % 7 == 0 {
            #expect(dictionary.ordinal(of: Array(term.utf8)) == i)
        }
        #expect(dictionary.ordinal(of: Array("zzzzzzzznotaword".utf8)) == nil)
        for prefix in ["acupunct", "med", "m", "zzzz", "0"] {
            var got: [String] = []
            dictionary.forEachTerm(withPrefix: Array(prefix.utf8)) { _, bytes in
                got.append(String(decoding: bytes, as: UTF8.self))
                return true
            }
            #expect(got == all.filter { $0.hasPrefix(prefix) }, "prefix \(prefix)")
        }
    }
}
