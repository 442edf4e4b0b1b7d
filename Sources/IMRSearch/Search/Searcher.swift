// Searcher: runs a query against an index — exact counts, and the top k items by BM25 with block-max
// pruning: once k hits are held, any stretch of documents whose block bound cannot beat the k-th score
// is skipped without decoding. An OR at the root runs MaxScore (with required clauses), a prefix alone a
// constant-score scan by decision date. Ties rank the newer decision first, then the earlier item (file
// order), so results never depend on anything but the letters indexed. An updated index (base + delta,
// `IndexSnapshot`) is searched segment after segment into one heap, skipping the items the delta
// replaced; every pruning test is strict, so a later segment's hit that ties the k-th score still gets
// its tie-break.

public struct SearchHit: Sendable, Equatable {
    public var item: Int
    public var score: Double
    /// The snapshot segment holding `item` (0 for a single-file index).
    public var segment: Int

    public init(item: Int, score: Double, segment: Int = 0) {
        self.item = item
        self.score = score
        self.segment = segment
    }
}

public final class Searcher: @unchecked Sendable {
    public let index: IndexSnapshot
    /// The base file's reader (the only one of a single-file index).
    public var reader: IndexReader { index.base }

    public init(index: IndexSnapshot) { self.index = index }
    public convenience init(reader: IndexReader) { self.init(index: IndexSnapshot(reader: reader)) }

    /// Whether phrases read the pairs of common words (`IndexField.itemPairs`); off, they read their words
    /// alone. The results are the same either way (the tests compare them); only the speed differs.
    var usesWordPairs = true

    /// The threads a query that verifies positions over many candidates may be searched on
    /// (ParallelSearch.swift); 1 searches every query on the calling thread. The results are the same.
    public var threads = Searcher.defaultThreads
    /// Estimated candidates (the `cost` of the query's iterator: its cheapest conjunct's documents) from
    /// which a query that reads positions is cut among threads, and the fewest a stretch is given. (Tests
    /// lower it, so that their small indexes are cut too.)
    var parallelCandidates = Searcher.defaultParallelCandidates

    /// Keyword values of the last planned query that matched nothing.
    public private(set) var notes: [String] = []
    /// Words of the last planned query that matched nothing in their field (for `SpellingSuggester`).
    public private(set) var unmatchedWords: [UnmatchedQueryWord] = []

    /// The query's iterator over each segment. Notes and unmatched words are those of every segment.
    /// The query's iterator over each segment, unless the first segment is cut among threads
    /// (`cutFirstSegment`): then `searchCut` runs over its stretches first and its iterator is empty.
    private func plan(_ query: QueryNode, cuttingFirst searchCut: ([Range<UInt32>]) throws -> Void) throws
        -> [DocIterator]
    {
        guard let (probe, stretches) = try cutFirstSegment(query) else { return try plan(query) }
        try searchCut(stretches)
        var roots = probe
        roots[0] = EmptyIterator()
        return roots
    }

    /// `firstStretch`: the items of the first segment the query will be asked about (ParallelSearch.swift).
    func plan(_ query: QueryNode, firstStretch: Range<UInt32> = 0..<DocIterator.end) throws -> [DocIterator] {
        var roots: [DocIterator] = []
        for (k, segment) in index.segments.enumerated() {
            var planner = QueryPlanner(reader: segment.reader, segments: index.segments)
            planner.usesWordPairs = usesWordPairs
            if k == 0 { planner.stretch = firstStretch }
            roots.append(try planner.plan(query))
            if k == 0 {
                notes = planner.notes
                unmatchedWords = planner.unmatched
            } else {
                notes = notes.filter { planner.notes.contains($0) }
                unmatchedWords = unmatchedWords.filter { planner.unmatched.contains($0) }
            }
        }
        return roots
    }

    /// The exact number of matching items.
    /// - Complexity: O(matches) plus the seeks of the intersections.
    public func count(_ query: QueryNode) throws -> Int {
        try count(query, upTo: Int.max)
    }

    /// The number of matching items, counting stops at `limit` (then the result is `limit`): the header of
    /// people's output says "10000+" rather than verifying every phrase candidate of a huge result.
    public func count(_ query: QueryNode, upTo limit: Int) throws -> Int {
        var n = 0
        let roots = try plan(query) { n = try countStretches(query, $0, upTo: limit) }
        for (segment, root) in zip(index.segments, roots) {
            n += Searcher.count(root, segment, within: 0..<DocIterator.end, upTo: limit - n)
        }
        return n
    }

    /// The live matches of `root` in `stretch` of `segment`'s items, counting stops at `limit`.
    static func count(_ root: DocIterator, _ segment: IndexSegment, within stretch: Range<UInt32>, upTo limit: Int)
        -> Int
    {
        var n = 0
        var doc = root.doc
        if doc < stretch.lowerBound { doc = root.seek(stretch.lowerBound) }
        if segment.deleted == nil {
            while doc < stretch.upperBound && n < limit {
                n += 1
                doc = root.next()
            }
        } else {
            while doc < stretch.upperBound && n < limit {
                if !segment.isDeleted(item: Int(doc)) { n += 1 }
                doc = root.next()
            }
        }
        return n
    }

    /// The number of matching items for a header line, and whether it is exact. A query that reads no
    /// positions is counted exactly (its postings and filters alone decide, fast). One with a phrase is
    /// counted exactly up to `positionalLimit`; beyond, counting would verify the positions of every
    /// candidate just to print a number, so the count stops there and is a lower bound ("1000+").
    /// - Complexity: O(matches) without positions; at most `positionalLimit` verified matches with them.
    public func headerCount(_ query: QueryNode, positionalLimit: Int = 1000) throws -> (count: Int, exact: Bool) {
        guard query.readsPositions else { return (try count(query), true) }
        let n = try count(query, upTo: positionalLimit + 1)
        return n > positionalLimit ? (positionalLimit, false) : (n, true)
    }

    /// The best `limit` items after skipping `offset`, best first.
    public func search(_ query: QueryNode, limit: Int, offset: Int = 0) throws -> [SearchHit] {
        let k = max(0, limit) + max(0, offset)
        guard k > 0 else { return [] }
        var heap = TopHits(capacity: k, index: index)
        let roots = try plan(query) { try searchStretches(query, $0, &heap) }
        for (s, root) in roots.enumerated() {
            heap.segment = s
            search(root, index.segments[s], &heap)
        }
        return Array(heap.sortedBestFirst().dropFirst(offset))
    }

    /// Top-k of `root` over the items of `stretch` (the whole segment by default) into `heap`.
    func search(
        _ root: DocIterator, _ segment: IndexSegment, _ heap: inout TopHits,
        within stretch: Range<UInt32> = 0..<DocIterator.end
    ) {
        // A later segment none of whose documents can reach the k-th score is not searched at all (a tie
        // could still win on its day or file order, so only a strictly lower maximum is skipped).
        if heap.isFull && root.maxScore < heap.threshold { return }
        if let union = root as? UnionIterator, union.children.count > 1 {
            maxScoreUnion(union, segment, &heap)
            return
        }
        if let set = root as? BitSetIterator {
            constantScoreTopK(set, segment, &heap)
            return
        }
        var doc = root.doc
        if doc < stretch.lowerBound { doc = root.seek(stretch.lowerBound) }
        var published = -Double.infinity
        var boundLast: UInt32 = 0
        var bound = Double.infinity
        var haveBound = false
        if heap.isFull && heap.threshold > published {
            published = heap.threshold
            root.setMinCompetitive(published)
        }
        while doc < stretch.upperBound {
            if heap.isFull {
                if !haveBound || doc > boundLast {
                    (boundLast, bound) = root.blockBound(from: doc)
                    haveBound = true
                }
                if bound < heap.threshold {
                    haveBound = false
                    doc = boundLast == DocIterator.end - 1 ? DocIterator.end : root.seek(boundLast &+ 1)
                    continue
                }
            }
            if segment.deleted == nil || !segment.isDeleted(item: Int(doc)) {
                heap.consider(item: doc, score: root.score())
            }
            if heap.isFull && heap.threshold > published {
                published = heap.threshold
                root.setMinCompetitive(published)
            }
            doc = root.next()
        }
    }

    /// Top-k when every match scores the same (a prefix alone): the newest decisions win, and of equal days
    /// the earlier item, which comes first; so once k are held a match enters only with a newer day. The
    /// set's words are read directly, two column loads a match.
    private func constantScoreTopK(_ set: BitSetIterator, _ segment: IndexSegment, _ heap: inout TopHits) {
        let score = set.score()
        let reader = segment.reader
        // In a later segment an item of the k-th day may still precede the k-th hit in file order.
        let laterSegment = heap.segment > 0
        set.words.withUnsafeBufferPointer { words in
            for w in 0..<words.count {
                var bits = words[w]
                while bits != 0 {
                    let item = w &<< 6 &+ bits.trailingZeroBitCount
                    bits &= bits &- 1
                    if heap.isFull {
                        let day = reader.decidedDay(ofItem: item)
                        if day < heap.thresholdDay || (day == heap.thresholdDay && !laterSegment) { continue }
                    }
                    if segment.isDeleted(item: item) { continue }
                    heap.consider(item: UInt32(item), score: score)
                }
            }
        }
    }

    /// Top-k over a disjunction with MaxScore (Turtle & Flood): the clauses, ordered by their maximum
    /// score, split into the non-essential ones, which together cannot lift a document to the k-th score,
    /// and the essential ones. Only documents of essential clauses are candidates; non-essential clauses
    /// are sought for a candidate only while its running score can still compete.
    ///
    /// Once the k-th score exceeds what the other clauses could give without clause i (the sum of their
    /// maxima), clause i is *required*: every competitive document holds it. The required clauses (the
    /// highest maxima, a suffix of the order) then generate candidates by leapfrogging, as an
    /// intersection, and all other clauses are sought lazily ("knee OR shoulder" becomes "knee AND
    /// shoulder" once the top k hold both). Two plain words hand over to `twoTermTopK` (TwoTermTopK.swift) as
    /// soon as the top k is full.
    private func maxScoreUnion(_ union: UnionIterator, _ segment: IndexSegment, _ heap: inout TopHits) {
        let owners = union.children.sorted { $0.maxScore < $1.maxScore }
        // Unretained views: `union`, alive for the whole call, owns the children; the loop below then does no
        // reference counting.
        let children = owners.map { UnownedIterator(Unmanaged.passUnretained($0)) }
        let n = children.count
        var prefix: [Double] = []  // prefix[i] = sum of maxScore of children[0...i]
        var sum = 0.0
        for c in children {
            sum += c.maxScore
            prefix.append(sum)
        }
        let total = sum
        // Plain term clauses (all columns queried) expose their cursors. `plainFrom` is the first index from
        // which every clause is one; a required suffix starting there intersects on the cursors directly.
        // `plainTerms` and `plainCursors` hold that suffix (index i at i − plainFrom).
        var plainTerms: [Unmanaged<TermIterator>] = []
        for owner in owners.reversed() {
            guard let term = owner as? TermIterator, term.plainCursor != nil else { break }
            plainTerms.insert(Unmanaged.passUnretained(term), at: 0)
        }
        let plainFrom = n - plainTerms.count
        let plainCursors = plainTerms.map { term in
            term._withUnsafeGuaranteedRef { Unmanaged.passUnretained($0.cursor) }
        }
        var firstEssential = 0
        var firstRequired = n
        var windowLast: UInt32 = 0
        var windowBound = Double.infinity
        var childBounds = [Double](repeating: 0, count: n)  // each clause's share of `windowBound`
        while true {
            if n == 2 && plainFrom == 0 && heap.isFull {
                // Two plain words and a full top k: the dedicated loops take over.
                Searcher.twoTermTopK(
                    strong: plainTerms[1]._withUnsafeGuaranteedRef { $0 },
                    weak: plainTerms[0]._withUnsafeGuaranteedRef { $0 }, segment, &heap)
                return
            }
            // The candidate: the smallest essential document, or the next document all required clauses hold.
            var doc = DocIterator.end
            if firstRequired < n && plainFrom <= firstRequired {
                // Every required clause is a plain term: intersect their cursors directly.
                doc = plainCursors.withUnsafeBufferPointer {
                    PostingsCursor.advanceToCommon(UnsafeBufferPointer(rebasing: $0[(firstRequired - plainFrom)...]))
                }
                for term in plainTerms[(firstRequired - plainFrom)...] {
                    term._withUnsafeGuaranteedRef { $0.syncToCursor() }
                }
            } else if firstRequired < n {
                doc = children[n - 1].doc
                var i = firstRequired
                while doc != DocIterator.end && i < n {
                    let d = children[i].seek(doc)
                    if d == doc {
                        i += 1
                    } else {
                        doc = d
                        i = firstRequired
                    }
                }
            } else {
                for i in firstEssential..<n { doc = min(doc, children[i].doc) }
            }
            if doc == DocIterator.end { return }
            let generators = firstRequired < n ? firstRequired : firstEssential
            // Block-max check: the stretch up to `windowLast` cannot beat the k-th score at all.
            if heap.isFull {
                if doc > windowLast || windowBound == Double.infinity {
                    windowLast = DocIterator.end - 1
                    windowBound = 0
                    for i in 0..<n {
                        childBounds[i] = 0
                        guard children[i].doc != DocIterator.end else { continue }
                        let b = children[i].blockBound(from: doc)
                        windowLast = min(windowLast, b.last)
                        windowBound += b.bound
                        childBounds[i] = b.bound
                    }
                }
                if windowBound < heap.threshold {
                    if windowLast == DocIterator.end - 1 { return }
                    for i in generators..<n where children[i].doc <= windowLast {
                        children[i].seek(windowLast &+ 1)
                    }
                    windowBound = Double.infinity
                    continue
                }
            }
            var score = 0.0
            var competitive = true
            if firstRequired < n && heap.isFull {
                // Required clauses are scored one by one; the document is dropped as soon as its score so far,
                // the block maxima of the required clauses not yet scored and the optional clauses' maxima
                // cannot reach the k-th score.
                var rest = 0.0
                for i in firstRequired..<n { rest += childBounds[i] }
                let optional = firstRequired > 0 ? prefix[firstRequired - 1] : 0
                var i = n - 1
                while i >= firstRequired {
                    rest -= childBounds[i]
                    score += children[i].score()
                    if score + rest + optional < heap.threshold {
                        competitive = false
                        break
                    }
                    i -= 1
                }
            } else {
                for i in generators..<n where children[i].doc == doc { score += children[i].score() }
            }
            var i = competitive ? generators - 1 : -1
            while i >= 0 {
                if heap.isFull && score + prefix[i] < heap.threshold {
                    competitive = false
                    break
                }
                if children[i].doc < doc { children[i].seek(doc) }
                if children[i].doc == doc { score += children[i].score() }
                i -= 1
            }
            if competitive && !segment.isDeleted(item: Int(doc)) { heap.consider(item: doc, score: score) }
            if firstRequired < n {
                children[n - 1].next()
            } else {
                for i in firstEssential..<n where children[i].doc == doc { children[i].next() }
            }
            if heap.isFull {
                let threshold = heap.threshold
                while firstEssential < n && prefix[firstEssential] < threshold { firstEssential += 1 }
                if firstEssential == n { return }
                while firstRequired > 0 && total - children[firstRequired - 1].maxScore < threshold {
                    firstRequired -= 1
                }
            }
        }
    }

    /// Lines explaining the score of `item` for `query` (empty when it does not match).
    public func explain(_ query: QueryNode, item: Int, segment: Int = 0) throws -> [String] {
        let roots = try plan(query)
        guard roots.indices.contains(segment) else { return [] }
        let root = roots[segment]
        guard root.seek(UInt32(item)) == UInt32(item) else { return [] }
        var lines = ["score \(format(root.score())) = sum of:"]
        root.explain(&lines, indent: "  ")
        if lines.count == 1 { lines.append("  (filters only: no text score)") }
        return lines
    }

    /// "<case number or file>#<item number from 0>", as the benchmark names items.
    public func identifier(ofItem item: Int, segment: Int = 0) -> String {
        let reader = index.segments[segment].reader
        let letter = reader.letter(ofItem: item)
        let name = reader.caseNumber(ofLetter: letter) ?? reader.file(ofLetter: letter)
        return name + "#" + String(reader.itemNumber(ofItem: item))
    }
}

/// The k best hits seen so far: a min-heap whose root is the worst kept hit. Hits are added segment by
/// segment (`segment` names the one being searched).
struct TopHits {
    private var items: [SearchHit] = []
    private var days: [Int32] = []
    let capacity: Int
    let index: IndexSnapshot
    /// The segment whose items `consider` receives.
    var segment = 0 {
        didSet { reader = index.segments[segment].reader }
    }
    private var reader: IndexReader

    init(capacity: Int, index: IndexSnapshot) {
        self.capacity = capacity
        self.index = index
        reader = index.segments[0].reader
        items.reserveCapacity(capacity)
    }

    var isFull: Bool { items.count >= capacity }
    /// The hits kept, in heap order.
    var hits: [SearchHit] { items }
    var threshold: Double { items.first?.score ?? -Double.infinity }

    @inline(__always)
    private func day(_ item: Int) -> Int32 { reader.decidedDay(ofItem: item) }

    /// The decision day of the worst kept hit (meaningful when full).
    var thresholdDay: Int32 { days.first ?? Int32.min }

    /// True when hit a comes after hit b in file order.
    @inline(__always)
    private func later(_ a: SearchHit, _ b: SearchHit) -> Bool {
        if a.segment == b.segment { return a.item > b.item }
        return index.precedesInFileOrder(b, a)
    }

    /// True when hit a ranks below hit b.
    @inline(__always)
    private func worse(_ a: Int, _ b: Int) -> Bool {
        if items[a].score != items[b].score { return items[a].score < items[b].score }
        if days[a] != days[b] { return days[a] < days[b] }
        return later(items[a], items[b])
    }

    mutating func consider(item: UInt32, score: Double) {
        let hit = SearchHit(item: Int(item), score: score, segment: segment)
        if isFull {
            let top = items[0]
            if score < top.score { return }
            let d = day(Int(item))
            if score == top.score {
                if d < days[0] || (d == days[0] && later(hit, top)) { return }
            }
            items[0] = hit
            days[0] = d
            siftDown(0)
        } else {
            items.append(hit)
            days.append(day(Int(item)))
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                if worse(i, parent) {
                    items.swapAt(i, parent)
                    days.swapAt(i, parent)
                    i = parent
                } else {
                    break
                }
            }
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var worst = i
            if l < items.count && worse(l, worst) { worst = l }
            if r < items.count && worse(r, worst) { worst = r }
            if worst == i { return }
            items.swapAt(i, worst)
            days.swapAt(i, worst)
            i = worst
        }
    }

    func sortedBestFirst() -> [SearchHit] {
        let order = items.indices.sorted { a, b in
            if items[a].score != items[b].score { return items[a].score > items[b].score }
            if days[a] != days[b] { return days[a] > days[b] }
            return later(items[b], items[a])
        }
        return order.map { items[$0] }
    }
}

/// A child iterator used without reference counting (its owner keeps it alive).
struct UnownedIterator {
    let ref: Unmanaged<DocIterator>
    init(_ ref: Unmanaged<DocIterator>) { self.ref = ref }

    var doc: UInt32 { ref._withUnsafeGuaranteedRef { $0.doc } }
    var maxScore: Double { ref._withUnsafeGuaranteedRef { $0.maxScore } }
    @discardableResult func next() -> UInt32 { ref._withUnsafeGuaranteedRef { $0.next() } }
    @discardableResult func seek(_ target: UInt32) -> UInt32 { ref._withUnsafeGuaranteedRef { $0.seek(target) } }
    func score() -> Double { ref._withUnsafeGuaranteedRef { $0.score() } }
    func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        ref._withUnsafeGuaranteedRef { $0.blockBound(from: target) }
    }
}
