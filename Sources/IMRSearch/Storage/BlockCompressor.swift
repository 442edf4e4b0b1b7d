// BlockCompressor: the compressing side of `BlockCompression`, with its tables kept from block to block.
// Matches are found through hash chains over 5-byte prefixes in a window of the dictionary followed by
// the block; the dictionary's chains are computed once and copied in for each block, so a block costs
// no allocation and no re-hashing of the dictionary.
//
// - Complexity: O(n · maxProbes) per block of n bytes, O(1) memory beyond the fixed tables (window,
//   head and chain tables, output scratch), which grow only with the largest block seen.

public final class BlockCompressor {
    private static let headCount = 1 << BlockCompression.hashBits
    private static let chainCount = 1 << 16

    private let dictionaryCount: Int
    /// The dictionary's head and chain tables (positions in the window), copied in before each block.
    private let dictionaryHead: UnsafeMutablePointer<Int32>
    private let dictionaryChain: UnsafeMutablePointer<Int32>
    private let head: UnsafeMutablePointer<Int32>
    private let chain: UnsafeMutablePointer<Int32>
    /// The dictionary, then the block being compressed, then 8 zero bytes.
    private var window: UnsafeMutablePointer<UInt8>
    private var windowCapacity: Int
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// A compressor whose blocks may refer back into `dictionary` (at most
    /// `BlockCompression.maxDictionaryBytes`; longer is cut to its last bytes).
    public init(dictionary: [UInt8]) {
        let bytes = dictionary.suffix(BlockCompression.maxDictionaryBytes)
        dictionaryCount = bytes.count
        windowCapacity = dictionaryCount + 64 * 1024 + 8
        let window = UnsafeMutablePointer<UInt8>.allocate(capacity: windowCapacity)
        window.initialize(repeating: 0, count: windowCapacity)
        for (k, b) in bytes.enumerated() { window[k] = b }
        self.window = window
        scratchCapacity = 64 * 1024
        scratch = .allocate(capacity: scratchCapacity)
        head = .allocate(capacity: Self.headCount)
        chain = .allocate(capacity: Self.chainCount)
        dictionaryHead = .allocate(capacity: Self.headCount)
        dictionaryChain = .allocate(capacity: max(dictionaryCount, 1))
        dictionaryHead.initialize(repeating: -1, count: Self.headCount)
        chain.initialize(repeating: -1, count: Self.chainCount)
        // Positions whose 8-byte load stays inside the dictionary enter its chains.
        var p = 0
        while p + 8 <= dictionaryCount {
            let h = BlockCompressor.hash(UnsafeRawPointer(window + p).loadUnaligned(as: UInt64.self))
            dictionaryChain[p] = dictionaryHead[h]
            dictionaryHead[h] = Int32(p)
            p += 1
        }
        while p < dictionaryCount {
            dictionaryChain[p] = -1
            p += 1
        }
    }

    deinit {
        window.deallocate()
        scratch.deallocate()
        head.deallocate()
        chain.deallocate()
        dictionaryHead.deallocate()
        dictionaryChain.deallocate()
    }

    @inline(__always)
    static func hash(_ v: UInt64) -> Int {
        Int(truncatingIfNeeded: ((v << 24) &* 0xCF1B_BCDC_B7A5_6463) >> UInt64(64 - BlockCompression.hashBits))
    }

    /// Appends the compressed form of `input` to `output`.
    public func compress(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let n = input.count
        guard let source = input.baseAddress, n > 0 else {
            output.append(0)
            return
        }
        let d = dictionaryCount
        if d + n + 8 > windowCapacity {
            let capacity = d + n + 8
            window = window.grown(keeping: d, to: capacity)
            windowCapacity = capacity
        }
        (window + d).update(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        (window + d + n).update(repeating: 0, count: 8)
        let bound = n + n / 255 + 16
        if bound > scratchCapacity {
            scratch = scratch.grown(keeping: 0, to: bound)
            scratchCapacity = bound
        }
        head.update(from: dictionaryHead, count: Self.headCount)
        if d > 0 { chain.update(from: dictionaryChain, count: d) }
        let written = compressWindow(total: d + n)
        output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: written))
    }

    /// Compresses `window[dictionaryCount ..< total]` into `scratch`; returns the bytes written.
    private func compressWindow(total: Int) -> Int {
        let base = UnsafeRawPointer(window)
        let head = head
        let chain = chain
        let out = scratch
        var o = 0
        var anchor = dictionaryCount
        var i = dictionaryCount
        // Positions are hashed on their next 5 bytes (8 are loaded): the last 8 bytes stay literals.
        let limit = total - 8
        @inline(__always) func putLength(_ length: Int) {
            var rest = length
            while rest >= 255 {
                out[o] = 255
                o += 1
                rest -= 255
            }
            out[o] = UInt8(rest)
            o += 1
        }
        @inline(__always) func emit(literalsEnd: Int, matchLength: Int, offset: Int) {
            let literals = literalsEnd - anchor
            let matchNibble = matchLength == 0 ? 0 : min(matchLength - BlockCompression.minMatch, 15)
            out[o] = UInt8(min(literals, 15) << 4 | matchNibble)
            o += 1
            if literals >= 15 { putLength(literals - 15) }
            (out + o).update(from: window + anchor, count: literals)
            o += literals
            if matchLength > 0 {
                out[o] = UInt8(truncatingIfNeeded: offset)
                out[o + 1] = UInt8(truncatingIfNeeded: offset >> 8)
                o += 2
                if matchLength - BlockCompression.minMatch >= 15 {
                    putLength(matchLength - BlockCompression.minMatch - 15)
                }
            }
        }
        @inline(__always) func insert(_ p: Int) {
            let h = BlockCompressor.hash(base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
            chain[p & 0xFFFF] = head[h]
            head[h] = Int32(p)
        }
        @inline(__always) func matchLength(_ a: Int, _ b: Int) -> Int {
            // The window ends with 8 zero bytes, so whole-word loads up to `total` stay inside it.
            var length = 0
            while a + length < total {
                let x = base.loadUnaligned(fromByteOffset: a + length, as: UInt64.self)
                let y = base.loadUnaligned(fromByteOffset: b + length, as: UInt64.self)
                if x != y { return min(length + (x ^ y).trailingZeroBitCount / 8, total - a) }
                length += 8
            }
            return total - a
        }
        var inserted = dictionaryCount
        while i <= limit {
            while inserted < i {
                insert(inserted)
                inserted += 1
            }
            let h = BlockCompressor.hash(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            var candidate = Int(head[h])
            var bestLength = 0
            var bestOffset = 0
            var probes = 0
            while candidate >= 0 && i - candidate <= 65535 && probes < BlockCompression.maxProbes {
                // A candidate can only win if it also matches at the best length so far.
                if base.load(fromByteOffset: candidate + bestLength, as: UInt8.self)
                    == base.load(fromByteOffset: i + bestLength, as: UInt8.self)
                {
                    let length = matchLength(i, candidate)
                    if length > bestLength {
                        bestLength = length
                        bestOffset = i - candidate
                        if length >= BlockCompression.goodEnoughLength { break }
                    }
                }
                let next = Int(chain[candidate & 0xFFFF])
                if next >= candidate { break }
                candidate = next
                probes += 1
            }
            if bestLength >= BlockCompression.minMatch {
                emit(literalsEnd: i, matchLength: bestLength, offset: bestOffset)
                if bestLength > 2 * BlockCompression.sparseInsertTail {
                    // Inside a long match only its first and last positions enter the chains.
                    while inserted < i + BlockCompression.sparseInsertTail {
                        insert(inserted)
                        inserted += 1
                    }
                    inserted = i + bestLength - BlockCompression.sparseInsertTail
                }
                i += bestLength
                anchor = i
            } else {
                i += 1
            }
        }
        emit(literalsEnd: total, matchLength: 0, offset: 0)
        return o
    }
}
