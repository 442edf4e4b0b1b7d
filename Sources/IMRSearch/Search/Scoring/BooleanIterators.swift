// BooleanIterators: AND (intersection, leapfrogging from the cheapest child), OR (union, scores summed)
// and AND NOT (exclusion), over any DocIterators. Block bounds combine as the smallest `last` and the sum
// of the children's bounds.

final class IntersectionIterator: DocIterator {
    let children: [DocIterator]
    /// The same children without reference counting on the hot path (`children` keeps them alive).
    private let refs: [Unmanaged<DocIterator>]

    /// `children` must not be empty.
    init(_ children: [DocIterator]) {
        self.children = children.sorted { $0.cost < $1.cost }
        refs = self.children.map { Unmanaged.passUnretained($0) }
        super.init()
        doc = self.children[0].doc
        align()
    }

    /// Moves every child to the lead's document or beyond until all agree.
    private func align() {
        var target = children[0].doc
        var i = 1
        while target != DocIterator.end && i < children.count {
            if i == 1 && minCompetitive > 0 {
                // Block-max intersection: skip a stretch whose summed block bounds cannot compete,
                // before seeking the other children into it.
                if target > windowLast || windowBound == Double.infinity {
                    windowLast = DocIterator.end - 1
                    windowBound = 0
                    for c in children {
                        let b = c.blockBound(from: target)
                        windowLast = min(windowLast, b.last)
                        windowBound += b.bound
                    }
                }
                if windowBound < minCompetitive {
                    if windowLast == DocIterator.end - 1 {
                        target = DocIterator.end
                        break
                    }
                    target = children[0].seek(windowLast &+ 1)
                    windowBound = Double.infinity
                    continue
                }
            }
            let d = refs[i]._withUnsafeGuaranteedRef { $0.seek(target) }
            if d == target {
                i += 1
            } else {
                target = refs[0]._withUnsafeGuaranteedRef { $0.seek(d) }
                i = 1
            }
        }
        doc = target
        if target == DocIterator.end {
            for c in children where c.doc != DocIterator.end { c.seek(DocIterator.end) }
        }
    }

    override func next() -> UInt32 {
        guard doc != DocIterator.end else { return doc }
        children[0].next()
        align()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        children[0].seek(target)
        align()
        return doc
    }

    override func score() -> Double {
        var s = 0.0
        for r in refs { s += r._withUnsafeGuaranteedRef { $0.score() } }
        return s
    }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        var last = DocIterator.end - 1
        var bound = 0.0
        for c in children {
            let b = c.blockBound(from: target)
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
        var last = DocIterator.end - 1
        var bound = 0.0
        for c in children where c.doc != DocIterator.end {
            let b = c.blockBound(from: target)
            last = min(last, b.last)
            bound += b.bound
        }
        return (max(last, target), bound)
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
