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

struct DecodedTerm {
    /// Global document ids, ascending.
    var docs: [UInt32] = []
    /// `tfs[i * columns + c]`.
    var tfs: [UInt32] = []
    /// Per document: the position bytes (start pointer, length) inside a run mapping.
    var positionStarts: [UnsafeRawPointer?] = []
    var positionLengths: [UInt32] = []
    /// Per document score used for block maxima (empty for keyword fields).
    var scores: [Float] = []

    /// Adds `count` zeroed documents (and their frequencies and position ranges, for a field with
    /// `columns` frequency columns), to be filled in place.
    mutating func grow(by count: Int, columns: Int) {
        docs.append(contentsOf: repeatElement(0, count: count))
        if columns > 0 {
            tfs.append(contentsOf: repeatElement(0, count: count * columns))
            positionStarts.append(contentsOf: repeatElement(nil, count: count))
            positionLengths.append(contentsOf: repeatElement(0, count: count))
        }
    }

    mutating func reset() {
        docs.removeAll(keepingCapacity: true)
        tfs.removeAll(keepingCapacity: true)
        positionStarts.removeAll(keepingCapacity: true)
        positionLengths.removeAll(keepingCapacity: true)
        scores.removeAll(keepingCapacity: true)
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
    static func encode(
        _ term: DecodedTerm, columns: Int, norms: Norms = Norms(base: nil, stride: 0), postings: inout [UInt8],
        positions: inout [UInt8]
    ) -> Float {
        let n = term.docs.count
        let blockSize = IndexFormat.blockSize
        let fullBlocks = n / blockSize
        let start = postings.count
        let headerSize = fullBlocks * skipEntrySize + 8
        postings.append(contentsOf: repeatElement(0, count: headerSize))
        var maxScore: Float = 0
        var values = [UInt32](repeating: 0, count: blockSize)
        var previous: UInt32 = 0
        func put32(_ v: UInt32, at offset: Int) {
            postings[offset] = UInt8(truncatingIfNeeded: v)
            postings[offset + 1] = UInt8(truncatingIfNeeded: v >> 8)
            postings[offset + 2] = UInt8(truncatingIfNeeded: v >> 16)
            postings[offset + 3] = UInt8(truncatingIfNeeded: v >> 24)
        }
        let positionsStart = positions.count
        func appendPositions(_ range: Range<Int>) {
            guard columns > 0 else { return }
            // Grow once, then copy each document's few bytes without a call per document.
            var total = 0
            for i in range { total += Int(term.positionLengths[i]) }
            var o = positions.count
            positions.append(contentsOf: repeatElement(0, count: total))
            positions.withUnsafeMutableBufferPointer { out in
                for i in range {
                    guard let p = term.positionStarts[i] else { continue }
                    let length = Int(term.positionLengths[i])
                    let source = p.assumingMemoryBound(to: UInt8.self)
                    if length <= 16 {
                        for k in 0..<length { out[o + k] = source[k] }
                    } else {
                        UnsafeMutableRawPointer(out.baseAddress! + o).copyMemory(from: source, byteCount: length)
                    }
                    o += length
                }
            }
        }
        for blockIndex in 0..<fullBlocks {
            let base = blockIndex * blockSize
            let entry = start + blockIndex * skipEntrySize
            put32(term.docs[base + blockSize - 1], at: entry)
            put32(UInt32(postings.count - start), at: entry + 4)
            put32(UInt32(positions.count - positionsStart), at: entry + 8)
            var blockMax: Float = 0
            if !term.scores.isEmpty {
                for i in base..<(base + blockSize) { blockMax = max(blockMax, term.scores[i]) }
            }
            maxScore = max(maxScore, blockMax)
            put32(blockMax.bitPattern, at: entry + 12)
            for i in 0..<blockSize {
                values[i] = term.docs[base + i] &- previous
                previous = term.docs[base + i]
            }
            let docBits = values.withUnsafeBufferPointer { BitPacking.maxBitWidth($0) }
            postings[entry + 16] = UInt8(docBits)
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: docBits, to: &postings) }
            for c in 0..<columns {
                var maxTf: UInt32 = 0
                var minNorm: UInt8 = 255
                for i in 0..<blockSize {
                    let tf = term.tfs[(base + i) * columns + c]
                    values[i] = tf
                    if tf > 0 {
                        maxTf = max(maxTf, tf)
                        if let n = norms.base { minNorm = min(minNorm, n[Int(term.docs[base + i]) * norms.stride + c]) }
                    }
                }
                let bits = values.withUnsafeBufferPointer { BitPacking.maxBitWidth($0) }
                postings[entry + 17 + c] = UInt8(bits)
                // Impacts: the largest tf (255 = 255 or more) and the smallest norm code among the block's
                // documents holding the term in this column (0 and 255 when none does).
                postings[entry + maxTfOffset + c] = UInt8(min(maxTf, 255))
                postings[entry + minNormOffset + c] = norms.base == nil ? 0 : minNorm
                values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: bits, to: &postings) }
            }
            appendPositions(base..<(base + blockSize))
        }
        put32(UInt32(postings.count - start), at: start + fullBlocks * skipEntrySize)
        put32(UInt32(positions.count - positionsStart), at: start + fullBlocks * skipEntrySize + 4)
        let tailStart = fullBlocks * blockSize
        for i in tailStart..<n {
            VarInt.append(term.docs[i] &- previous, to: &postings)
            previous = term.docs[i]
            for c in 0..<columns { VarInt.append(term.tfs[i * columns + c], to: &postings) }
            if !term.scores.isEmpty { maxScore = max(maxScore, term.scores[i]) }
        }
        appendPositions(tailStart..<n)
        return maxScore
    }
}
