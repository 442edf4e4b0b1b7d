// BoostIterator: a clause with a "^N" boost. It matches what its child matches; its score is the child's
// times N, or N itself when the child scores nothing (a keyword or range filter, whose boost makes it a
// signal of constant weight, as `imrsearch similar` uses the category and region of a dispute). Bounds
// scale the same way, so top-k pruning stays exact.

final class BoostIterator: DocIterator {
    private let child: DocIterator
    let factor: Double
    /// True when the child scores nothing: the score is then the factor.
    private let constant: Bool

    init(_ child: DocIterator, factor: Double) {
        self.child = child
        self.factor = factor
        constant = child.maxScore == 0
        super.init()
        doc = child.doc
    }

    override func next() -> UInt32 {
        doc = child.next()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        doc = child.seek(target)
        return doc
    }

    override func score() -> Double { constant ? factor : child.score() * factor }

    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        if constant { return (DocIterator.end - 1, factor) }
        let (last, bound) = child.blockBound(from: target)
        return (last, bound * factor)
    }

    override var cost: Int { child.cost }

    override var maxScore: Double { constant ? factor : child.maxScore * factor }

    override func setMinCompetitive(_ score: Double) {
        if !constant { child.setMinCompetitive(score / factor) }
    }

    override var isTwoPhase: Bool { child.isTwoPhase }

    override func approximateNext() -> UInt32 {
        doc = child.approximateNext()
        return doc
    }

    override func approximateSeek(_ target: UInt32) -> UInt32 {
        doc = child.approximateSeek(target)
        return doc
    }

    override func confirm() -> Bool { child.confirm() }

    override func explain(_ lines: inout [String], indent: String) {
        lines.append(
            indent + "\(format(score())) boost ^\(format(factor))" + (constant ? " (a filter's constant)" : " ×"))
        if !constant { child.explain(&lines, indent: indent + "  ") }
    }
}
