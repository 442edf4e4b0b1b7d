// TwoTermTopK: the top k of a two-word disjunction ("cervical OR lumbar") once the heap is full, window by
// window, as Lucene's MaxScore bulk scorer does. A window runs from the earlier of the two cursors'
// documents to the earlier of their current blocks' last documents; the blocks' stored maxima bound each
// word's score inside it. Against the k-th score those two bounds decide, per window:
//
// - both below it, and their sum too: the window is skipped;
// - both at or above it: the candidates are the documents of either word (a union);
// - one at or above it: only that word's documents can compete; the other word is sought for a candidate
//   only when the first word's score plus the other's bound can still reach the k-th score;
// - both below it but not their sum: only documents holding both can compete; the rarer word leads and the
//   other is sought for each of its documents ("knee OR shoulder" becomes "knee AND shoulder" where the
//   blocks say so, not only once the whole lists do).
// Once neither word's maximum reaches the k-th score, both are required to the end, and one merge of the two
// cursors' decoded blocks finds the documents they share, window checks and all.
//
// Both words are plain term cursors, and each window is one tight loop without the general MaxScore loop's
// per-clause bookkeeping. Exact: a document is dropped only when a true bound of its score is below the
// k-th score, and a sum of two scores is the same whichever is added first, so the scores and the ties come
// out as in the general loop.

extension Searcher {
    /// Runs the top k of `strong OR weak` (`strong` has the larger maximum score) from the cursors' current
    /// documents to the end. Both are plain term iterators (`plainCursor` non-nil), every document before
    /// the smaller of their current ones has been considered, and the heap is full.
    static func twoTermTopK(
        strong: TermIterator, weak: TermIterator, _ segment: IndexSegment, _ heap: inout TopHits
    ) {
        let a = strong.cursor
        let b = weak.cursor
        let end = PostingsCursor.end
        let total = Double(a.maxScore) + Double(b.maxScore)
        let strongIsRarer = a.docCount <= b.docCount
        while total >= heap.threshold {
            if Double(a.maxScore) < heap.threshold {
                // Neither word alone can reach the k-th score anywhere: both are required to the end.
                requiredToTheEnd(strong, weak, segment, &heap)
                break
            }
            let start = min(a.doc, b.doc)
            if start == end { break }
            let (windowLast, strongBound, weakBound) = window(a, b, from: start)
            let threshold = heap.threshold
            if strongBound + weakBound < threshold {
                // Nothing in the window can compete.
            } else if strongBound >= threshold && weakBound >= threshold {
                unionWindow(strong, weak, through: windowLast, segment, &heap)
            } else if strongBound >= threshold {
                leadWindow(strong, weak, followerBound: weakBound, required: false, through: windowLast, segment, &heap)
            } else if weakBound >= threshold {
                leadWindow(
                    weak, strong, followerBound: strongBound, required: false, through: windowLast, segment, &heap)
            } else if strongIsRarer {
                leadWindow(strong, weak, followerBound: weakBound, required: true, through: windowLast, segment, &heap)
            } else {
                leadWindow(
                    weak, strong, followerBound: strongBound, required: true, through: windowLast, segment, &heap)
            }
            if windowLast == end - 1 { break }
            a.seek(windowLast &+ 1)
            b.seek(windowLast &+ 1)
        }
        strong.syncToCursor()
        weak.syncToCursor()
    }

    /// The window from `start`: up to the earlier of the two cursors' current blocks' last documents, with
    /// each word's block maximum there. A word with no documents left neither ends the window nor adds to
    /// its bound.
    @inline(__always)
    private static func window(_ a: PostingsCursor, _ b: PostingsCursor, from start: UInt32) -> (
        last: UInt32, strongBound: Double, weakBound: Double
    ) {
        var last = PostingsCursor.end - 1
        var strongBound = 0.0
        var weakBound = 0.0
        if a.doc != PostingsCursor.end {
            let block = a.blockBound(from: start)
            last = min(last, block.lastDoc)
            strongBound = Double(block.bound)
        }
        if b.doc != PostingsCursor.end {
            let block = b.blockBound(from: start)
            last = min(last, block.lastDoc)
            weakBound = Double(block.bound)
        }
        return (last, strongBound, weakBound)
    }

    /// The documents both words hold, from the cursors' current ones to the end, found by the branch-free
    /// merge of their decoded blocks (`PostingsCursor.advanceToCommon`), with the windows' block-max check
    /// and the stronger word scored first.
    private static func requiredToTheEnd(
        _ strong: TermIterator, _ weak: TermIterator, _ segment: IndexSegment, _ heap: inout TopHits
    ) {
        let a = strong.cursor
        let b = weak.cursor
        var windowLast: UInt32 = 0
        var weakBound = 0.0
        var haveWindow = false
        while true {
            let doc = PostingsCursor.advanceToCommon(a, b)
            if doc == PostingsCursor.end { return }
            if !haveWindow || doc > windowLast {
                let strongBound: Double
                (windowLast, strongBound, weakBound) = window(a, b, from: doc)
                haveWindow = true
                if strongBound + weakBound < heap.threshold {
                    if windowLast == PostingsCursor.end - 1 { return }
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
    }

    /// Every document of either word up to `last`, scored and offered to the heap.
    @inline(__always)
    private static func unionWindow(
        _ strong: TermIterator, _ weak: TermIterator, through last: UInt32, _ segment: IndexSegment,
        _ heap: inout TopHits
    ) {
        let a = strong.cursor
        let b = weak.cursor
        while true {
            let strongDoc = a.doc
            let weakDoc = b.doc
            let doc = min(strongDoc, weakDoc)
            if doc > last { return }
            var score = 0.0
            if weakDoc == doc { score += weak.score(of: doc) }
            if strongDoc == doc { score += strong.score(of: doc) }
            if !segment.isDeleted(item: Int(doc)) { heap.consider(item: doc, score: score) }
            if strongDoc == doc { a.next() }
            if weakDoc == doc { b.next() }
        }
    }

    /// The documents of `lead` up to `last` (with `required`, only those `follower` holds too), each offered
    /// to the heap with `follower`'s score added when the lead's score plus `followerBound` (the follower's
    /// bound in the window) can reach the k-th score.
    @inline(__always)
    private static func leadWindow(
        _ lead: TermIterator, _ follower: TermIterator, followerBound: Double, required: Bool,
        through last: UInt32, _ segment: IndexSegment, _ heap: inout TopHits
    ) {
        let l = lead.cursor
        let f = follower.cursor
        while l.doc <= last {
            let doc = l.doc
            if required {
                if f.doc < doc { f.seek(doc) }
                if f.doc > last { return }
                if f.doc != doc {
                    l.seek(f.doc)
                    continue
                }
            }
            let leadScore = lead.score(of: doc)
            if leadScore + followerBound >= heap.threshold {
                if f.doc < doc { f.seek(doc) }
                let score = f.doc == doc ? leadScore + follower.score(of: doc) : leadScore
                if !segment.isDeleted(item: Int(doc)) { heap.consider(item: doc, score: score) }
            }
            l.next()
        }
    }
}
