// TwoTermTopK: the rest of a two-word disjunction ("cervical OR lumbar") once the top k is full and the
// weaker word alone can no longer reach the k-th score. `maxScoreUnion` hands over to these loops at that
// point; both words are plain term cursors, and each phase is one tight loop without the general loop's
// per-clause bookkeeping:
//
// 1. The weaker word is optional: the candidates are the stronger word's documents. Per window (the
//    stretch both current blocks cover) the sum of their block maxima must reach the k-th score, else the
//    window is skipped; per document the weaker word is sought only when the stronger word's score plus
//    the weaker one's block maximum can still reach it.
// 2. Once the stronger word alone cannot reach the k-th score either, both are required: the candidates
//    are the documents they share, found by the branch-free merge of the decoded blocks
//    (`PostingsCursor.advanceToCommon`), with the same window and per-document checks.
//
// Exact: a document is dropped only when a true bound of its score is below the k-th score; the scores
// are added in the general loop's order (stronger word first), so they and the ties come out the same.

extension Searcher {
    /// Runs the top k of `strong OR weak` (`strong` has the larger maximum score) from the cursors' current
    /// documents to the end. Both are plain term iterators (`plainCursor` non-nil), every document before
    /// `strong`'s current one has been considered, and the heap is full with a k-th score above `weak`'s
    /// maximum.
    static func twoTermTopK(
        strong: TermIterator, weak: TermIterator, _ segment: IndexSegment, _ heap: inout TopHits
    ) {
        let a = strong.cursor
        let b = weak.cursor
        let strongMax = Double(a.maxScore)
        let total = strongMax + Double(b.maxScore)
        var windowLast: UInt32 = 0
        var weakBound = 0.0
        var haveWindow = false
        // Phase 1: the stronger word's documents, the weaker word sought lazily.
        while strongMax >= heap.threshold {
            let doc = a.doc
            if doc == PostingsCursor.end || total < heap.threshold { return finish(strong, weak) }
            if !haveWindow || doc > windowLast {
                let strongBlock = a.blockBound(from: doc)
                let weakBlock =
                    b.doc == PostingsCursor.end
                    ? (lastDoc: PostingsCursor.end - 1, bound: Float(0)) : b.blockBound(from: doc)
                windowLast = min(strongBlock.lastDoc, weakBlock.lastDoc)
                weakBound = Double(weakBlock.bound)
                haveWindow = true
                if Double(strongBlock.bound) + weakBound < heap.threshold {
                    if windowLast == PostingsCursor.end - 1 { return finish(strong, weak) }
                    a.seek(windowLast &+ 1)
                    haveWindow = false
                    continue
                }
            }
            var score = strong.score(of: doc)
            if score + weakBound >= heap.threshold {
                if b.doc < doc { b.seek(doc) }
                if b.doc == doc { score += weak.score(of: doc) }
                if !segment.isDeleted(item: Int(doc)) { heap.consider(item: doc, score: score) }
            }
            a.next()
        }
        // Phase 2: both words required.
        haveWindow = false
        while true {
            let doc = PostingsCursor.advanceToCommon(a, b)
            if doc == PostingsCursor.end { break }
            if !haveWindow || doc > windowLast {
                let strongBlock = a.blockBound(from: doc)
                let weakBlock = b.blockBound(from: doc)
                windowLast = min(strongBlock.lastDoc, weakBlock.lastDoc)
                weakBound = Double(weakBlock.bound)
                haveWindow = true
                if Double(strongBlock.bound) + weakBound < heap.threshold {
                    if windowLast == PostingsCursor.end - 1 { break }
                    a.seek(windowLast &+ 1)
                    b.seek(windowLast &+ 1)
                    haveWindow = false
                    continue
                }
            }
            let strongScore = strong.score(of: doc)
            if strongScore + weakBound >= heap.threshold && !segment.isDeleted(item: Int(doc)) {
                heap.consider(item: doc, score: strongScore + weak.score(of: doc))
            }
            a.next()
        }
        finish(strong, weak)
    }

    private static func finish(_ strong: TermIterator, _ weak: TermIterator) {
        strong.syncToCursor()
        weak.syncToCursor()
    }
}
