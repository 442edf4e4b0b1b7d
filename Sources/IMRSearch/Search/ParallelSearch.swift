// ParallelSearch: a query too heavy for one core cut into stretches of the first segment's items, each
// planned and searched on its own thread with its own iterators and top k, the partial results then
// merged — as Lucene's IndexSearcher searches its slices on an executor. Only queries that verify
// positions over many candidates are cut (a phrase of common words at a million letters verifies half a
// million candidates; every other kind of query takes a few milliseconds there); the rest run on the
// calling thread.
// The results are exactly the whole search's: the top k of each stretch holds every hit of the whole top
// k that lies in it (ranking is a total order: score, then day, then file order), and counts add up.
// A stretch is planned with its bounds (`QueryPlanner.stretch`): a phrase verifies candidates from the
// first item when it is built, so a plan of the whole segment would do the whole work before the cut.

import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

extension Searcher {
    /// The default of `parallelCandidates`.
    static let defaultParallelCandidates = 250_000

    /// The default of `threads`: `IMRSEARCH_THREADS` when it is a positive number, else the cores on this
    /// machine.
    public static var defaultThreads: Int { threads(setting: StandardStreams.environment("IMRSEARCH_THREADS")) }

    /// The threads for an `IMRSEARCH_THREADS` value (nil: not set): the number when it is a positive one,
    /// else the cores on this machine.
    static func threads(setting: String?) -> Int {
        if let value = setting.flatMap({ Int($0) }), value > 0 { return value }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// When `query` is to be cut: the stretches of the first segment's items, one per thread, ascending and
    /// covering every item, with the plan of every segment (the first one's planned for its first item
    /// only: a probe, cheap to build, for the notes and the cost; the others' to search after the cut).
    /// Nil when the query is searched whole on this thread.
    func cutFirstSegment(_ query: QueryNode) throws -> ([DocIterator], [Range<UInt32>])? {
        let items = index.segments[0].reader.itemCount
        guard threads > 1, query.readsPositions, items >= 2 * parallelCandidates else { return nil }
        let probe = try plan(query, firstStretch: 0..<1)
        let root = probe[0]
        // The top-k loops of a disjunction and of a prefix alone have no stretch bounds; they are fast.
        if root is BitSetIterator { return nil }
        if let union = root as? UnionIterator, union.children.count > 1 { return nil }
        let parts = min(threads, root.cost / parallelCandidates, items / parallelCandidates)
        guard parts > 1 else { return nil }
        let stretches = (0..<parts).map { k in
            let lower = UInt32(items * k / parts)
            let upper = k == parts - 1 ? DocIterator.end : UInt32(items * (k + 1) / parts)
            return lower..<upper
        }
        return (probe, stretches)
    }

    /// The query's iterator over `stretch` of the first segment.
    private func planStretch(_ query: QueryNode, _ stretch: Range<UInt32>) throws -> DocIterator {
        var planner = QueryPlanner(reader: index.segments[0].reader, segments: index.segments)
        planner.usesWordPairs = usesWordPairs
        planner.stretch = stretch
        return try planner.plan(query)
    }

    /// Plans the query over each stretch of the first segment and runs `body` on the plan, all stretches at
    /// once, one per thread; the results in stretch order. A planning error of any stretch is thrown.
    private func eachStretch<Result>(
        _ query: QueryNode, _ stretches: [Range<UInt32>], _ body: (DocIterator, Range<UInt32>) -> Result
    ) throws -> [Result] {
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: stretches.count)
        results.initialize(repeating: nil)
        let failures = UnsafeMutableBufferPointer<Error?>.allocate(capacity: stretches.count)
        failures.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
            failures.deinitialize()
            failures.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: stretches.count) { k in
            do {
                results[k] = body(try planStretch(query, stretches[k]), stretches[k])
            } catch {
                failures[k] = error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return results.map { $0! }
    }

    /// Searches the first segment stretch by stretch, all at once, into `heap` (empty, segment 0).
    func searchStretches(_ query: QueryNode, _ stretches: [Range<UInt32>], _ heap: inout TopHits) throws {
        let segment = index.segments[0]
        let capacity = heap.capacity
        let snapshot = index
        let parts = try eachStretch(query, stretches) { root, stretch in
            var part = TopHits(capacity: capacity, index: snapshot)
            search(root, segment, &part, within: stretch)
            return part
        }
        heap.segment = 0
        for part in parts {
            for hit in part.hits { heap.consider(item: UInt32(hit.item), score: hit.score) }
        }
    }

    /// Counts the first segment's matches stretch by stretch, all at once, each up to `limit`.
    func countStretches(_ query: QueryNode, _ stretches: [Range<UInt32>], upTo limit: Int) throws -> Int {
        let segment = index.segments[0]
        let counts = try eachStretch(query, stretches) { root, stretch in
            Searcher.count(root, segment, within: stretch, upTo: limit)
        }
        return min(limit, counts.reduce(0, +))
    }
}
