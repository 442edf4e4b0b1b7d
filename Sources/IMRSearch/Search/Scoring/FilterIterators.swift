// FilterIterators: matchers that score a constant — a bitset of items (prefix queries, expanded over all
// matching terms), a numeric/date range over a letter column — and the adapter that turns letter-level
// matches (the summary field) into the items of those letters.

/// Items set in a bitset; every match scores `constant`.
final class BitSetIterator: DocIterator {
    let words: [UInt64]
    private let constant: Double
    private let count: Int
    let label: String

    init(words: [UInt64], count: Int, constant: Double, label: String) {
        self.words = words
        self.constant = constant
        self.count = count
        self.label = label
        var n = 0
        for w in words { n += w.nonzeroBitCount }
        cardinality = n
        super.init()
        doc = 0
        doc = find(from: 0)
    }

    private let cardinality: Int

    private func find(from start: UInt32) -> UInt32 {
        var i = Int(start >> 6)
        guard i < words.count else { return DocIterator.end }
        var w = words[i] & (~0 << UInt64(start & 63))
        while true {
            if w != 0 { return UInt32(i << 6 + w.trailingZeroBitCount) }
            i += 1
            guard i < words.count else { return DocIterator.end }
            w = words[i]
        }
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        doc = find(from: doc + 1)
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        doc = find(from: target)
        return doc
    }

    override func score() -> Double { constant }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        (DocIterator.end - 1, constant)
    }

    override var cost: Int { cardinality }

    override var maxScore: Double { constant }

    override func explain(_ lines: inout [String], indent: String) {
        lines.append(indent + "\(label) = \(format(constant)) (constant score of a prefix match)")
    }
}

/// Items whose letter's `column` value lies in `lower...upper`; scores 0.
final class RangeIterator: DocIterator {
    private let reader: IndexReader
    private let column: NumericColumn
    private let lower: Int64
    private let upper: Int64
    private let count: UInt32

    init(reader: IndexReader, column: NumericColumn, lower: Int64?, upper: Int64?) {
        self.reader = reader
        self.column = column
        self.lower = lower ?? Int64(Int32.min) + 1
        self.upper = upper ?? Int64(Int32.max)
        count = UInt32(reader.itemCount)
        super.init()
        doc = 0
        doc = scan(from: 0)
    }

    private func scan(from start: UInt32) -> UInt32 {
        var d = start
        while d < count {
            let letter = reader.letter(ofItem: Int(d))
            let v = Int64(reader.numeric(column, letter: letter))
            if v != Int64(ColumnCodes.missing) && v >= lower && v <= upper { return d }
            // Skip the rest of a letter that does not match.
            let next = UInt32(max(reader.firstItem(ofLetter: letter + 1), Int(d) + 1))
            d = next
        }
        return DocIterator.end
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        doc = scan(from: doc + 1)
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        doc = scan(from: target)
        return doc
    }

    override var cost: Int { Int(count) }
}

/// Maps an iterator over letters (summary postings) to the items of those letters.
final class LetterItemsIterator: DocIterator {
    private let inner: DocIterator
    private let reader: IndexReader
    private var letterEnd: UInt32 = 0

    init(inner: DocIterator, reader: IndexReader) {
        self.inner = inner
        self.reader = reader
        super.init()
        doc = 0
        settle(from: 0)
    }

    /// Positions on the first item >= `target` of the current or a later matching letter.
    private func settle(from target: UInt32) {
        while inner.doc != DocIterator.end {
            let letter = Int(inner.doc)
            let first = UInt32(reader.firstItem(ofLetter: letter))
            letterEnd = UInt32(reader.firstItem(ofLetter: letter + 1))
            let candidate = max(first, target)
            if candidate < letterEnd && letterEnd <= UInt32(reader.itemCount) {
                doc = candidate
                return
            }
            inner.next()
        }
        doc = DocIterator.end
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        if doc + 1 < letterEnd {
            doc += 1
        } else {
            inner.next()
            settle(from: 0)
        }
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        if target < letterEnd {
            doc = target
            return doc
        }
        let letter = UInt32(
            reader.letter(ofItem: Int(min(target, UInt32(max(reader.itemCount - 1, 0))))))
        if inner.doc < letter { inner.seek(letter) }
        if inner.doc == letter && target >= UInt32(reader.firstItem(ofLetter: Int(letter) + 1)) {
            inner.next()
        }
        settle(from: target)
        return doc
    }

    override func score() -> Double { inner.score() }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        let letter = reader.letter(ofItem: Int(min(target, UInt32(max(reader.itemCount - 1, 0)))))
        let b = inner.blockBound(from: UInt32(letter))
        if b.last >= UInt32(reader.letterCount) { return (DocIterator.end - 1, b.bound) }
        let last = UInt32(max(reader.firstItem(ofLetter: Int(b.last) + 1) - 1, Int(target)))
        return (last, b.bound)
    }

    override var cost: Int { inner.cost * 2 }

    override var maxScore: Double { inner.maxScore }

    override func setMinCompetitive(_ score: Double) { inner.setMinCompetitive(score) }

    override func explain(_ lines: inout [String], indent: String) {
        inner.explain(&lines, indent: indent)
    }
}
