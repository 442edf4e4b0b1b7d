// BooleanIterators: AND (intersection, leapfrogging from the cheapest child), OR (union, scores summed)
// and AND NOT (exclusion), over any DocIterators. Block bounds combine as the smallest `last` and the sum
// of the children's bounds. The intersection moves two-phase children (phrases) over candidates and
// confirms them last, prunes per document while a top-k search passes it a minimum score, and runs on the
// postings cursors directly when every child is a plain term.

final class IntersectionIterator: DocIterator {
    let children: [DocIterator]
    /// The same children without reference counting on the hot path (`children` keeps them alive).
    private let refs: [Unmanaged<DocIterator>]
    /// Per child: whether it is two-phase (a phrase: moved over candidates, confirmed last).
    private let twoPhase: [Bool]
    private let anyTwoPhase: Bool
    /// When every child is a plain term iterator (`TermIterator.plainCursor`): the children and their
    /// cursors, unretained, in child order; else empty.
    private let plainTerms: [Unmanaged<TermIterator>]
    private let plainCursors: [Unmanaged<PostingsCursor>]

    /// `children` must not be empty.
    /// An intersection led by its cheapest child, or by `lead` when given (a phrase picks the token whose
    /// bounds rule out the most, `PhraseIterator.chooseLead`).
    init(_ children: [DocIterator], lead: DocIterator? = nil) {
        var ordered = children.sorted { $0.cost < $1.cost }
        if let lead, let k = ordered.firstIndex(where: { $0 === lead }), k > 0 {
            ordered.insert(ordered.remove(at: k), at: 0)
        }
        // A phrase whose candidates are hardly more than the cheapest child's (a dense filter such as
        // `decision:upheld`) leads instead: its own candidate loop passes over documents its bounds rule
        // out without seeking the others, where as a follower it is sought and bounded at every one.
        if let k = ordered.indices.dropFirst().first(where: { ordered[$0].leadsWhenPruning }),
            ordered[k].cost <= 2 * ordered[0].cost
        {
            ordered.insert(ordered.remove(at: k), at: 0)
        }
        self.children = ordered
        refs = self.children.map { Unmanaged.passUnretained($0) }
        twoPhase = self.children.map(\.isTwoPhase)
        for case let phrase as PhraseIterator in self.children.dropFirst() { phrase.followsLazily = true }
        anyTwoPhase = twoPhase.contains(true)
        let terms = self.children.compactMap { $0 as? TermIterator }
        if terms.count == self.children.count && terms.allSatisfy({ $0.plainCursor != nil }) {
            plainTerms = terms.map { Unmanaged.passUnretained($0) }
            plainCursors = terms.map { Unmanaged.passUnretained($0.cursor) }
        } else {
            plainTerms = []
            plainCursors = []
        }
        childBounds = Array(repeating: 0, count: children.count)
        suffixBounds = Array(repeating: 0, count: children.count + 1)
        super.init()
        doc = self.children[0].doc
        align()
    }

    // Approximate moves only for two-phase children: for the others the plain move is the same, one dynamic
    // call cheaper.
    @inline(__always)
    private func leadNext() -> UInt32 {
        twoPhase[0]
            ? refs[0]._withUnsafeGuaranteedRef { $0.approximateNext() } : refs[0]._withUnsafeGuaranteedRef { $0.next() }
    }

    @inline(__always)
    private func leadSeek(_ target: UInt32) -> UInt32 {
        twoPhase[0]
            ? refs[0]._withUnsafeGuaranteedRef { $0.approximateSeek(target) }
            : refs[0]._withUnsafeGuaranteedRef { $0.seek(target) }
    }

    /// Moves every child to the lead's document or beyond until all agree, then confirms the two-phase
    /// children. While pruning (`minCompetitive` set), a stretch whose summed block bounds cannot compete is
    /// skipped whole, and a document is dropped as soon as the scores of the children aligned so far plus
    /// the block bounds of the rest fall short, before the rest are sought.
    private func align() {
        let n = refs.count
        let pruning = minCompetitive > 0
        if !pruning && !plainCursors.isEmpty { return alignCursors() }
        var target = children[0].doc
        var i = 1
        var partial = 0.0
        while target != DocIterator.end {
            if i == 1 && pruning {
                if target > windowLast || windowBound == Double.infinity { computeWindow(from: target) }
                if windowBound < minCompetitive {
                    if windowLast == DocIterator.end - 1 {
                        target = DocIterator.end
                        break
                    }
                    target = leadSeek(windowLast &+ 1)
                    windowBound = Double.infinity
                    continue
                }
                partial = twoPhase[0] ? childBounds[0] : refs[0]._withUnsafeGuaranteedRef { $0.score() }
                if partial + suffixBounds[1] < minCompetitive {
                    target = leadNext()
                    continue
                }
            }
            if i == n {
                var confirmed = true
                if anyTwoPhase {
                    for k in 0..<n where twoPhase[k] && !refs[k]._withUnsafeGuaranteedRef({ $0.confirm() }) {
                        confirmed = false
                        break
                    }
                }
                if confirmed { break }
                target = leadNext()
                i = 1
                continue
            }
            let d: UInt32
            if !plainCursors.isEmpty {
                // A plain term: seek its cursor inline, then let the iterator take the document.
                d = plainCursors[i]._withUnsafeGuaranteedRef { $0.seek(target) }
                plainTerms[i]._withUnsafeGuaranteedRef { $0.syncToCursor() }
            } else if twoPhase[i] {
                d = refs[i]._withUnsafeGuaranteedRef { $0.approximateSeek(target) }
            } else {
                d = refs[i]._withUnsafeGuaranteedRef { $0.seek(target) }
            }
            if d == target {
                if pruning {
                    partial += twoPhase[i] ? childBounds[i] : refs[i]._withUnsafeGuaranteedRef { $0.score() }
                    if partial + suffixBounds[i + 1] < minCompetitive {
                        target = leadNext()
                        i = 1
                        continue
                    }
                }
                i += 1
            } else {
                target = leadSeek(d)
                i = 1
            }
        }
        doc = target
        if pruning && !anyTwoPhase && target != DocIterator.end {
            cachedScore = partial
            cachedScoreDoc = target
        }
        if target == DocIterator.end {
            for c in children where c.doc != DocIterator.end { c.seek(DocIterator.end) }
        }
    }

    /// The cursors of the children when all are plain term iterators (a phrase's conjunction), in child
    /// order, for a caller that moves them itself and then calls `adoptCursors()`; empty otherwise.
    var plainCursorList: [Unmanaged<PostingsCursor>] { plainCursors }

    /// Takes the document the plain cursors were moved to together (all on one document, or all ended).
    func adoptCursors() {
        doc = plainCursors[0]._withUnsafeGuaranteedRef { $0.doc }
        for t in plainTerms { t._withUnsafeGuaranteedRef { $0.syncToCursor() } }
        if doc == DocIterator.end {
            for c in children where c.doc != DocIterator.end { c.seek(DocIterator.end) }
        }
    }

    /// `align()` for children that are all plain term iterators: the leapfrog runs on their postings cursors
    /// (seeks inside a decoded block inline, no dynamic dispatch), and the iterators take the cursors'
    /// documents after.
    private func alignCursors() {
        doc = plainCursors.withUnsafeBufferPointer { PostingsCursor.advanceToCommon($0) }
        for t in plainTerms { t._withUnsafeGuaranteedRef { $0.syncToCursor() } }
        if doc == DocIterator.end {
            for c in children where c.doc != DocIterator.end { c.seek(DocIterator.end) }
        }
    }

    /// The block bounds of every child from `target`: the window they share ends at the smallest `last`.
    private func computeWindow(from target: UInt32) {
        windowLast = DocIterator.end - 1
        for (k, c) in children.enumerated() {
            let b = c.blockBound(from: target)
            windowLast = min(windowLast, b.last)
            childBounds[k] = b.bound
        }
        suffixBounds[children.count] = 0
        for k in stride(from: children.count - 1, through: 0, by: -1) {
            suffixBounds[k] = suffixBounds[k + 1] + childBounds[k]
        }
        windowBound = suffixBounds[0]
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        _ = leadNext()
        align()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        _ = leadSeek(target)
        align()
        return doc
    }

    override func score() -> Double {
        if cachedScoreDoc == doc { return cachedScore }
        var s = 0.0
        for r in refs { s += r._withUnsafeGuaranteedRef { $0.score() } }
        return s
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        var last = DocIterator.end - 1
        var bound = 0.0
        for r in refs {
            let b = r._withUnsafeGuaranteedRef { $0.blockBound(from: target) }
            last = min(last, b.last)
            bound += b.bound
        }
        return (max(last, target), bound)
    }

    override var cost: Int { children[0].cost }

    override var maxScore: Double { children.reduce(0) { $0 + $1.maxScore } }

    /// Passed on when exactly one child scores (the others are filters).
    private var minCompetitive = -Double.infinity
    private var windowLast: UInt32 = 0
    private var windowBound = Double.infinity
    /// Each child's block bound in the current window, and the sums of those from child k on.
    /// Unchecked exclusivity: read per candidate document (hot loop), accessed only by this iterator.
    @exclusivity(unchecked) private var childBounds: [Double]
    @exclusivity(unchecked) private var suffixBounds: [Double]
    /// The score computed while aligning on `cachedScoreDoc` (reused by `score()`).
    private var cachedScore = 0.0
    private var cachedScoreDoc = DocIterator.end

    /// Passed on when exactly one child scores (the others are filters); else used here to skip blocks.
    override func setMinCompetitive(_ score: Double) {
        let scoring = children.filter { $0.maxScore > 0 }
        if scoring.count == 1 {
            scoring[0].setMinCompetitive(score)
        } else if scoring.count > 1 {
            minCompetitive = score
            windowBound = Double.infinity
        }
    }

    override func explain(_ lines: inout [String], indent: String) {
        for c in children { c.explain(&lines, indent: indent) }
    }
}

final class UnionIterator: DocIterator {
    let children: [DocIterator]
    /// The same children without reference counting on the hot path (`children` keeps them alive).
    private let refs: [Unmanaged<DocIterator>]

    init(_ children: [DocIterator]) {
        self.children = children
        refs = children.map { Unmanaged.passUnretained($0) }
        super.init()
        doc = children.map(\.doc).min() ?? DocIterator.end
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        let current = doc
        var smallest = DocIterator.end
        for r in refs {
            r._withUnsafeGuaranteedRef { c in
                if c.doc == current { c.next() }
                smallest = min(smallest, c.doc)
            }
        }
        doc = smallest
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        var smallest = DocIterator.end
        for r in refs {
            r._withUnsafeGuaranteedRef { c in
                if c.doc < target { c.seek(target) }
                smallest = min(smallest, c.doc)
            }
        }
        doc = smallest
        return doc
    }

    override func score() -> Double {
        var s = 0.0
        let current = doc
        for r in refs { s += r._withUnsafeGuaranteedRef { $0.doc == current ? $0.score() : 0 } }
        return s
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        summedBlockBound(children, from: target)
    }

    override var cost: Int { children.reduce(0) { $0 + $1.cost } }

    override var maxScore: Double { children.reduce(0) { $0 + $1.maxScore } }

    override func explain(_ lines: inout [String], indent: String) {
        for c in children where c.doc == doc { c.explain(&lines, indent: indent) }
    }
}

final class ExclusionIterator: DocIterator {
    let positive: DocIterator
    let negative: DocIterator

    init(positive: DocIterator, negative: DocIterator) {
        self.positive = positive
        self.negative = negative
        super.init()
        doc = positive.doc
        skipExcluded()
    }

    private func skipExcluded() {
        while doc != DocIterator.end {
            if negative.doc < doc { negative.seek(doc) }
            if negative.doc != doc { return }
            doc = positive.next()
        }
    }

    override func next() -> UInt32 {
        doc = positive.next()
        skipExcluded()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        doc = positive.seek(target)
        skipExcluded()
        return doc
    }

    override func score() -> Double { positive.score() }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        positive.blockBound(from: target)
    }

    override var cost: Int { positive.cost }

    override var maxScore: Double { positive.maxScore }

    override func setMinCompetitive(_ score: Double) { positive.setMinCompetitive(score) }

    override func explain(_ lines: inout [String], indent: String) {
        positive.explain(&lines, indent: indent)
    }
}
