// TermRangeMerger: merges the terms of one byte range [lower, upper) of every run: a k-way merge of the
// runs' sorted term lists that decodes each term's postings into global ids, scores them (exact BM25 for
// the block maxima) and re-encodes them with `PostingsEncoder` into this range's own postings and
// positions spill buffers (`SpillBuffer`: memory, then scratch files), with one `TermRecord` per term (its bytes in `termBytes`). `IndexMerger` runs
// one merger per core on disjoint ranges and concatenates their output in range order, so the index does
// not depend on how the terms were split.

/// One merged term: where its bytes are in `TermRangeMerger.termBytes`, and its dictionary figures with
/// offsets relative to its range's postings and positions files.
struct TermRecord {
    var tag: UInt8
    var bytesStart: Int
    var bytesCount: Int
    var docCount: UInt32
    var columnDocs: (UInt32, UInt32, UInt32)
    var postingsStart: UInt64
    var positionsStart: UInt64
    var maxScore: Float
    var postingsLength: UInt32
}

final class TermRangeMerger {
    let lower: [UInt8]?
    let upper: [UInt8]?
    let postingsFile: SpillBuffer
    let positionsFile: SpillBuffer
    /// Bytes of postings and positions all ranges together keep in memory before they spill to files
    /// (each range's two buffers get an equal share), so the merge adds at most this to the build's memory.
    static let memoryBudget = 256 << 20
    private(set) var records: [TermRecord] = []
    /// The merged terms' bytes (without their tags), back to back.
    private(set) var termBytes: [UInt8] = []
    private let merger: IndexMerger

    init(
        merger: IndexMerger, lower: [UInt8]?, upper: [UInt8]?, part: Int, parts: Int, scratchDirectory: String
    ) throws {
        let memoryLimit = TermRangeMerger.memoryBudget / (2 * max(1, parts))
        self.merger = merger
        self.lower = lower
        self.upper = upper
        postingsFile = SpillBuffer(
            directory: scratchDirectory, name: "postings-\(part)", memoryLimit: memoryLimit)
        positionsFile = SpillBuffer(
            directory: scratchDirectory, name: "positions-\(part)", memoryLimit: memoryLimit)
    }

    /// Whether `term` lies below the range's upper bound.
    @inline(__always)
    private func belowUpper(_ term: UnsafeRawBufferPointer) -> Bool {
        guard let upper else { return true }
        return upper.withUnsafeBytes { compareRaw(term, $0) < 0 }
    }

    func run() throws {
        let runs = merger.runs
        var cursors = runs.map { $0.termCursor() }
        var heap = RunHeap()
        for i in 0..<cursors.count {
            // Skip the terms below the range.
            var has = cursors[i].next()
            if let lower {
                while has && lower.withUnsafeBytes({ compareRaw(cursors[i].term, $0) < 0 }) {
                    has = cursors[i].next()
                }
            }
            if has && belowUpper(cursors[i].term) { heap.push(i, cursors) }
        }
        let postingsBuffer = RawByteBuffer(capacity: 2 << 20)
        let positionsBuffer = RawByteBuffer(capacity: 2 << 20)
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        let decoded = DecodedTerm()
        var group: [Int] = []
        let tables = (0..<4).map { BM25.lengthTable(averageLength: merger.averages[$0]) }
        while let first = heap.pop(cursors) {
            group.removeAll(keepingCapacity: true)
            group.append(first)
            while let top = heap.peek(), compareRaw(cursors[top].term, cursors[first].term) == 0 {
                group.append(heap.pop(cursors)!)
            }
            group.sort()
            let term = cursors[first].term
            let tag = Int(term[0])
            guard let field = IndexField(rawValue: UInt8(tag)) else {
                throw RunFileError(path: runs[first].name, detail: "unknown field tag \(tag)")
            }
            let columns = field.frequencyColumns
            decoded.reset()
            for r in group {
                try merger.decode(cursors[r], run: r, field: field, into: decoded)
            }
            var columnDocs: (UInt32, UInt32, UInt32) = (0, 0, 0)
            if columns > 0 {
                let tfs = decoded.tfs
                for i in 0..<decoded.count {
                    if tfs[i &* columns] > 0 { columnDocs.0 &+= 1 }
                    if columns > 1 && tfs[i &* columns &+ 1] > 0 { columnDocs.1 &+= 1 }
                    if columns > 2 && tfs[i &* columns &+ 2] > 0 { columnDocs.2 &+= 1 }
                }
                merger.computeScores(decoded, field: field, columnDocs: columnDocs, tables: tables)
            }
            let postingsStart = postingsOffset + UInt64(postingsBuffer.count)
            let positionsStart = positionsOffset + UInt64(positionsBuffer.count)
            let before = postingsBuffer.count
            let dense =
                field == .itemTriples
                && !IndexFormat.keepsTriplePostings(docFreq: decoded.count, items: merger.items)
            let maxScore =
                dense
                ? 0
                : merger.withNorms(of: field) { norms in
                    PostingsEncoder.encode(
                        decoded, columns: columns, norms: norms, postings: postingsBuffer, positions: positionsBuffer)
                }
            records.append(
                TermRecord(
                    tag: UInt8(tag), bytesStart: termBytes.count, bytesCount: term.count - 1,
                    docCount: UInt32(decoded.count), columnDocs: columnDocs, postingsStart: postingsStart,
                    positionsStart: positionsStart, maxScore: maxScore,
                    postingsLength: UInt32(postingsBuffer.count - before)))
            termBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: term[1...]))
            if postingsBuffer.count >= (1 << 20) {
                try postingsBuffer.withBytes { try postingsFile.append($0) }
                postingsOffset += UInt64(postingsBuffer.count)
                postingsBuffer.removeAll()
            }
            if positionsBuffer.count >= (1 << 20) {
                try positionsBuffer.withBytes { try positionsFile.append($0) }
                positionsOffset += UInt64(positionsBuffer.count)
                positionsBuffer.removeAll()
            }
            for r in group where cursors[r].next() && belowUpper(cursors[r].term) { heap.push(r, cursors) }
        }
        try postingsBuffer.withBytes { try postingsFile.append($0) }
        try positionsBuffer.withBytes { try positionsFile.append($0) }
        for (r, cursor) in cursors.enumerated() {
            if let failure = cursor.failure { throw RunFileError(path: runs[r].name, detail: failure) }
        }
    }

    /// Up to `parts` - 1 split terms that cut the runs' terms into ranges of about equal postings bytes,
    /// judged on the largest run (batches are alike). Ascending, without repeats.
    static func splitTerms(of runs: [RunReader], parts: Int) -> [[UInt8]] {
        guard parts > 1, let largest = runs.max(by: { $0.termBytes < $1.termBytes }) else { return [] }
        var cursor = largest.termCursor()
        var total = 0
        while cursor.next() { total += cursor.postings.count + cursor.term.count }
        var splits: [[UInt8]] = []
        cursor = largest.termCursor()
        var running = 0
        while cursor.next() {
            running += cursor.postings.count + cursor.term.count
            if running * parts >= total * (splits.count + 1) && splits.count < parts - 1 {
                let term = Array(cursor.term)
                if splits.last.map({ compareBytes($0, $0.count, term, term.count) < 0 }) ?? true {
                    splits.append(term)
                }
            }
        }
        return splits
    }
}
