// PostingsCursor: iterates one term's postings in the mapped file — the hot path of every query. It decodes
// one 128-document block at a time into fixed buffers (no allocation per posting), skips whole blocks
// through the skip entries on `seek`, exposes each block's stored max score for block-max pruning, and
// reads positions lazily, only for documents a phrase query asks about. `advanceToCommon` intersects two
// cursors with a branch-free merge of their decoded blocks.
//
// The bytes are untrusted: every offset is checked against the term's postings range; a damaged block ends
// the iteration (and `IndexVerifier` reports it) instead of reading outside the mapping.

final class PostingsCursor {
    static let end = UInt32.max

    private let base: UnsafePointer<UInt8>
    private let length: Int
    let docCount: Int
    let columns: Int
    private let fullBlocks: Int
    private let maxDoc: UInt32
    private let positionsBase: UnsafePointer<UInt8>?
    private let positionsLimit: UnsafePointer<UInt8>?
    private(set) var maxScore: Float
    /// Multiplies the stored block maxima (1 for a whole-collection file; see `scaleBounds`).
    private var boundScale: Float = 1

    private let docs: UnsafeMutablePointer<UInt32>
    private let tfs: UnsafeMutablePointer<UInt32>
    private let scratch: UnsafeMutablePointer<UInt32>
    private var block = -1
    /// The block the last bound was read from (`boundBlock(holding:)`).
    private var lastBoundBlock = 0
    /// Byte offset of the current block's packed frequencies while not yet decoded, else -1.
    private var pendingFrequencies = -1
    private var count = 0
    private var index = 0
    /// The current document, or `PostingsCursor.end`.
    private(set) var doc: UInt32 = 0
    private var positionDoc = 0
    private var positionByte: UnsafePointer<UInt8>?
    private var blockPositions: UnsafePointer<UInt8>?

    init(reader: IndexReader, info: TermInfo, field: IndexField) {
        columns = field.frequencyColumns
        maxDoc = UInt32(field.isLetterLevel ? reader.letterCount : reader.itemCount)
        maxScore = info.maxScore
        docs = .allocate(capacity: 128)
        tfs = .allocate(capacity: 128 * 3)
        scratch = .allocate(capacity: 128)
        let postings = reader.postings
        var ok = false
        var blocks = 0
        if let start = postings.baseAddress, info.postingsOffset >= 0, info.postingsLength >= 8,
            info.postingsOffset <= postings.count,
            info.postingsLength <= postings.count - info.postingsOffset,
            info.docFreq <= Int(maxDoc)
        {
            blocks = info.docFreq / 128
            if blocks * PostingsEncoder.skipEntrySize + 8 <= info.postingsLength {
                base = (start + info.postingsOffset).assumingMemoryBound(to: UInt8.self)
                length = info.postingsLength
                ok = true
            } else {
                base = PostingsCursor.placeholder
                length = 0
            }
        } else {
            base = PostingsCursor.placeholder
            length = 0
        }
        fullBlocks = ok ? blocks : 0
        docCount = ok ? info.docFreq : 0
        let positions = reader.positions
        if columns > 0, let p = positions.baseAddress, info.positionsOffset >= 0,
            info.positionsOffset <= positions.count
        {
            positionsBase = (p + info.positionsOffset).assumingMemoryBound(to: UInt8.self)
            positionsLimit = (p + positions.count).assumingMemoryBound(to: UInt8.self)
        } else {
            positionsBase = nil
            positionsLimit = nil
        }
        if docCount == 0 {
            doc = PostingsCursor.end
        } else {
            loadBlock(0)
        }
    }

    private static let placeholder: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        p.initialize(repeating: 0, count: 8)
        return UnsafePointer(p)
    }()

    deinit {
        docs.deallocate()
        tfs.deallocate()
        scratch.deallocate()
    }

    @inline(__always)
    private func u32(_ offset: Int) -> UInt32 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt32.self).littleEndian
    }

    /// Last document of full block `b`.
    @inline(__always)
    func lastDoc(ofBlock b: Int) -> UInt32 { u32(b * PostingsEncoder.skipEntrySize) }

    @inline(__always)
    func blockMax(_ b: Int) -> Float {
        Float(bitPattern: u32(b * PostingsEncoder.skipEntrySize + 12)) * boundScale
    }

    /// Makes the stored bounds bounds of scores computed with other collection statistics: `factor`
    /// (≥ the largest ratio of a new score to the stored one) is rounded up with a margin for the f32
    /// product's rounding.
    func scaleBounds(by factor: Double) {
        guard factor.isFinite, factor > 0 else {
            boundScale = .greatestFiniteMagnitude
            maxScore = maxScore > 0 ? .greatestFiniteMagnitude : 0
            return
        }
        boundScale = Float(factor * (1 + 1e-6)).nextUp
        maxScore = maxScore * boundScale
    }

    /// Term frequency of the current document in column `c`.
    @inline(__always)
    func tf(_ c: Int) -> UInt32 {
        if pendingFrequencies >= 0 { decodeFrequencies() }
        return tfs[c &* 128 &+ index]
    }

    /// The current document's frequencies: column c at `pointer[c * 128]`.
    @inline(__always)
    func frequencies() -> UnsafePointer<UInt32> {
        if pendingFrequencies >= 0 { decodeFrequencies() }
        return UnsafePointer(tfs + index)
    }

    /// Unpacks the current full block's term frequencies (deferred until a score or position needs them,
    /// so seeks and filters never pay for them).
    private func decodeFrequencies() {
        var offset = pendingFrequencies
        pendingFrequencies = -1
        let entry = block * PostingsEncoder.skipEntrySize
        for c in 0..<columns {
            let bits = Int(base[entry + 17 + c])
            BitPacking.unpack(base + offset, bitWidth: bits, into: tfs + c * 128)
            offset += 16 * bits
        }
    }

    private func fail() {
        count = 0
        index = 0
        doc = PostingsCursor.end
        block = fullBlocks + 1
    }

    /// Documents from here on need not be seen (a stretch of a query cut among threads ends there): the
    /// cursor ends instead of loading a block whose documents all lie at or beyond it (the block holding
    /// it is still read whole).
    var bound = PostingsCursor.end

    /// Decodes block `b` (`fullBlocks` = the varint tail) and positions on its first document.
    private func loadBlock(_ b: Int) {
        block = b
        index = 0
        pendingFrequencies = -1
        positionDoc = 0
        positionByte = nil
        let previous: UInt32 = b == 0 ? 0 : lastDoc(ofBlock: b - 1)
        if previous >= bound { return fail() }
        let tailHeader = fullBlocks * PostingsEncoder.skipEntrySize
        if b < fullBlocks {
            let entry = b * PostingsEncoder.skipEntrySize
            var offset = Int(u32(entry + 4))
            let docBits = Int(base[entry + 16])
            guard docBits <= 32 else { return fail() }
            var needed = 16 * docBits
            for c in 0..<columns {
                let bits = Int(base[entry + 17 + c])
                guard bits <= 32 else { return fail() }
                needed += 16 * bits
            }
            guard offset >= tailHeader + 8, offset <= length - needed else { return fail() }
            BitPacking.unpack(base + offset, bitWidth: docBits, into: scratch)
            offset += 16 * docBits
            var d = previous
            for i in 0..<128 {
                d &+= scratch[i]
                docs[i] = d
            }
            pendingFrequencies = offset
            guard docs[127] == lastDoc(ofBlock: b), docs[127] < maxDoc else { return fail() }
            count = 128
            if let p = positionsBase { blockPositions = p + Int(u32(entry + 8)) }
        } else if b == fullBlocks {
            let tailCount = docCount - fullBlocks * 128
            guard tailCount > 0 && tailCount < 128 else { return fail() }
            var offset = Int(u32(tailHeader))
            guard offset >= tailHeader + 8, offset <= length else { return fail() }
            let end = base + length
            var d = previous
            for i in 0..<tailCount {
                guard let delta = VarInt.read(base, end, &offset) else { return fail() }
                d &+= UInt32(truncatingIfNeeded: delta)
                docs[i] = d
                for c in 0..<columns {
                    guard let tf = VarInt.read(base, end, &offset) else { return fail() }
                    tfs[c * 128 + i] = UInt32(truncatingIfNeeded: tf)
                }
            }
            guard docs[tailCount - 1] < maxDoc else { return fail() }
            count = tailCount
            if let p = positionsBase { blockPositions = p + Int(u32(tailHeader + 4)) }
        } else {
            return fail()
        }
        doc = docs[0]
    }

    /// Moves to the next document.
    @inline(__always)
    @discardableResult
    func next() -> UInt32 {
        index += 1
        if index < count {
            doc = docs[index]
            return doc
        }
        if block < fullBlocks { loadBlock(block + 1) } else { fail() }
        return doc
    }

    /// Scans the decoded block from the current document for the first one `reject(doc, frequencies)`
    /// refuses not (column c's tf at `frequencies[c * 128]`) and stops there, returning true; when it
    /// refuses the rest of the block, moves to the next block's first document, unexamined (or ends), and
    /// returns false. One tight loop over the block's arrays, for per-document bounds that reject most.
    @inline(__always)
    func scanBlock(rejecting reject: (UInt32, UnsafePointer<UInt32>) -> Bool) -> Bool {
        guard doc != PostingsCursor.end else { return false }
        if pendingFrequencies >= 0 { decodeFrequencies() }
        let ids = docs
        let n = count
        let frequencies = UnsafePointer(tfs)
        var i = index
        while i < n {
            if !reject(ids[i], frequencies + i) {
                index = i
                doc = ids[i]
                return true
            }
            i &+= 1
        }
        if block < fullBlocks { loadBlock(block + 1) } else { fail() }
        return false
    }

    /// Moves to entry `i` of the decoded block, or to the next block when `i` is past its end.
    @inline(__always)
    private func move(toIndex i: Int) {
        if i < count {
            index = i
            doc = docs[i]
        } else if block < fullBlocks {
            loadBlock(block + 1)
        } else {
            fail()
        }
    }

    /// Moves both cursors to the first document, at or after both current ones, that both hold (or ends
    /// both). Within a pair of decoded blocks it runs a branch-free merge — the leapfrog of two dense lists
    /// otherwise mispredicts a branch per posting; blocks that do not overlap are skipped by `seek`.
    /// - Complexity: O(postings of both in the overlapping blocks) plus the skips.
    static func advanceToCommon(_ a: PostingsCursor, _ b: PostingsCursor) -> UInt32 {
        while true {
            if a.doc == end || b.doc == end {
                a.fail()
                b.fail()
                return end
            }
            if a.doc == b.doc { return a.doc }
            // Not overlapping: skip the one behind.
            if a.docs[a.count &- 1] < b.doc {
                a.seek(b.doc)
                continue
            }
            if b.docs[b.count &- 1] < a.doc {
                b.seek(a.doc)
                continue
            }
            let x = a.docs
            let y = b.docs
            let nx = a.count
            let ny = b.count
            var i = a.index
            var j = b.index
            var found = false
            while i < nx && j < ny {
                let u = x[i]
                let v = y[j]
                if u == v {
                    found = true
                    break
                }
                i &+= u < v ? 1 : 0
                j &+= v < u ? 1 : 0
            }
            a.move(toIndex: i)
            b.move(toIndex: j)
            if found { return a.doc }
        }
    }

    /// Moves all `cursors` (at least one) to the first document, at or after their current ones, that
    /// they all hold, and returns it (`end` when there is none): the first two merge with
    /// `advanceToCommon`, the others are sought to each document those two share.
    static func advanceToCommon(_ cursors: UnsafeBufferPointer<Unmanaged<PostingsCursor>>) -> UInt32 {
        let first = cursors[0]._withUnsafeGuaranteedRef { $0 }
        guard cursors.count > 1 else { return first.doc }
        let second = cursors[1]._withUnsafeGuaranteedRef { $0 }
        search: while true {
            let target = advanceToCommon(first, second)
            if target == end { return end }
            for i in 2..<cursors.count {
                let d = cursors[i]._withUnsafeGuaranteedRef { $0.seek(target) }
                if d != target {
                    first.seek(d)
                    continue search
                }
            }
            return target
        }
    }

    /// Calls `body` with the documents from the current one to the end, a decoded block at a time
    /// (frequencies are never decoded); the cursor ends exhausted.
    func forEachRemainingBlock(_ body: (UnsafeBufferPointer<UInt32>) -> Void) {
        while doc != PostingsCursor.end {
            body(UnsafeBufferPointer(start: docs + index, count: count - index))
            if block < fullBlocks { loadBlock(block + 1) } else { fail() }
        }
    }

    /// Moves to the first document >= `target`.
    /// - Complexity: O(blocks skipped) skip-entry reads plus one block decode.
    @inline(__always)
    @discardableResult
    func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        // Inlined fast path: the target lies in the decoded block.
        let n = count
        if n > 0 && target <= docs[n &- 1] {
            let ids = docs
            var i = index &+ 1
            while ids[i] < target { i &+= 1 }
            index = i
            doc = ids[i]
            return doc
        }
        return seekBeyondBlock(target)
    }

    private func seekBeyondBlock(_ target: UInt32) -> UInt32 {
        if block < fullBlocks && target > lastDoc(ofBlock: block) {
            var b = block + 1
            while b < fullBlocks && lastDoc(ofBlock: b) < target { b += 1 }
            loadBlock(b)
            if doc == PostingsCursor.end { return doc }
        } else if block == fullBlocks && count > 0 && target > docs[count - 1] {
            fail()
            return doc
        }
        // Scan the decoded block in locals (stores through `docs` could otherwise alias `self`'s fields).
        while true {
            let ids = docs
            let n = count
            var i = index
            while i < n && ids[i] < target { i &+= 1 }
            if i < n {
                index = i
                doc = ids[i]
                return doc
            }
            if block < fullBlocks { loadBlock(block + 1) } else { fail() }
            if doc >= target { return doc }
        }
    }

    /// An upper bound of the term's stored score for documents in `[target, lastDoc]`, and that `lastDoc`,
    /// without decoding: the block-max of the block holding `target`.
    func blockBound(from target: UInt32) -> (lastDoc: UInt32, bound: Float) {
        let b = boundBlock(holding: target)
        if b < fullBlocks { return (lastDoc(ofBlock: b), blockMax(b)) }
        return (PostingsCursor.end - 1, maxScore)
    }

    /// The full block holding `target` (`fullBlocks` when past them), found from the decoded block or from
    /// the last block a bound was asked of, whichever is further on and not past `target`: a cursor that
    /// lags behind while others ask for bounds far ahead (a phrase's frequent token, moved only when
    /// the rarest one finds a candidate) walks its skip entries once, not once per bound.
    @inline(__always)
    private func boundBlock(holding target: UInt32) -> Int {
        var b = max(block, 0)
        if lastBoundBlock > b && (lastBoundBlock >= fullBlocks || lastDoc(ofBlock: lastBoundBlock - 1) < target) {
            b = lastBoundBlock
        }
        while b < fullBlocks && lastDoc(ofBlock: b) < target { b += 1 }
        lastBoundBlock = b
        return b
    }

    /// The impacts of the full block holding `target` in column `c` (documents from `target` to the returned
    /// `lastDoc` that hold the term there have a tf ≤ `maxTf`, 255 meaning unbounded, and a norm code ≥
    /// `minNorm`), without decoding; past the full blocks nothing is known (255, 0).
    @inline(__always)
    func blockImpact(from target: UInt32, column c: Int) -> (lastDoc: UInt32, maxTf: UInt8, minNorm: UInt8) {
        let b = boundBlock(holding: target)
        guard b < fullBlocks else { return (PostingsCursor.end - 1, 255, 0) }
        let impact = impacts(ofBlock: b, column: c)
        return (lastDoc(ofBlock: b), impact.maxTf, impact.minNorm)
    }

    /// The skip entry of the full block holding `target` (its impacts at `PostingsEncoder.maxTfOffset` and
    /// `minNormOffset`) and that block's last document; nil
    /// past the full blocks (nothing is known there).
    @inline(__always)
    func blockEntry(from target: UInt32) -> (lastDoc: UInt32, entry: UnsafePointer<UInt8>)? {
        let b = boundBlock(holding: target)
        guard b < fullBlocks else { return nil }
        return (lastDoc(ofBlock: b), base + b * PostingsEncoder.skipEntrySize)
    }

    /// Full blocks (of 128 postings, each with a skip entry).
    var fullBlockCount: Int { fullBlocks }

    /// The impacts of full block `b` (< `fullBlockCount`) in column `c`, as `blockImpact` gives them.
    func impacts(ofBlock b: Int, column c: Int) -> (maxTf: UInt8, minNorm: UInt8) {
        let entry = b * PostingsEncoder.skipEntrySize
        return (base[entry + PostingsEncoder.maxTfOffset + c], base[entry + PostingsEncoder.minNormOffset + c])
    }

    /// The positions of the current document in column `column`, into `out` (cleared first).
    /// Returns false when positions are missing or damaged.
    func positions(column: Int, into out: inout [UInt32]) -> Bool {
        out.removeAll(keepingCapacity: true)
        if pendingFrequencies >= 0 { decodeFrequencies() }
        let count = Int(tfs[column * 128 + index])
        out.reserveCapacity(count)
        var ok = true
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(count, 1)) { buffer in
            if let n = positions(column: column, into: buffer.baseAddress!) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<n]))
            } else {
                ok = false
            }
        }
        return ok
    }

    /// Skips `n` varints from `start`; nil when the data ends first. Eight bytes at a time: the number of
    /// bytes below 0x80 in a word is the number of varints ending in it.
    @inline(__always)
    private static func skipVarints(_ n: Int, from start: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>)
        -> UnsafePointer<UInt8>?
    {
        VarInt.skip(n, in: start, limit, from: 0).map { start + $0 }
    }

    /// One position varint at `q` (advanced past it), nil when it runs past `limit` or over 5 bytes.
    @inline(__always)
    private static func readPosition(_ q: inout UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard q < limit, shift < 35 else { return nil }
            let byte = q.pointee
            q += 1
            value |= UInt32(byte & 0x7F) &<< shift
            if byte < 0x80 { return value }
            shift &+= 7
        }
    }

    /// The positions of the current document in column `column`, written to `out` (room for `tf(column)`
    /// values). Returns how many, or nil when positions are missing or damaged.
    func positions(column: Int, into out: UnsafeMutablePointer<UInt32>) -> Int? {
        guard var q = positionsStart(column: column), let limit = positionsLimit else { return nil }
        var last: UInt32 = 0
        let count = Int(tfs[column &* 128 &+ index])
        var k = 0
        while k < count {
            guard let value = PostingsCursor.readPosition(&q, limit) else { return nil }
            last = k == 0 ? value : last &+ value
            out[k] = last
            k &+= 1
        }
        return count
    }

    /// Keeps, in place, the phrase starts `starts[0..<count]` (ascending) for which `start + offset` is a
    /// position of the current document in column `column`; returns how many are kept, or nil when
    /// positions are missing or damaged. The positions are decoded one at a time against the starts and
    /// no further than the last start needs (a frequent word's long list is seldom read to its end).
    /// - Complexity: O(positions up to the last start + `offset`) + O(`count`).
    func keepPhraseStarts(_ starts: UnsafeMutablePointer<UInt32>, count: Int, offset: UInt32, column: Int) -> Int? {
        guard var q = positionsStart(column: column), let limit = positionsLimit else { return nil }
        let n = Int(tfs[column &* 128 &+ index])
        var position: UInt32 = 0
        var kept = 0
        var a = 0
        var want = starts[0] &+ offset
        var k = 0
        while k < n {
            guard let value = PostingsCursor.readPosition(&q, limit) else { return nil }
            position = k == 0 ? value : position &+ value
            k &+= 1
            while want < position {
                a &+= 1
                if a == count { return kept }
                want = starts[a] &+ offset
            }
            if want == position {
                starts[kept] = starts[a]
                kept &+= 1
                a &+= 1
                if a == count { return kept }
                want = starts[a] &+ offset
            }
        }
        return kept
    }

    /// The first byte of the current document's positions in column `column` (frequencies decoded), found
    /// by skipping the varints of the block's earlier documents from the last document read; nil when
    /// positions are missing or damaged.
    @inline(__always)
    private func positionsStart(column: Int) -> UnsafePointer<UInt8>? {
        if pendingFrequencies >= 0 { decodeFrequencies() }
        guard columns > 0, let limit = positionsLimit, let blockStart = blockPositions else { return nil }
        let frequencies = tfs
        let columns = self.columns
        let index = self.index
        // Resume from the last document read in this block, else from the block's start.
        var p = blockStart
        var at = 0
        if let q = positionByte, positionDoc <= index {
            p = q
            at = positionDoc
        }
        // Skip the documents of this block before the current one.
        if at < index {
            var skip = 0
            if columns == 3 {
                // The item text: three columns, summed without an inner loop.
                while at < index {
                    skip &+= Int(frequencies[at]) &+ Int(frequencies[128 &+ at]) &+ Int(frequencies[256 &+ at])
                    at &+= 1
                }
            } else {
                while at < index {
                    var c = 0
                    while c < columns {
                        skip &+= Int(frequencies[c &* 128 &+ at])
                        c &+= 1
                    }
                    at &+= 1
                }
            }
            guard let q = PostingsCursor.skipVarints(skip, from: p, limit: limit) else { return nil }
            p = q
        }
        positionDoc = index
        positionByte = p
        // Skip the earlier columns of this document.
        var before = 0
        for c in 0..<column { before &+= Int(frequencies[c &* 128 &+ index]) }
        return PostingsCursor.skipVarints(before, from: p, limit: limit)
    }
}
