// ConceptIterator: one concept written several ways (a synonym expansion: `norco | hydrocodone | vicodin`,
// `"lumbar esi" | "lumbar epidural steroid injection"`), its alternatives term or phrase iterators over the
// same field and columns. It matches where any alternative does and scores as ONE term, in the manner of
// Lucene's SynonymQuery: per column, tf = the sum of the alternatives' (phrase) frequencies, and the
// weight × idf is the smallest of the alternatives' (a term's weight × idf; a phrase's weight × summed idf),
// which for terms is that of the most frequent alternative. So an item holding both "Norco" and
// "hydrocodone" counts two mentions of one concept, not two matched clauses.
//
// Bounds (for exact top-k pruning): with w_c the concept's weight, w_c ≤ every alternative's weight, and
// tfPart concave with tfPart(0) = 0, so the concept's score never exceeds the sum of its matching
// alternatives' own scores; each alternative's maxScore and blockBound bound those. The score is also below
// Σ_c w_c · (k1 + 1). Both caps apply.
// Two-phase when an alternative is a phrase: candidates are documents where some alternative's words all
// occur; positions are read only for candidates whose frequency bound can compete, and (inside an AND) only
// once the other clauses hold.

final class ConceptIterator: DocIterator {
    let children: [DocIterator]
    /// The same children without reference counting on the hot path (`children` keeps them alive).
    private let refs: [Unmanaged<DocIterator>]
    private let labels: [String]
    private let field: IndexField
    private let mask: Int
    private let columns: Int
    /// Per column: the concept's weight × idf (0 outside the mask).
    private let weights: UnsafeMutablePointer<Double>
    /// k1·(1 − b + b·len/avgLen) per column and norm code, at `[c * 256 + code]`.
    private let tables: UnsafeMutablePointer<Double>
    private let norms: UnsafePointer<UInt8>?
    private let averages: [Double]
    /// Σ_c weights[c] · (k1 + 1): no document scores more.
    private let ceiling: Double
    private let childMaxSum: Double
    /// Per child: whether it is two-phase (a phrase), and whether it matches at `doc` (once verified).
    private let twoPhase: [Bool]
    private let anyTwoPhase: Bool
    private let matched: UnsafeMutablePointer<Bool>

    /// `children` (at least two) must each be a TermIterator or PhraseIterator of `field` with `mask`;
    /// `labels` name them for explanations.
    init(children: [DocIterator], labels: [String], reader: IndexReader, field: IndexField, mask: Int) {
        self.children = children
        refs = children.map { Unmanaged.passUnretained($0) }
        self.labels = labels
        self.field = field
        self.mask = mask
        columns = field.frequencyColumns
        weights = .allocate(capacity: 3)
        weights.initialize(repeating: 0, count: 3)
        tables = .allocate(capacity: 3 * 256)
        tables.initialize(repeating: IndexFormat.k1, count: 3 * 256)
        var averages = [Double](repeating: 0, count: 3)
        var ceiling = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            weights[c] = children.map { $0.columnWeights[c] }.min() ?? 0
            ceiling += weights[c] * (IndexFormat.k1 + 1)
            let average = reader.averageLengths[field == .summary ? 3 : c]
            averages[c] = average
            let table = reader.lengthTables[field == .summary ? 3 : c]
            for k in 0..<256 { tables[c * 256 + k] = table[k] }
        }
        self.averages = averages
        self.ceiling = ceiling
        childMaxSum = children.reduce(0) { $0 + $1.maxScore }
        norms = field == .summary ? reader.summaryNorms : reader.itemNorms
        twoPhase = children.map(\.isTwoPhase)
        anyTwoPhase = twoPhase.contains(true)
        matched = .allocate(capacity: children.count)
        matched.initialize(repeating: false, count: children.count)
        super.init()
        // The children start on verified matches: every child at the first document matches.
        doc = children.map(\.doc).min() ?? DocIterator.end
        for i in 0..<children.count { matched[i] = children[i].doc == doc && doc != DocIterator.end }
    }

    deinit {
        weights.deallocate()
        tables.deallocate()
        matched.deallocate()
    }

    // Movement. The children move by approximate steps (a phrase over the documents holding all its words);
    // a candidate is then verified: while pruning, dropped when a bound from frequencies alone (a phrase's
    // frequency is at most its rarest word's) cannot compete, else each phrase child at it confirms its
    // positions. `matched[i]` says which children truly match at `doc` (valid once verified).

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        approximateStep()
        settle()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        approximateMove(to: target)
        settle()
        return doc
    }

    override var isTwoPhase: Bool { anyTwoPhase }

    override func approximateNext() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        approximateStep()
        if minCompetitive > 0 { skipUncompetitive() }
        return doc
    }

    override func approximateSeek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        approximateMove(to: target)
        if minCompetitive > 0 { skipUncompetitive() }
        return doc
    }

    override func confirm() -> Bool { doc != DocIterator.end && verify() }

    /// Moves from the candidate `doc` to the next one.
    @inline(__always)
    private func approximateStep() {
        let current = doc
        var smallest = DocIterator.end
        for i in 0..<refs.count {
            let phrase = twoPhase[i]
            refs[i]._withUnsafeGuaranteedRef { c in
                if c.doc == current { if phrase { c.approximateNext() } else { c.next() } }
                smallest = min(smallest, c.doc)
            }
        }
        doc = smallest
    }

    /// Moves to the first candidate at or after `target`.
    @inline(__always)
    private func approximateMove(to target: UInt32) {
        var smallest = DocIterator.end
        for i in 0..<refs.count {
            let phrase = twoPhase[i]
            refs[i]._withUnsafeGuaranteedRef { c in
                if c.doc < target { if phrase { c.approximateSeek(target) } else { c.seek(target) } }
                smallest = min(smallest, c.doc)
            }
        }
        doc = smallest
    }

    /// From a candidate, moves on to the first verified match.
    private func settle() {
        while true {
            if minCompetitive > 0 { skipUncompetitive() }
            if doc == DocIterator.end || verify() { return }
            approximateStep()
        }
    }

    /// Whether the candidate `doc` matches (and, while pruning, can compete); sets `matched`.
    private func verify() -> Bool {
        let current = doc
        if anyTwoPhase && minCompetitive > 0 && candidateBound() < minCompetitive { return false }
        var any = false
        for i in 0..<refs.count {
            var m = false
            refs[i]._withUnsafeGuaranteedRef { c in
                if c.doc == current { m = twoPhase[i] ? c.confirm() : true }
            }
            matched[i] = m
            any = any || m
        }
        return any
    }

    /// An upper bound of the score at the candidate `doc` from frequencies alone (no position read).
    private func candidateBound() -> Double {
        guard let norms else { return 0 }
        let current = doc
        let base = Int(current) &* columns
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            var tf: UInt32 = 0
            for r in refs {
                tf &+= r._withUnsafeGuaranteedRef { $0.doc == current ? $0.columnFrequencyBound(c) : 0 }
            }
            if tf > 0 { bound += weights[c] * BM25.tfPart(tf, tables[c &* 256 &+ Int(norms[base &+ c])]) }
        }
        return bound
    }

    /// The summed frequency of column `c` over the alternatives matching at `doc`.
    @inline(__always)
    private func frequency(_ c: Int) -> UInt32 {
        var tf: UInt32 = 0
        for i in 0..<refs.count where matched[i] {
            tf &+= refs[i]._withUnsafeGuaranteedRef { $0.columnFrequency(c) }
        }
        return tf
    }

    override func score() -> Double {
        guard let norms else { return 0 }
        let base = Int(doc) &* columns
        var score = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            let tf = frequency(c)
            if tf > 0 { score += weights[c] * BM25.tfPart(tf, tables[c &* 256 &+ Int(norms[base &+ c])]) }
        }
        return score
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        let (last, bound) = summedBlockBound(children, from: target)
        return (last, min(bound, ceiling))
    }

    override var cost: Int { children.reduce(0) { $0 + $1.cost } }

    override var maxScore: Double { min(childMaxSum, ceiling) }

    private var minCompetitive = -Double.infinity

    override func setMinCompetitive(_ score: Double) { minCompetitive = score }

    /// Skips stretches whose block bound cannot reach `minCompetitive` (set when the concept is the whole
    /// score).
    private func skipUncompetitive() {
        while doc != DocIterator.end {
            if !haveBound || doc > boundLast {
                (boundLast, boundValue) = blockBound(from: doc)
                haveBound = true
            }
            if boundValue >= minCompetitive || boundLast == DocIterator.end - 1 { return }
            haveBound = false
            approximateMove(to: boundLast &+ 1)
        }
    }

    /// The block bound of the stretch `[.., boundLast]` holding `doc` (computed once per stretch).
    private var haveBound = false
    private var boundLast: UInt32 = 0
    private var boundValue = Double.infinity

    override func explain(_ lines: inout [String], indent: String) {
        guard let norms else { return }
        let label = "(" + labels.joined(separator: " | ") + ")"
        for c in 0..<columns where mask & (1 << c) != 0 {
            let tf = frequency(c)
            guard tf > 0 else { continue }
            let name = field == .summary ? "summary" : "\(TextSubfield(rawValue: c)!)"
            let code = norms[Int(doc) * columns + c]
            let part = weights[c] * BM25.tfPart(tf, tables[c * 256 + Int(code)])
            var parts: [String] = []
            for (k, child) in children.enumerated() where matched[k] {
                let f = child.columnFrequency(c)
                if f > 0 { parts.append("\(labels[k]) \(f)") }
            }
            lines.append(
                indent + "\(name):concept \(label) = \(format(part)): one concept, weight × idf \(format(weights[c])) "
                    + "(the smallest of its alternatives') × tf \(tf) = \(parts.joined(separator: " + ")) "
                    + "(field length ≈\(FieldNorms.length(ofCode: code)), avg \(format(averages[c])))")
        }
    }
}
