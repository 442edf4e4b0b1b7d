// PhraseIterator: a phrase ("a b c": consecutive positions, in order) or a proximity match ("a b"~N: all
// tokens within a window of N extra positions, any order) inside one column of a text field. Candidates
// come from the intersection of the tokens' postings; positions are read only for those candidates.
// Score: BM25 of the phrase frequency with the summed idf of its tokens (as Lucene scores phrases).

final class PhraseIterator: DocIterator {
    private let terms: [TermIterator]
    /// For each phrase token, the index of its term in `terms`.
    private let tokenTerm: [Int]
    private let conjunction: IntersectionIterator
    private let slop: Int?
    private let mask: Int
    private let columns: Int
    private let field: IndexField
    private var frequencies = [UInt32](repeating: 0, count: 3)
    private var lists: [[UInt32]]
    private let label: String

    init(
        terms: [TermIterator], tokenTerm: [Int], slop: Int?, mask: Int, field: IndexField, label: String
    ) {
        self.terms = terms
        self.tokenTerm = tokenTerm
        self.slop = slop
        self.mask = mask
        self.field = field
        self.label = label
        columns = field.frequencyColumns
        lists = Array(repeating: [], count: tokenTerm.count)
        conjunction = IntersectionIterator(terms)
        super.init()
        doc = conjunction.doc
        advanceToMatch()
    }

    private func advanceToMatch() {
        while doc != DocIterator.end {
            if matches() { return }
            doc = conjunction.next()
        }
    }

    /// Computes the phrase frequency per column at `doc`; true when any masked column has one.
    private func matches() -> Bool {
        var any = false
        for c in 0..<columns {
            frequencies[c] = 0
            guard mask & (1 << c) != 0 else { continue }
            var ok = true
            var cap = UInt32.max
            for (i, t) in tokenTerm.enumerated() {
                let tf = terms[t].cursor.tf(c)
                if tf == 0 || !terms[t].cursor.positions(column: c, into: &lists[i]) {
                    ok = false
                    break
                }
                cap = min(cap, tf)
            }
            guard ok else { continue }
            let f = min(cap, slop == nil ? exactCount() : windowCount(slop!))
            frequencies[c] = f
            if f > 0 { any = true }
        }
        return any
    }

    /// Occurrences of the tokens at consecutive positions.
    private func exactCount() -> UInt32 {
        var count: UInt32 = 0
        var cursors = [Int](repeating: 0, count: lists.count)
        for p in lists[0] {
            var all = true
            for i in 1..<lists.count {
                let want = p &+ UInt32(i)
                var k = cursors[i]
                let list = lists[i]
                while k < list.count && list[k] < want { k += 1 }
                cursors[i] = k
                if k == list.count || list[k] != want {
                    all = false
                    if k == list.count { return count }
                    break
                }
            }
            if all { count += 1 }
        }
        return count
    }

    /// Windows holding one position of every token with at most `slop` other positions inside.
    private func windowCount(_ slop: Int) -> UInt32 {
        var count: UInt32 = 0
        var cursors = [Int](repeating: 0, count: lists.count)
        let k = lists.count
        while true {
            var lowList = 0
            var low = UInt32.max
            var high: UInt32 = 0
            for i in 0..<k {
                guard cursors[i] < lists[i].count else { return count }
                let p = lists[i][cursors[i]]
                if p < low {
                    low = p
                    lowList = i
                }
                high = max(high, p)
            }
            if Int(high - low) - (k - 1) <= slop { count += 1 }
            cursors[lowList] += 1
        }
    }

    override func next() -> UInt32 {
        doc = conjunction.next()
        advanceToMatch()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        doc = conjunction.seek(target)
        advanceToMatch()
        return doc
    }

    override func score() -> Double {
        var score = 0.0
        for c in 0..<columns where frequencies[c] > 0 {
            var idf = 0.0
            for t in tokenTerm { idf += terms[t].weightIdf[c] }
            score += idf * BM25.tfPart(frequencies[c], terms[0].lengthFactor(column: c))
        }
        return score
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        conjunction.blockBound(from: target)
    }

    override var cost: Int { conjunction.cost }

    override func explain(_ lines: inout [String], indent: String) {
        for c in 0..<columns where frequencies[c] > 0 {
            var idf = 0.0
            for t in tokenTerm { idf += terms[t].weightIdf[c] }
            let name = field == .summary ? "summary" : "\(TextSubfield(rawValue: c)!)"
            lines.append(
                indent
                    + "\(name):\(label) = \(format(idf * BM25.tfPart(frequencies[c], terms[0].lengthFactor(column: c)))): "
                    + "phrase frequency \(frequencies[c]), weight × summed idf \(format(idf))")
        }
    }
}
