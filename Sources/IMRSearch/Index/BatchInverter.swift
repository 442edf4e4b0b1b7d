// BatchInverter: turns one batch of parsed letters into an in-memory inverted run: interned terms with
// their postings (varint-coded, batch-local ids), field norms, columns, names and compressed text.
// `RunFile` serialises the result; `IndexMerger` merges the runs of all batches into the index.
//
// Postings of one term in a run, per document (ids ascend):
//   varint(id - previous id)            (the first id is coded against 0)
//   varint(tf[c]) for each frequency column c of the field
//   for each column with tf > 0: varint(first position), varint(delta) ... (tf values)
// Keyword fields and word triples (`itemTriples`) write only the id delta, word pairs (`itemPairs`) the id
// delta and the frequencies. The
// postings of term t are stream t of `postings` (`PostingsPool`); the per-token path writes into raw
// buffers and allocates nothing.

final class BatchInverter {
    let terms = TermTable()
    let postings = PostingsPool()
    // Per-term counters (documents, last document, per-unit frequencies) live in the postings pool's
    // `TermState` records, beside the term's stream: one cache line per term.
    // Unchecked exclusivity: appended per new term of a unit (hot loop), accessed only by this inverter.
    @exclusivity(unchecked) private var touched: [Int32] = []
    private let tokens = TokenScratch()
    // Unchecked exclusivity: looked up per keyword value of every item, accessed only by this inverter.
    @exclusivity(unchecked) private var keywordCache: [RawKeyword: Int32?] = [:]
    private var unitStamp: UInt32 = 0
    /// Per term id: the term's index among the `CommonWords` when it is an item-text word, else -1.
    @exclusivity(unchecked) private var commonIndex: UnsafeMutablePointer<Int16> = .allocate(capacity: 1)
    @exclusivity(unchecked) private var commonCapacity = 1
    /// Per pair or triple code (`CommonWords.gramTerm`): its term id in this batch, or -1.
    private let pairTerms: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: CommonWords.gramCodes)
        p.initialize(repeating: -1, count: CommonWords.gramCodes)
        return p
    }()
    /// The pair terms of the unit being inverted, in first-seen order.
    @exclusivity(unchecked) private var touchedPairs: [Int32] = []

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
    private(set) var sources: [LetterSource] = []
    private(set) var files: [String] = []
    private(set) var caseNumbers: [String?] = []
    let store: StoredTextBuilder
    let classes = ItemClassTable()

    /// An inverter whose stored texts are compressed against `storeDictionary` (the index's).
    init(storeDictionary: [UInt8]) {
        store = StoredTextBuilder(dictionary: storeDictionary)
    }

    var letterCount: Int { files.count }
    var itemCount: Int { itemDecision.count }

    deinit {
        commonIndex.deallocate()
        pairTerms.deallocate()
    }

    /// Gives a term interned for the first time its postings stream and its common-word index.
    @inline(__always)
    private func ensureTerm(_ id: Int32, common: @autoclosure () -> Int = -1) {
        if Int(id) == postings.streamCount {
            postings.addStream()
            if Int(id) >= commonCapacity {
                commonIndex = commonIndex.grown(keeping: commonCapacity, to: max(Int(id) + 1, commonCapacity * 2))
                commonCapacity = max(Int(id) + 1, commonCapacity * 2)
            }
            commonIndex[Int(id)] = Int16(common())
        }
    }

    /// Documents posted for term `id` in this batch.
    func docCount(_ id: Int) -> UInt32 { postings.states[id].docCount }

    /// Adds one letter and its items.
    func add(_ letter: LetterRecord) {
        let letterID = UInt32(letterCount)
        // Letter-level keyword terms are the same for every item: intern them once. They are posted on the
        // letter's items, so a letter without items (empty, binary, truncated before its first decision)
        // interns none: a term without postings would make `verify` call the index damaged.
        var letterKeywords: [Int32] = []
        if !letter.items.isEmpty {
            for specialty in letter.specialties { keywordTerm(.specialty, specialty).map { letterKeywords.append($0) } }
            for state in letter.licensure { keywordTerm(.state, state).map { letterKeywords.append($0) } }
            if let sex = letter.patientSex { keywordTerm(.sex, sex.rawValue).map { letterKeywords.append($0) } }
            if let priority = letter.priority { keywordTerm(.priority, priority).map { letterKeywords.append($0) } }
            if let caseNumber = letter.caseNumber {
                keywordTerm(.caseNumber, caseNumber).map { letterKeywords.append($0) }
            }
            keywordTerm(.file, letter.file).map { letterKeywords.append($0) }
        }
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
            addClassKeywords(item.treatmentClass, doc: doc)
            classes.add(item.treatmentClass)
            for id in letterKeywords { addKeyword(id, doc: doc) }
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
        sources.append(letter.source)
        files.append(letter.file)
        caseNumbers.append(letter.caseNumber)
        store.add(letter.text)
    }

    /// Tokenises `texts` (one per frequency column) into postings for `doc`. The tokens of the unit are
    /// grouped by term with a counting scatter (no sort): positions stay in column, then position order.
    ///
    /// Per column, three passes over the tokens: tokenise (copy the folded bytes, hash them, prefetch
    /// each hash's table slot), intern (prefetch each term's counters), count. A rare word's slot and
    /// counters miss the caches; issued ahead, those misses overlap instead of stalling token by token.
    private func invertText(tag: UInt8, doc: UInt32, texts: [String], lengths: inout [Int]) {
        unitStamp &+= 1
        touched.removeAll(keepingCapacity: true)
        var tokenCount = 0
        // Item text: pairs of common words at adjacent positions of one column (code, column).
        let withPairs = tag == IndexField.itemText.rawValue
        var pairCount = 0
        for (column, text) in texts.enumerated() {
            var text = text
            let first = tokenCount
            text.withUTF8 { utf8 in
                tokens.ensure(tokenCount + utf8.count / 2 + 1)
                let tokenPositions = tokens.positions
                let tokenHashes = tokens.hashes
                let tokenStarts = tokens.byteStarts
                let tokenLengths = tokens.byteLengths
                var byteCount = 0
                Tokenizer.forEachToken(in: utf8) { token, position, _, _ in
                    // The folded bytes, whole words at a time (the tokenizer's scratch may be read so).
                    tokens.ensureBytes(byteCount + Tokenizer.maxTokenBytes + 16)
                    let bytes = tokens.bytes + byteCount
                    let n = token.count
                    let source = UnsafeRawPointer(token.baseAddress!)
                    var w = 0
                    while w < n {
                        UnsafeMutableRawPointer(bytes + w).storeBytes(of: loadWord(source + w), as: UInt64.self)
                        w += 8
                    }
                    let h = TermTable.hash(tag: tag, UnsafeBufferPointer(start: bytes, count: n), padded: true)
                    terms.prefetchSlot(h)
                    tokenHashes[tokenCount] = h
                    tokenStarts[tokenCount] = UInt32(byteCount)
                    tokenLengths[tokenCount] = UInt8(n)
                    tokenPositions[tokenCount] = UInt32(min(position, 0x3FFF_FFFF))
                    byteCount += (n + 7) & ~7
                    tokenCount += 1
                }
            }
            let bytes = tokens.bytes
            let tokenTerms = tokens.terms
            let tokenPositions = tokens.positions
            let tokenHashes = tokens.hashes
            let tokenStarts = tokens.byteStarts
            let tokenLengths = tokens.byteLengths
            let pairCodes = tokens.pairCodes
            let pairColumns = tokens.pairColumns
            var previousCommon = -1
            var previousPosition = -2
            var earlierCommon = -1
            var earlierPosition = -3
            for k in first..<tokenCount {
                let token = UnsafeBufferPointer(start: bytes + Int(tokenStarts[k]), count: Int(tokenLengths[k]))
                let id = terms.intern(tag: tag, token, hash: tokenHashes[k], padded: true)
                ensureTerm(id, common: withPairs ? CommonWords.index(of: token) : -1)
                prefetch(postings.states + Int(id))
                tokenTerms[k] = id
                if withPairs {
                    let position = Int(tokenPositions[k])
                    let common = Int(commonIndex[Int(id)])
                    if common >= 0 && previousCommon >= 0 && position == previousPosition &+ 1 {
                        let pair = previousCommon &* CommonWords.count &+ common
                        pairCodes[pairCount] = UInt32(pair)
                        pairColumns[pairCount] = UInt8(column)
                        pairCount &+= 1
                        if earlierCommon >= 0 && previousPosition == earlierPosition &+ 1 {
                            pairCodes[pairCount] = UInt32(
                                CommonWords.pairCodes &+ earlierCommon &* CommonWords.pairCodes &+ pair)
                            pairColumns[pairCount] = UInt8(column)
                            pairCount &+= 1
                        }
                    }
                    earlierCommon = previousCommon
                    earlierPosition = previousPosition
                    previousCommon = common
                    previousPosition = position
                }
            }
            let states = postings.states
            for k in first..<tokenCount {
                let id = tokenTerms[k]
                if countInUnit(states + Int(id), column: column) {
                    touched.append(id)
                    postings.prefetchWrite(states + Int(id))
                }
            }
            lengths[column] = tokenCount - first
        }
        if pairCount > 0 { invertPairs(doc: doc, count: pairCount) }
        if tokenCount == 0 { return }
        // Scatter the positions of each term together.
        let states = postings.states
        var running: Int32 = 0
        for id in touched {
            let state = states + Int(id)
            state.pointee.cursor = running
            running += Int32(state.pointee.count0 + state.pointee.count1 + state.pointee.count2)
        }
        let tokenTerms = tokens.terms
        let tokenPositions = tokens.positions
        let scattered = tokens.scattered
        for k in 0..<tokenCount {
            let state = states + Int(tokenTerms[k])
            scattered[Int(state.pointee.cursor)] = tokenPositions[k]
            state.pointee.cursor += 1
        }
        let columns = texts.count
        let entry = tokens.entry
        for id in touched {
            let state = states + Int(id)
            let counts = (state.pointee.count0, state.pointee.count1, state.pointee.count2)
            var k = Int(state.pointee.cursor) - Int(counts.0 + counts.1 + counts.2)
            let last = state.pointee.lastDocPlusOne
            var n = VarInt.write(doc - (last == 0 ? 0 : last - 1), to: entry)
            n += VarInt.write(counts.0, to: entry + n)
            if columns > 1 { n += VarInt.write(counts.1, to: entry + n) }
            if columns > 2 { n += VarInt.write(counts.2, to: entry + n) }
            for c in 0..<columns {
                var previous: UInt32 = 0
                let count = c == 0 ? counts.0 : c == 1 ? counts.1 : counts.2
                for m in 0..<Int(count) {
                    let position = scattered[k]
                    n += VarInt.write(m == 0 ? position : position - previous, to: entry + n)
                    previous = position
                    k += 1
                }
            }
            postings.append(state, entry, n)
            state.pointee.lastDocPlusOne = doc + 1
            state.pointee.docCount += 1
        }
    }

    /// Counts one occurrence in `column` of the term whose state is `state`; true when it is the term's first
    /// in this unit (its counts then start from zero).
    @inline(__always)
    private func countInUnit(_ state: UnsafeMutablePointer<TermState>, column: Int) -> Bool {
        var first = false
        if state.pointee.stamp != unitStamp {
            state.pointee.stamp = unitStamp
            state.pointee.count0 = 0
            state.pointee.count1 = 0
            state.pointee.count2 = 0
            first = true
        }
        switch column {
        case 0: state.pointee.count0 += 1
        case 1: state.pointee.count1 += 1
        default: state.pointee.count2 += 1
        }
        return first
    }

    /// Posts the unit's `count` word pairs and triples (`tokens.pairCodes`, `tokens.pairColumns`) for
    /// `doc`: per pair term, the document delta and its frequency in each column; per triple term, the
    /// document alone.
    private func invertPairs(doc: UInt32, count: Int) {
        let codes = tokens.pairCodes
        let columns = tokens.pairColumns
        touchedPairs.removeAll(keepingCapacity: true)
        for k in 0..<count {
            let code = Int(codes[k])
            let triple = code >= CommonWords.pairCodes
            var id = pairTerms[code]
            if id < 0 {
                let key = CommonWords.gramTerm(code)
                let field = triple ? IndexField.itemTriples : IndexField.itemPairs
                id = key.withUnsafeBufferPointer { terms.intern(tag: field.rawValue, $0) }
                ensureTerm(id)
                pairTerms[code] = id
            }
            if triple {
                addKeyword(id, doc: doc)  // a document filter: posted once, no frequencies
            } else if countInUnit(postings.states + Int(id), column: Int(columns[k])) {
                touchedPairs.append(id)
            }
        }
        let entry = tokens.entry
        for id in touchedPairs {
            let state = postings.states + Int(id)
            let last = state.pointee.lastDocPlusOne
            var n = VarInt.write(doc - (last == 0 ? 0 : last - 1), to: entry)
            n += VarInt.write(state.pointee.count0, to: entry + n)
            n += VarInt.write(state.pointee.count1, to: entry + n)
            n += VarInt.write(state.pointee.count2, to: entry + n)
            postings.append(state, entry, n)
            state.pointee.lastDocPlusOne = doc + 1
            state.pointee.docCount += 1
        }
    }

    /// The term id of a keyword value, interned; nil when the value normalises to nothing. Values that
    /// repeat across letters (decisions, sources, specialties, pages...) are remembered by their raw text,
    /// so each is normalised once per batch; file names and case numbers are not (they never repeat).
    private func keywordTerm(_ field: IndexField, _ raw: String) -> Int32? {
        let repeats = field != .file && field != .caseNumber
        if repeats, let known = keywordCache[RawKeyword(field: field.rawValue, raw: raw)] { return known }
        let id = normalizedKeywordTerm(field, raw)
        if repeats { keywordCache[RawKeyword(field: field.rawValue, raw: raw)] = id }
        return id
    }

    private func normalizedKeywordTerm(_ field: IndexField, _ raw: String) -> Int32? {
        var value = KeywordValues.normalize(raw, for: field)
        if value.isEmpty { return nil }
        return value.withUTF8 { utf8 in
            let id = terms.intern(tag: field.rawValue, utf8)
            ensureTerm(id)
            return id
        }
    }

    /// The taxonomy keywords of one item: its category and "category subcategory", its generic drug and
    /// each component of it, every region it names.
    private func addClassKeywords(_ c: TreatmentClass, doc: UInt32) {
        if let category = c.category {
            addKeyword(.category, category, doc: doc)
            if let sub = c.subcategory { addKeyword(.category, category + " " + sub, doc: doc) }
        }
        if let drug = c.drug {
            addKeyword(.drug, drug, doc: doc)
            let components = c.drugComponents
            if components.count > 1 { for component in components { addKeyword(.drug, component, doc: doc) } }
        }
        for region in c.regions { addKeyword(.region, region, doc: doc) }
    }

    private func addKeyword(_ field: IndexField, _ raw: String, doc: UInt32) {
        if let id = keywordTerm(field, raw) { addKeyword(id, doc: doc) }
    }

    /// Adds `doc` to keyword term `id` (once per document).
    private func addKeyword(_ id: Int32, doc: UInt32) {
        let state = postings.states + Int(id)
        let last = state.pointee.lastDocPlusOne
        if last == doc + 1 { return }
        var scratch: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            let out = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let n = VarInt.write(doc - (last == 0 ? 0 : last - 1), to: out)
            postings.append(state, out, n)
        }
        state.pointee.lastDocPlusOne = doc + 1
        state.pointee.docCount += 1
    }
}

/// The token scratch of one unit in raw buffers: term id and position per token, positions scattered by
/// term, and the bytes of one posting entry (at most 5 bytes per token plus the id and frequencies).
final class TokenScratch {
    private(set) var capacity = 0
    private(set) var terms = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var positions = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var scattered = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var entry = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    /// Per token of the column being tokenised: its hash, and where its folded bytes lie in `bytes`.
    private(set) var hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    private(set) var byteStarts = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var byteLengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    /// The folded bytes of the column's tokens, each starting at a multiple of 8 (so it may be read as
    /// whole words).
    private(set) var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var byteCapacity = 1
    /// Word pairs and triples of the unit: the code and its column (room for two a token).
    private(set) var pairCodes = UnsafeMutablePointer<UInt32>.allocate(capacity: 2)
    private(set) var pairColumns = UnsafeMutablePointer<UInt8>.allocate(capacity: 2)

    /// Makes room for `count` tokens, keeping the terms, positions and hashes written so far.
    @inline(__always)
    func ensure(_ count: Int) {
        if count <= capacity { return }
        let newCapacity = max(count, capacity * 2, 4096)
        terms = terms.grown(keeping: capacity, to: newCapacity)
        positions = positions.grown(keeping: capacity, to: newCapacity)
        hashes = hashes.grown(keeping: capacity, to: newCapacity)
        byteStarts = byteStarts.grown(keeping: capacity, to: newCapacity)
        byteLengths = byteLengths.grown(keeping: capacity, to: newCapacity)
        scattered = scattered.grown(keeping: 0, to: newCapacity)
        entry = entry.grown(keeping: 0, to: newCapacity * 5 + 64)
        pairCodes = pairCodes.grown(keeping: 2 * capacity, to: 2 * newCapacity)
        pairColumns = pairColumns.grown(keeping: 2 * capacity, to: 2 * newCapacity)
        capacity = newCapacity
    }

    /// Makes room for `count` bytes of folded tokens, keeping those written so far.
    @inline(__always)
    func ensureBytes(_ count: Int) {
        if count <= byteCapacity { return }
        let newCapacity = max(count, byteCapacity * 2, 1 << 16)
        bytes = bytes.grown(keeping: byteCapacity, to: newCapacity)
        byteCapacity = newCapacity
    }

    deinit {
        terms.deallocate()
        positions.deallocate()
        scattered.deallocate()
        entry.deallocate()
        hashes.deallocate()
        byteStarts.deallocate()
        byteLengths.deallocate()
        bytes.deallocate()
        pairCodes.deallocate()
        pairColumns.deallocate()
    }
}

/// A keyword value as the letter spells it, with its field tag: the key of the inverter's keyword cache.
struct RawKeyword: Hashable {
    var field: UInt8
    var raw: String
}
