// CollectionStatistics: the numbers BM25 takes from the whole collection — item and letter counts,
// average field lengths, and each term's document frequencies — when an index is more than one file.
// After `index --update`, the live collection is the base file's items minus the removed letters'
// items plus the delta's items; its statistics are computed here exactly (integers added and
// subtracted), so every segment scores a document as a full rebuild over the same letters would.
// A single-file index has no CollectionStatistics: its reader's own numbers are the collection's.

import Synchronization

public final class CollectionStatistics: @unchecked Sendable {
    /// Live items and letters.
    public let items: Int
    public let letters: Int
    /// Average field lengths: treatment, rationale, guideline (per item), summary (per letter).
    public let averageLengths: [Double]
    /// Dictionaries whose frequencies are added (live segments) or subtracted (removed letters).
    private let added: [[TermDictionary]]
    /// The segment each entry of `added` is (its reader), to use a caller's own lookup.
    private let addedReaders: [ObjectIdentifier]
    private let subtracted: [[TermDictionary]]
    /// Keeps the mappings the dictionaries point into alive.
    private let owners: [AnyObject]
    /// Frequencies computed lately (each segment's planner asks for the same terms).
    private let recent = Mutex<[RecentKey: [Int]]>([:])

    private struct RecentKey: Hashable {
        var field: UInt8
        var term: String
    }

    init(segments: [IndexReader], removed: IndexReader?) {
        var items = 0
        var letters = 0
        var sums = [Int64](repeating: 0, count: 4)
        for r in segments {
            items += r.itemCount
            letters += r.letterCount
            for k in 0..<4 { sums[k] += Int64(r.lengthSums[k]) }
        }
        if let removed {
            items -= removed.itemCount
            letters -= removed.letterCount
            for k in 0..<4 { sums[k] -= Int64(removed.lengthSums[k]) }
        }
        self.items = max(items, 0)
        self.letters = max(letters, 0)
        averageLengths = (0..<4).map { k in
            let count = k == 3 ? letters : items
            // As the build computes it (IndexMerger), so the doubles are the same.
            return count > 0 ? Double(UInt64(max(sums[k], 0))) / Double(count) : 0
        }
        added = segments.map { r in IndexField.allCases.map { r.dictionary($0) } }
        addedReaders = segments.map { ObjectIdentifier($0) }
        subtracted = removed.map { r in [IndexField.allCases.map { r.dictionary($0) }] } ?? []
        owners = segments.map { $0.file } + (removed.map { [$0.file] } ?? [])
    }

    /// Live documents of `field`'s kind (letters for the summary, else items).
    @inline(__always)
    func documents(_ field: IndexField) -> Int { field.isLetterLevel ? letters : items }

    /// The live collection's document frequency of `term` in `field`.
    func docFreq(_ field: IndexField, _ term: String) -> Int {
        var total = 0
        for (dictionaries, sign) in [(added, 1), (subtracted, -1)] {
            for d in dictionaries {
                if let info = d[Int(field.rawValue)].lookup(term) { total += sign * info.docFreq }
            }
        }
        return max(total, 0)
    }

    /// The live collection's per-column document frequencies of `term` in `field`.
    /// - Complexity: one dictionary lookup per segment.
    /// `local` is the caller's own segment's TermInfo of the term (its lookup is not repeated).
    func columnDocFreq(_ field: IndexField, _ term: String, local: (reader: IndexReader, info: TermInfo)? = nil)
        -> [Int]
    {
        let key = RecentKey(field: field.rawValue, term: term)
        if let known = recent.withLock({ $0[key] }) { return known }
        let result = computeColumnDocFreq(field, term, local: local)
        recent.withLock { cache in
            if cache.count >= 4096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = result
        }
        return result
    }

    private func computeColumnDocFreq(
        _ field: IndexField, _ term: String, local: (reader: IndexReader, info: TermInfo)?
    ) -> [Int] {
        var result = [Int](repeating: 0, count: 3)
        func add(_ info: TermInfo, _ sign: Int) {
            for c in 0..<min(3, info.columnDocFreq.count) { result[c] += sign * info.columnDocFreq[c] }
        }
        let localID = local.map { ObjectIdentifier($0.reader) }
        for (k, d) in added.enumerated() {
            if let local, addedReaders[k] == localID {
                add(local.info, 1)
            } else if let info = d[Int(field.rawValue)].lookup(term) {
                add(info, 1)
            }
        }
        for d in subtracted {
            if let info = d[Int(field.rawValue)].lookup(term) { add(info, -1) }
        }
        return result.map { max($0, 0) }
    }
}
