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
    private var scratch: [UInt64] = []

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
    private func invertText(tag: UInt8, doc: UInt32, texts: [String], lengths: inout [Int]) {
        scratch.removeAll(keepingCapacity: true)
        for (column, text) in texts.enumerated() {
            var text = text
            var kept = 0
            text.withUTF8 { utf8 in
                Tokenizer.forEachToken(in: utf8) { token, position, _, _ in
                    let id = terms.intern(tag: tag, token)
                    ensureTerm(id)
                    kept += 1
                    scratch.append(
                        UInt64(UInt32(bitPattern: id)) << 32 | UInt64(column) << 30
                            | UInt64(min(position, 0x3FFF_FFFF)))
                }
            }
            lengths[column] = kept
        }
        if scratch.isEmpty { return }
        scratch.sort()
        let columns = texts.count
        var i = 0
        var tfs = [UInt32](repeating: 0, count: columns)
        while i < scratch.count {
            let id = Int(scratch[i] >> 32)
            var j = i
            for c in 0..<columns { tfs[c] = 0 }
            while j < scratch.count && Int(scratch[j] >> 32) == id {
                tfs[Int((scratch[j] >> 30) & 3)] += 1
                j += 1
            }
            let previous = lastDocPlusOne[id] == 0 ? 0 : lastDocPlusOne[id] - 1
            VarInt.append(doc - previous, to: &postings[id])
            for c in 0..<columns { VarInt.append(tfs[c], to: &postings[id]) }
            var k = i
            while k < j {
                let column = (scratch[k] >> 30) & 3
                var last: UInt32 = 0
                var first = true
                while k < j && (scratch[k] >> 30) & 3 == column {
                    let position = UInt32(scratch[k] & 0x3FFF_FFFF)
                    VarInt.append(first ? position : position - last, to: &postings[id])
                    last = position
                    first = false
                    k += 1
                }
            }
            lastDocPlusOne[id] = doc + 1
            docCounts[id] += 1
            i = j
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
