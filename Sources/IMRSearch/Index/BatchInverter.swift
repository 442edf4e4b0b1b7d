// BatchInverter: turns one batch of parsed letters into an in-memory inverted run: interned terms with
// their postings (varint-coded, batch-local ids), field norms, columns, names and compressed text.
// `RunFile` serialises the result; `IndexMerger` merges the runs of all batches into the index.
//
// Postings of one term in a run, per document (ids ascend):
//   varint(id - previous id)            (the first id is coded against 0)
//   varint(tf[c]) for each frequency column c of the field
//   for each column with tf > 0: varint(first position), varint(delta) ... (tf values)
// Keyword fields write only the id delta.

final class BatchInverter {
    let terms = TermTable()
    private(set) var postings: [[UInt8]] = []
    private(set) var docCounts: [UInt32] = []
    private var lastDocPlusOne: [UInt32] = []
    // Per-unit scratch of invertText (reused, sized to the term count).
    private let counters = TermCounters()
    private var touched: [Int32] = []
    private var tokenTerms: [Int32] = []
    private var tokenPositions: [UInt32] = []
    private var scattered: [UInt32] = []
    private var unitStamp: UInt32 = 0
    private var entry: [UInt8] = []

    private(set) var itemNorms: [UInt8] = []  // 3 per item
    private(set) var summaryNorms: [UInt8] = []  // 1 per letter
    private(set) var lengthSums: [UInt64] = [0, 0, 0, 0]
    private(set) var itemLetter: [UInt32] = []
    private(set) var itemDecision: [UInt8] = []
    private(set) var letterFirstItem: [UInt32] = [0]
    private(set) var numeric: [[Int32]] = Array(repeating: [], count: NumericColumn.allCases.count)
    private(set) var sexCodes: [UInt8] = []
    private(set) var priorityCodes: [UInt8] = []
    private(set) var layoutCodes: [UInt8] = []
    private(set) var files: [String] = []
    private(set) var caseNumbers: [String?] = []
    let store = StoredTextBuilder()

    var letterCount: Int { files.count }
    var itemCount: Int { itemDecision.count }

    @inline(__always)
    private func ensureTerm(_ id: Int32) {
        if Int(id) == postings.count {
            postings.append([])
            docCounts.append(0)
            lastDocPlusOne.append(0)
            counters.ensure(postings.count)
        }
    }

    /// Adds one letter and its items.
    func add(_ letter: LetterRecord) {
        let letterID = UInt32(letterCount)
        for item in letter.items {
            let doc = UInt32(itemCount)
            var lengths = [0, 0, 0]
            let texts = [item.treatment, item.rationale, item.guidelineText]
            invertText(tag: IndexField.itemText.rawValue, doc: doc, texts: texts, lengths: &lengths)
            for c in 0..<3 {
                itemNorms.append(FieldNorms.code(forLength: lengths[c]))
                lengthSums[c] &+= UInt64(lengths[c])
            }
            itemLetter.append(letterID)
            itemDecision.append(ColumnCodes.decision(item.decision))
            addKeyword(.decision, item.decision.name, doc: doc)
            for source in item.sources { addKeyword(.source, source, doc: doc) }
            for section in item.sections { addKeyword(.section, section, doc: doc) }
            for pageText in item.pages {
                for page in KeywordValues.pages(in: pageText) { addKeyword(.page, String(page), doc: doc) }
            }
            for specialty in letter.specialties { addKeyword(.specialty, specialty, doc: doc) }
            for state in letter.licensure { addKeyword(.state, state, doc: doc) }
            if let sex = letter.patientSex { addKeyword(.sex, sex.rawValue, doc: doc) }
            if let priority = letter.priority { addKeyword(.priority, priority, doc: doc) }
            if let caseNumber = letter.caseNumber { addKeyword(.caseNumber, caseNumber, doc: doc) }
            addKeyword(.file, letter.file, doc: doc)
        }
        var summaryLength = [0]
        invertText(
            tag: IndexField.summary.rawValue, doc: letterID, texts: [letter.summary],
            lengths: &summaryLength)
        summaryNorms.append(FieldNorms.code(forLength: summaryLength[0]))
        lengthSums[3] &+= UInt64(summaryLength[0])
        letterFirstItem.append(UInt32(itemCount))
        let values = NumericColumn.values(of: letter)
        for c in 0..<values.count { numeric[c].append(values[c]) }
        sexCodes.append(ColumnCodes.sex(letter.patientSex))
        priorityCodes.append(ColumnCodes.priority(letter.priority))
        layoutCodes.append(ColumnCodes.layout(letter.layout))
        files.append(letter.file)
        caseNumbers.append(letter.caseNumber)
        store.add(letter.text)
    }

    /// Tokenises `texts` (one per frequency column) into postings for `doc`.
    /// Tokenises `texts` (one per frequency column) into postings for `doc`. The tokens of the unit are
    /// grouped by term with a counting scatter (no sort): positions stay in column, then position order.
    private func invertText(tag: UInt8, doc: UInt32, texts: [String], lengths: inout [Int]) {
        unitStamp &+= 1
        touched.removeAll(keepingCapacity: true)
        tokenTerms.removeAll(keepingCapacity: true)
        tokenPositions.removeAll(keepingCapacity: true)
        for (column, text) in texts.enumerated() {
            var text = text
            var kept = 0
            _ = text.withUTF8 { utf8 in
                Tokenizer.forEachToken(in: utf8) { token, position, _, _ in
                    let id = terms.intern(tag: tag, token)
                    ensureTerm(id)
                    let t = Int(id)
                    let stamps = counters.stamps
                    let columnCounts = counters.columnCounts
                    if stamps[t] != unitStamp {
                        stamps[t] = unitStamp
                        touched.append(id)
                        columnCounts[t * 3] = 0
                        columnCounts[t * 3 + 1] = 0
                        columnCounts[t * 3 + 2] = 0
                    }
                    columnCounts[t * 3 + column] += 1
                    tokenTerms.append(id)
                    tokenPositions.append(UInt32(min(position, 0x3FFF_FFFF)))
                    kept += 1
                }
            }
            lengths[column] = kept
        }
        if tokenTerms.isEmpty { return }
        // Scatter the positions of each term together.
        let columnCounts = counters.columnCounts
        let cursors = counters.cursors
        var running: Int32 = 0
        for id in touched {
            let t = Int(id)
            cursors[t] = running
            running += Int32(columnCounts[t * 3] + columnCounts[t * 3 + 1] + columnCounts[t * 3 + 2])
        }
        if scattered.count < tokenTerms.count { scattered = [UInt32](repeating: 0, count: tokenTerms.count * 2) }
        for k in 0..<tokenTerms.count {
            let t = Int(tokenTerms[k])
            scattered[Int(cursors[t])] = tokenPositions[k]
            cursors[t] += 1
        }
        let columns = texts.count
        for id in touched {
            let t = Int(id)
            let total = Int(columnCounts[t * 3] + columnCounts[t * 3 + 1] + columnCounts[t * 3 + 2])
            var k = Int(cursors[t]) - total
            let previous = lastDocPlusOne[t] == 0 ? 0 : lastDocPlusOne[t] - 1
            entry.removeAll(keepingCapacity: true)
            VarInt.append(doc - previous, to: &entry)
            for c in 0..<columns { VarInt.append(columnCounts[t * 3 + c], to: &entry) }
            for c in 0..<columns {
                var last: UInt32 = 0
                for n in 0..<Int(columnCounts[t * 3 + c]) {
                    let position = scattered[k]
                    VarInt.append(n == 0 ? position : position - last, to: &entry)
                    last = position
                    k += 1
                }
            }
            postings[t].append(contentsOf: entry)
            lastDocPlusOne[t] = doc + 1
            docCounts[t] += 1
        }
    }

    private func addKeyword(_ field: IndexField, _ raw: String, doc: UInt32) {
        var value = KeywordValues.normalize(raw, for: field)
        if value.isEmpty { return }
        value.withUTF8 { utf8 in
            let id = terms.intern(tag: field.rawValue, utf8)
            ensureTerm(id)
            let last = lastDocPlusOne[Int(id)]
            if last == doc + 1 { return }
            VarInt.append(doc - (last == 0 ? 0 : last - 1), to: &postings[Int(id)])
            lastDocPlusOne[Int(id)] = doc + 1
            docCounts[Int(id)] += 1
        }
    }
}

/// Per-term scratch counters of one batch (unit stamp, frequency per column, scatter cursor) in raw
/// buffers that grow by doubling: the per-token path touches them without array checks.
final class TermCounters {
    private(set) var capacity = 0
    private(set) var stamps = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var columnCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: 3)
    private(set) var cursors = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    /// Makes room for `count` terms (new entries zeroed).
    @inline(__always)
    func ensure(_ count: Int) {
        if count <= capacity { return }
        let newCapacity = max(count, capacity * 2, 1024)
        func grow<T>(_ old: UnsafeMutablePointer<T>, _ per: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity * per)
            fresh.moveInitialize(from: old, count: capacity * per)
            (fresh + capacity * per).initialize(repeating: zero, count: (newCapacity - capacity) * per)
            old.deallocate()
            return fresh
        }
        stamps = grow(stamps, 1, 0)
        columnCounts = grow(columnCounts, 3, 0)
        cursors = grow(cursors, 1, 0)
        capacity = newCapacity
    }

    deinit {
        stamps.deallocate()
        columnCounts.deallocate()
        cursors.deallocate()
    }
}
