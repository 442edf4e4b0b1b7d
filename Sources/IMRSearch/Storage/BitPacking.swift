// BitPacking: blocks of 128 unsigned integers stored with a fixed bit width w (0...32) in exactly 16·w
// bytes, low bits first (value i occupies bits [i·w, i·w + w) of the little-endian bit stream). The
// postings blocks' doc deltas and term frequencies use it. Unpacking reads 64-bit words, no allocation.

public enum BitPacking {
    public static let blockSize = 128

    @inlinable
    public static func bitWidth(ofMax value: UInt32) -> Int {
        value == 0 ? 0 : 32 - value.leadingZeroBitCount
    }

    @inlinable
    public static func maxBitWidth(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var or: UInt32 = 0
        for v in values { or |= v }
        return bitWidth(ofMax: or)
    }

    @inlinable
    public static func packedByteCount(bitWidth: Int) -> Int { 16 * bitWidth }

    /// Appends the 128 `values` packed at `bitWidth` bits (exactly 16·bitWidth bytes).
    public static func pack(
        _ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, to bytes: inout [UInt8]
    ) {
        precondition(values.count == blockSize && (0...32).contains(bitWidth))
        guard bitWidth > 0 else { return }
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        var accumulator: UInt64 = 0
        var filled: UInt64 = 0
        for v in values {
            accumulator |= (UInt64(v) & mask) << filled
            filled += UInt64(bitWidth)
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                filled -= 8
            }
        }
        // 128 · w bits is a whole number of bytes, so nothing is left over.
    }

    /// Unpacks 128 values of `bitWidth` bits from `source` (16·bitWidth readable bytes) into `out`.
    @inlinable
    public static func unpack(
        _ source: UnsafePointer<UInt8>, bitWidth: Int, into out: UnsafeMutablePointer<UInt32>
    ) {
        if bitWidth == 0 {
            out.update(repeating: 0, count: blockSize)
            return
        }
        let raw = UnsafeRawPointer(source)
        let byteCount = 16 * bitWidth
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        var bit = 0
        for i in 0..<blockSize {
            let byte = bit >> 3
            let shift = UInt64(bit & 7)
            let word: UInt64
            if byte + 8 <= byteCount {
                word = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self).littleEndian
            } else {
                var w: UInt64 = 0
                var k = 0
                while byte + k < byteCount {
                    w |= UInt64(source[byte + k]) << UInt64(8 * k)
                    k += 1
                }
                word = w
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> shift) & mask)
            bit += bitWidth
        }
    }
}
