// PostingsEncoder: writes one term's final postings and positions (format in docs/FORMAT.md, "Postings").
//
//   postings := skip[fullBlocks] u32 tailOffset u32 tailPositionsOffset block[fullBlocks] tail
//   skip     := u32 lastDoc | u32 blockOffset | u32 positionsOffset | f32 blockMaxScore | u8 docBits | u8 tfBits[3]
//               | u8 maxTf[3] | u8 minNorm[3]     (the block's impacts per column, see docs/FORMAT.md)
//   block    := packed(128 doc deltas, docBits) packed(128 tf, tfBits[c]) for each frequency column c
//   tail     := (varint docDelta varint tf[c]...)*
//   positions of a block (full or tail): the per-document position varints, documents in order,
//   columns in order, first position absolute then deltas.
// Doc deltas are against the previous document (the first document of the term against 0).

/// One term's postings gathered from every run, in raw buffers that are reused from term to term (the
/// merge touches every posting of the index once here: no per-value append, no per-term allocation).
final class DecodedTerm {
    /// Documents held.
    private(set) var count = 0
    private var capacity = 0
    /// Global document ids, ascending.
    private(set) var docs = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    /// `tfs[i * columns + c]` (room for 3 columns per document).
    private(set) var tfs = UnsafeMutablePointer<UInt32>.allocate(capacity: 3)
    /// Per document: the position bytes (start pointer, length) inside a run mapping.
    private(set) var positionStarts = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: 1)
    private(set) var positionLengths = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    /// Per document score used for block maxima, when `hasScores` (text fields; set by `computeScores`).
    private(set) var scores = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var hasScores = false

    deinit {
        docs.deallocate()
        tfs.deallocate()
        positionStarts.deallocate()
        positionLengths.deallocate()
        scores.deallocate()
    }

    /// Adds `extra` documents, to be filled in place (ids, and for a field with frequency columns their
    /// frequencies and position ranges); returns the index of the first.
    func grow(by extra: Int) -> Int {
        let first = count
        if count + extra > capacity {
            let grown = max(count + extra, 2 * capacity, 1024)
            docs = docs.grown(keeping: count, to: grown)
            tfs = tfs.grown(keeping: 3 * count, to: 3 * grown)
            positionStarts = positionStarts.grown(keeping: count, to: grown)
            positionLengths = positionLengths.grown(keeping: count, to: grown)
            scores.deallocate()
            scores = .allocate(capacity: grown)
            hasScores = false
            capacity = grown
        }
        count += extra
        return first
    }

    func reset() {
        count = 0
        hasScores = false
    }
}

enum PostingsEncoder {
    static let skipEntrySize = 26
    /// Where a skip entry holds its block's impacts: the largest tf of column c at `maxTfOffset + c`, the
    /// smallest norm code at `minNormOffset + c`.
    static let maxTfOffset = 20
    static let minNormOffset = 23

    /// The norms of the field's documents for the block impacts: `base[doc * stride + c]` is the norm code
    /// of column c (nil for keyword fields).
    struct Norms {
        var base: UnsafePointer<UInt8>?
        var stride: Int
    }

    /// Appends the term's postings to `postings` and positions to `positions`; returns the term's max score.
    /// - Complexity: O(documents + position bytes); each output buffer grows at most once per term.
    static func encode(
        _ term: DecodedTerm, columns: Int, norms: Norms = Norms(base: nil, stride: 0), postings: RawByteBuffer,
        positions: RawByteBuffer
    ) -> Float {
        let n = term.count
        let blockSize = IndexFormat.blockSize
        let fullBlocks = n / blockSize
        let tailStart = fullBlocks * blockSize
        let headerSize = fullBlocks * skipEntrySize + 8
        // At most: full blocks packed at 32 bits, tail values as 5-byte varints.
        let bound =
            headerSize + fullBlocks * (1 + columns) * BitPacking.packedByteCount(bitWidth: 32)
            + (n - tailStart) * (1 + columns) * 5
        let out = postings.reserveTail(bound)
        let outBytes = out.bindMemory(to: UInt8.self, capacity: bound)
        outBytes.update(repeating: 0, count: headerSize)
        let docs = term.docs
        let tfs = term.tfs
        let scores: UnsafeMutablePointer<Float>? = term.hasScores ? term.scores : nil
        // The positions are the runs' bytes, document after document: one copy into room made once.
        var positionBytes = 0
        if columns > 0 { for i in 0..<n { positionBytes &+= Int(term.positionLengths[i]) } }
        let positionsOut = positions.reserveTail(positionBytes)
        var o = headerSize
        var p = 0
        func copyPositions(_ range: Range<Int>) {
            guard columns > 0 else { return }
            for i in range {
                guard let source = term.positionStarts[i] else { continue }
                let length = Int(term.positionLengths[i])
                let target = positionsOut + p
                if length <= 16 {
                    for k in 0..<length {
                        target.storeBytes(
                            of: source.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self)
                    }
                } else {
                    target.copyMemory(from: source, byteCount: length)
                }
                p &+= length
            }
        }
        @inline(__always) func put32(_ v: UInt32, at offset: Int) {
            out.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
        }
        var maxScore: Float = 0
        var previous: UInt32 = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: blockSize) { buffer in
            let values = buffer.baseAddress!
            for blockIndex in 0..<fullBlocks {
                let base = blockIndex * blockSize
                let entry = blockIndex * skipEntrySize
                put32(docs[base + blockSize - 1], at: entry)
                put32(UInt32(o), at: entry + 4)
                put32(UInt32(p), at: entry + 8)
                var blockMax: Float = 0
                if let scores { for i in base..<(base + blockSize) { blockMax = max(blockMax, scores[i]) } }
                maxScore = max(maxScore, blockMax)
                put32(blockMax.bitPattern, at: entry + 12)
                var any: UInt32 = 0
                for i in 0..<blockSize {
                    let doc = docs[base + i]
                    values[i] = doc &- previous
                    any |= values[i]
                    previous = doc
                }
                let docBits = BitPacking.bitWidth(ofMax: any)
                out.storeBytes(of: UInt8(docBits), toByteOffset: entry + 16, as: UInt8.self)
                BitPacking.pack(values, bitWidth: docBits, to: out + o)
                o += BitPacking.packedByteCount(bitWidth: docBits)
                for c in 0..<columns {
                    var maxTf: UInt32 = 0
                    var minNorm: UInt8 = 255
                    var any: UInt32 = 0
                    for i in 0..<blockSize {
                        let tf = tfs[(base + i) * columns + c]
                        values[i] = tf
                        any |= tf
                        if tf > 0 {
                            maxTf = max(maxTf, tf)
                            if let n = norms.base { minNorm = min(minNorm, n[Int(docs[base + i]) * norms.stride + c]) }
                        }
                    }
                    let bits = BitPacking.bitWidth(ofMax: any)
                    out.storeBytes(of: UInt8(bits), toByteOffset: entry + 17 + c, as: UInt8.self)
                    // Impacts: the largest tf (255 = 255 or more) and the smallest norm code among the block's
                    // documents holding the term in this column (0 and 255 when none does).
                    out.storeBytes(of: UInt8(min(maxTf, 255)), toByteOffset: entry + maxTfOffset + c, as: UInt8.self)
                    out.storeBytes(
                        of: norms.base == nil ? 0 : minNorm, toByteOffset: entry + minNormOffset + c, as: UInt8.self)
                    BitPacking.pack(values, bitWidth: bits, to: out + o)
                    o += BitPacking.packedByteCount(bitWidth: bits)
                }
                copyPositions(base..<(base + blockSize))
            }
        }
        put32(UInt32(o), at: fullBlocks * skipEntrySize)
        put32(UInt32(p), at: fullBlocks * skipEntrySize + 4)
        let tail = outBytes
        for i in tailStart..<n {
            o += VarInt.write(docs[i] &- previous, to: tail + o)
            previous = docs[i]
            for c in 0..<columns { o += VarInt.write(tfs[i * columns + c], to: tail + o) }
            if let scores { maxScore = max(maxScore, scores[i]) }
        }
        copyPositions(tailStart..<n)
        postings.advance(by: o)
        positions.advance(by: p)
        return maxScore
    }
}
