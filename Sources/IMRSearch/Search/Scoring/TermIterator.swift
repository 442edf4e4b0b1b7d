// TermIterator: one term's postings, scored with BM25 over the chosen frequency columns. For the item
// text a posting carries one frequency per sub-field (treatment, rationale, guideline); a query on the
// default fields uses all three, `treatment:x` only the first (documents without it are skipped).
// KeywordIterator: a keyword term's postings, score 0 (a filter).

final class TermIterator: DocIterator {
    let cursor: PostingsCursor
    let term: String
    let field: IndexField
    /// Columns this query reads (bit c = column c).
    let mask: Int
    private let fullMask: Bool
    /// weight × idf per column (0 outside the mask).
    let weightIdf: [Double]
    let idf: [Double]
    /// A word pair standing for a two-word phrase (`phraseWeights` given): explained as the phrase.
    private let standsForPhrase: Bool
    private let norms: UnsafePointer<UInt8>?
    private let columns: Int
    private var averages: [Double] = [0, 0, 0]

    /// `phraseWeights`: for a pair of common words (`IndexField.itemPairs`) standing for a two-word phrase,
    /// the phrase's weight × summed idf per column (masked), which score the pair's frequencies exactly as
    /// `PhraseIterator` scores the phrase's; the stored bounds, computed with the pair's own idf, are
    /// scaled to them.
    init(
        reader: IndexReader, info: TermInfo, field: IndexField, term: String, mask: Int,
        phraseWeights: [Double]? = nil
    ) {
        cursor = PostingsCursor(reader: reader, info: info, field: field)
        self.term = term
        self.field = field
        columns = field.frequencyColumns
        self.mask = mask
        fullMask = mask == (1 << columns) - 1
        var weightIdf = [Double](repeating: 0, count: 3)
        var idf = [Double](repeating: 0, count: 3)
        let fastTables = UnsafeMutablePointer<Double>.allocate(capacity: 3 * 256)
        fastTables.initialize(repeating: 0, count: 3 * 256)
        let collectionDocFreq = reader.collection?.columnDocFreq(field, term, local: (reader, info))
        let total = reader.scoringDocuments(field)
        // With phrase weights the pair's stored bounds may also shrink: the phrase's summed idf is often
        // below the pair's own (on "not medically" by a factor of several), so the scale starts at 0.
        var boundScale = phraseWeights == nil ? 1.0 : 0.0
        for c in 0..<columns {
            let localDf = c < info.columnDocFreq.count ? info.columnDocFreq[c] : 0
            let df = collectionDocFreq?[c] ?? localDf
            idf[c] = BM25.idf(documentCount: df, total: total)
            let weight = field == .summary ? summaryFieldWeight : TextSubfield(rawValue: c)!.weight
            if mask & (1 << c) != 0 { weightIdf[c] = idf[c] * weight }
            if let phraseWeights {
                weightIdf[c] = mask & (1 << c) != 0 ? phraseWeights[c] : 0
                idf[c] = phraseWeights[c] / weight
            }
            let average = reader.scoringAverageLength(field == .summary ? 3 : c)
            averages[c] = average
            if (collectionDocFreq != nil || phraseWeights != nil) && localDf > 0 {
                // The stored bounds were computed with this file's own idf and average length: a column's
                // score grows at most by the idf ratio times max(1, average ratio) (a longer average only
                // shortens K), so the largest such factor keeps every stored bound a bound.
                let localIdf = BM25.idf(
                    documentCount: localDf, total: field.isLetterLevel ? reader.letterCount : reader.itemCount)
                let localAverage = reader.averageLengths[field == .summary ? 3 : c]
                let lengthFactor = localAverage > 0 ? max(1, average / localAverage) : 1
                boundScale = max(boundScale, idf[c] / localIdf * lengthFactor)
            }
            reader.scoringLengthTables[field == .summary ? 3 : c].withUnsafeBufferPointer {
                (fastTables + c * 256).update(from: $0.baseAddress!, count: 256)
            }
        }
        self.weightIdf = weightIdf
        self.idf = idf
        standsForPhrase = phraseWeights != nil
        if collectionDocFreq != nil || phraseWeights != nil { cursor.scaleBounds(by: boundScale) }
        fastWeights = .allocate(capacity: 3)
        fastWeights.initialize(from: weightIdf, count: 3)
        self.fastTables = fastTables
        norms = field == .summary ? reader.summaryNorms : reader.itemNorms
        super.init()
        if cursor.docCount >= TermIterator.singleOccurrenceTableFrom && norms != nil {
            singleOccurrence = singleOccurrenceTable(weights: weightIdf)
        }
        doc = cursor.doc
        if !fullMask && doc != DocIterator.end && !matchesMask() { _ = next() }
    }

    /// The cursor, when this iterator's documents are exactly the cursor's (all columns queried): an
    /// intersection may then leapfrog the cursors directly and `syncToCursor()` after.
    var plainCursor: PostingsCursor? { fullMask ? cursor : nil }

    /// Takes the cursor's document after it was moved directly.
    @inline(__always)
    func syncToCursor() { doc = cursor.doc }

    @inline(__always)
    private func matchesMask() -> Bool {
        for c in 0..<columns where mask & (1 << c) != 0 && cursor.tf(c) > 0 { return true }
        return false
    }

    override func next() -> UInt32 {
        doc = cursor.next()
        if minCompetitive > 0 { skipUncompetitive() }
        if !fullMask {
            while doc != DocIterator.end && !matchesMask() { doc = cursor.next() }
        }
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        doc = cursor.seek(target)
        if minCompetitive > 0 { skipUncompetitive() }
        if !fullMask {
            while doc != DocIterator.end && !matchesMask() { doc = cursor.next() }
        }
        return doc
    }

    override func score() -> Double { score(of: doc) }

    /// The score of document `d`, which must be the cursor's current one (`doc` may lag behind it when the
    /// cursor was moved directly: see `plainCursor`).
    @inline(__always)
    func score(of d: UInt32) -> Double {
        guard let norms else { return 0 }
        let base = Int(d) &* columns
        let tfs = cursor.frequencies()
        var score = 0.0
        for c in 0..<columns {
            let tf = tfs[c &* 128]
            let w = fastWeights[c]
            if tf > 0 && w > 0 {
                let code = Int(norms[base &+ c])
                if tf == 1, let single = singleOccurrence {
                    score += single[c &* 256 &+ code]
                } else {
                    score += w * BM25.tfPart(tf, fastTables[c &* 256 &+ code])
                }
            }
        }
        return score
    }

    /// `weightIdf`, and k1·(1 − b + b·len/avgdl) per column and norm code (`fastTables[c * 256 + code]`), as raw
    /// buffers: the scoring loop runs without array checks.
    private let fastWeights: UnsafeMutablePointer<Double>
    private let fastTables: UnsafeMutablePointer<Double>
    /// For a term with many postings: the score of column c for tf 1 at norm code `code`,
    /// `singleOccurrence[c * 256 + code]` (the commonest case, without a division; the same expression, so
    /// the same bits). nil for rare terms, where filling it would cost more than it saves.
    private var singleOccurrence: UnsafeMutablePointer<Double>?

    /// Postings from which a term gets `singleOccurrence`.
    static let singleOccurrenceTableFrom = 4096

    /// A new table (the caller deallocates it) of `weights[c] · tfPart(1, lengthFactor(c, code))` at
    /// `[c * 256 + code]`: a score for frequency 1 per column and norm code, looked up instead of divided.
    func singleOccurrenceTable(weights: [Double]) -> UnsafeMutablePointer<Double> {
        smallFrequencyTable(weights: weights, upTo: 1)
    }

    /// `table[((c · upTo) + (tf − 1)) · 256 + code]` = weights[c] · tfPart(tf, lengthFactor(c, code)) for tf
    /// in 1...upTo: the per-document bounds of small frequencies without a division. Caller deallocates.
    func smallFrequencyTable(weights: [Double], upTo: Int) -> UnsafeMutablePointer<Double> {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 3 * upTo * 256)
        for c in 0..<3 {
            for tf in 1...upTo {
                for code in 0..<256 {
                    table[((c * upTo) + tf - 1) * 256 + code] =
                        weights[c] * BM25.tfPart(UInt32(tf), fastTables[c * 256 + code])
                }
            }
        }
        return table
    }

    /// The norm codes of the field (`columns` bytes per document), when it has them.
    var normCodes: UnsafePointer<UInt8>? { norms }

    /// Per column c, tf row r and norm code: `weights[c]` × BM25's tf part for tf r (r < `rows` − 1) or
    /// its limit (the last row, for any larger tf); row 0 and the columns outside `mask` are 0. Laid out
    /// `table[(c · rows + r) · 256 + code]`: a bound per document in three loads, no branch.
    func tfBoundTable(weights: [Double], mask: Int, rows: Int) -> UnsafeMutablePointer<Double> {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 3 * rows * 256)
        table.initialize(repeating: 0, count: 3 * rows * 256)
        for c in 0..<3 where mask & (1 << c) != 0 {
            for r in 1..<rows {
                for code in 0..<256 {
                    table[(c * rows + r) * 256 + code] =
                        r == rows - 1
                        ? weights[c] * (IndexFormat.k1 + 1)
                        : weights[c] * BM25.tfPart(UInt32(r), fastTables[c * 256 + code])
                }
            }
        }
        return table
    }

    deinit {
        fastWeights.deallocate()
        fastTables.deallocate()
        singleOccurrence?.deallocate()
    }

    /// The score the same document would get with phrase frequencies `frequencies` instead of term ones.
    /// The norm code of column `c` at the current document (0 when the field has no norms).
    @inline(__always)
    func normCode(column c: Int) -> Int { normCode(of: doc, column: c) }

    /// The norm code of column `c` at document `d`.
    @inline(__always)
    func normCode(of d: UInt32, column c: Int) -> Int {
        guard let norms else { return 0 }
        return Int(norms[Int(d) &* columns &+ c])
    }

    /// k1·(1 − b + b·len/avgLen) of column `c` for norm code `code`.
    func lengthFactor(column c: Int, code: Int) -> Double { fastTables[c &* 256 &+ code] }

    @inline(__always)
    func lengthFactor(column c: Int) -> Double {
        guard let norms else { return IndexFormat.k1 }
        return fastTables[c &* 256 &+ Int(norms[Int(doc) &* columns &+ c])]
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        let (last, bound) = cursor.blockBound(from: target)
        return (last, Double(bound))
    }

    override var cost: Int { cursor.docCount }

    override var maxScore: Double { Double(cursor.maxScore) }

    override func columnFrequency(_ c: Int) -> UInt32 { cursor.tf(c) }

    override var columnWeights: [Double] { weightIdf }

    private var minCompetitive = -Double.infinity

    override func setMinCompetitive(_ score: Double) { minCompetitive = score }

    /// Skips blocks that cannot reach `minCompetitive`.
    @inline(__always)
    private func skipUncompetitive() {
        while doc != DocIterator.end {
            let (last, bound) = cursor.blockBound(from: doc)
            if Double(bound) >= minCompetitive || last == DocIterator.end - 1 { return }
            doc = cursor.seek(last &+ 1)
        }
    }

    override func explain(_ lines: inout [String], indent: String) {
        guard let norms else { return }
        for c in 0..<columns where mask & (1 << c) != 0 && cursor.tf(c) > 0 {
            let name = field == .summary ? "summary" : "\(TextSubfield(rawValue: c)!)"
            let code = norms[Int(doc) * columns + c]
            let weight = field == .summary ? summaryFieldWeight : TextSubfield(rawValue: c)!.weight
            let part = weightIdf[c] * BM25.tfPart(cursor.tf(c), fastTables[c * 256 + Int(code)])
            if standsForPhrase {
                // As PhraseIterator explains a phrase (the pair's frequency is the phrase's).
                lines.append(
                    indent + "\(name):\(term) = \(format(part)): phrase frequency \(cursor.tf(c)), "
                        + "weight × summed idf \(format(weightIdf[c]))")
                continue
            }
            lines.append(
                indent
                    + "\(name):\(term) = \(format(part)): weight \(format(weight)) × idf \(format(idf[c])) × tf "
                    + "\(cursor.tf(c)) (field length ≈\(FieldNorms.length(ofCode: code)), avg \(format(averages[c])))"
            )
        }
    }
}

/// A keyword term: matches its items, scores nothing.
final class KeywordIterator: DocIterator {
    let cursor: PostingsCursor

    init(reader: IndexReader, info: TermInfo, field: IndexField) {
        cursor = PostingsCursor(reader: reader, info: info, field: field)
        super.init()
        doc = cursor.doc
    }

    override func next() -> UInt32 {
        doc = cursor.next()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        doc = cursor.seek(target)
        return doc
    }

    override var cost: Int { cursor.docCount }
}

/// Formats a score for explanations (4 decimals).
func format(_ value: Double) -> String {
    var bytes: [UInt8] = []
    JSONWriter.appendDecimal(value, digits: 4, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}
