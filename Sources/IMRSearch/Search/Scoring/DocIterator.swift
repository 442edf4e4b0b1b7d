// DocIterator: the contract every matcher of the query tree follows (term, phrase, boolean, filter), in
// the manner of tantivy's DocSet/Scorer:
// - An iterator starts positioned on its first document; `doc` is the current one, `DocIterator.end`
//   (UInt32.max) once exhausted. Documents come in strictly increasing order.
// - `next()` moves to the following document; `seek(t)` to the first document >= t (no move when already
//   there). Both return the new `doc`.
// - `score()` is the BM25 contribution at the current document (0 for filters).
// - `blockBound(from: t)` returns a document `last >= t` and an upper bound of `score()` for every matching
//   document in [t, last], without decoding postings; top-k search skips to `last + 1` when the bound
//   cannot beat the k-th best score.
// - `cost` estimates how many documents the iterator yields (to order intersections).

class DocIterator {
    static let end = UInt32.max

    var doc: UInt32 = DocIterator.end

    @discardableResult
    func next() -> UInt32 { fatalError("abstract") }

    @discardableResult
    func seek(_ target: UInt32) -> UInt32 {
        while doc < target { next() }
        return doc
    }

    func score() -> Double { 0 }

    func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) { (DocIterator.end - 1, 0) }

    var cost: Int { 0 }

    /// An upper bound of `score()` over all documents.
    var maxScore: Double { 0 }

    /// Tells the iterator that, as far as the caller is concerned, only documents scoring at least `score`
    /// (ties included) still matter; an iterator whose own score is the whole score may then skip blocks
    /// whose bound is below it. Must only be called when this iterator's score is the query's whole score.
    func setMinCompetitive(_ score: Double) {}

    /// Two-phase iteration (as Lucene's TwoPhaseIterator): an iterator whose match is costly to verify (a
    /// phrase reads positions) can be moved over cheap candidates with `approximateNext`/`approximateSeek`
    /// and verified with `confirm()` once an intersection has found that every other child agrees. After
    /// an approximate move, `doc` is a candidate; `score()` is valid only after `confirm()` returned true.
    var isTwoPhase: Bool { false }

    /// Whether this iterator moves over its candidates faster by itself than when sought by another lead,
    /// while a top-k search prunes (a phrase of plain terms: its own bounded candidate loop). An
    /// intersection lets it lead when it costs at most twice the cheapest child.
    var leadsWhenPruning: Bool { false }

    @discardableResult
    func approximateNext() -> UInt32 { next() }

    @discardableResult
    func approximateSeek(_ target: UInt32) -> UInt32 { seek(target) }

    /// Whether the candidate `doc` truly matches (always true for a one-phase iterator).
    func confirm() -> Bool { true }

    /// The frequency at the current document in column `c` of a text field (term or phrase frequency; 0 for
    /// iterators that have none): what a ConceptIterator sums over its alternatives.
    func columnFrequency(_ c: Int) -> UInt32 { 0 }

    /// An upper bound of `columnFrequency(c)` that a two-phase iterator can give at a candidate, before
    /// `confirm()` (a phrase: its rarest word's frequency).
    func columnFrequencyBound(_ c: Int) -> UInt32 { columnFrequency(c) }

    /// Per column, the weight × idf this iterator scores with (0 outside its columns); empty when it has none.
    var columnWeights: [Double] { [] }

    /// Lines explaining `score()` at the current document.
    func explain(_ lines: inout [String], indent: String) {}
}

/// The block bound of a sum of children (a union, a concept): the nearest block end among the children
/// still running, and the sum of their bounds up to it.
func summedBlockBound(_ children: [DocIterator], from target: UInt32) -> (last: UInt32, bound: Double) {
    var last = DocIterator.end - 1
    var bound = 0.0
    for c in children where c.doc != DocIterator.end {
        let b = c.blockBound(from: target)
        last = min(last, b.last)
        bound += b.bound
    }
    return (max(last, target), bound)
}

/// Matches nothing.
final class EmptyIterator: DocIterator {
    override init() {
        super.init()
        doc = DocIterator.end
    }
    override func next() -> UInt32 { doc }
}

/// Every item, score 0 (the base of a query made only of NOT clauses, or `*`).
final class AllItemsIterator: DocIterator {
    let count: UInt32

    init(count: Int) {
        self.count = UInt32(count)
        super.init()
        doc = count > 0 ? 0 : DocIterator.end
    }

    override func next() -> UInt32 {
        doc = doc + 1 < count ? doc + 1 : DocIterator.end
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if target > doc { doc = target < count ? target : DocIterator.end }
        return doc
    }

    override var cost: Int { Int(count) }
}
