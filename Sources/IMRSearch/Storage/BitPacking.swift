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
    /// - Complexity: O(128); the width is dispatched once, so each loop runs with a constant width.
    @inlinable
    public static func unpack(_ source: UnsafePointer<UInt8>, bitWidth: Int, into out: UnsafeMutablePointer<UInt32>) {
        switch bitWidth {
        case 0: out.update(repeating: 0, count: blockSize)
        case 1: unpackFixed(source, 1, out)
        case 2: unpackFixed(source, 2, out)
        case 3: unpackFixed(source, 3, out)
        case 4: unpackFixed(source, 4, out)
        case 5: unpackFixed(source, 5, out)
        case 6: unpackFixed(source, 6, out)
        case 7: unpackFixed(source, 7, out)
        case 8: unpackFixed(source, 8, out)
        case 9: unpackFixed(source, 9, out)
        case 10: unpackFixed(source, 10, out)
        case 11: unpackFixed(source, 11, out)
        case 12: unpackFixed(source, 12, out)
        case 13: unpackFixed(source, 13, out)
        case 14: unpackFixed(source, 14, out)
        case 15: unpackFixed(source, 15, out)
        case 16: unpackFixed(source, 16, out)
        case 17: unpackFixed(source, 17, out)
        case 18: unpackFixed(source, 18, out)
        case 19: unpackFixed(source, 19, out)
        case 20: unpackFixed(source, 20, out)
        default: unpackFixed(source, bitWidth, out)
        }
    }

    /// Like `unpack`, but reads up to 8 bytes past the 16·bitWidth packed bytes (the caller guarantees
    /// they are readable): one unaligned 64-bit load, a shift and a mask per value, no branch.
    @inlinable
    public static func unpackWithSlack(
        _ source: UnsafePointer<UInt8>, bitWidth: Int, into out: UnsafeMutablePointer<UInt32>
    ) {
        switch bitWidth {
        case 0: out.update(repeating: 0, count: blockSize)
        case 1: unpackSlack(source, 1, out)
        case 2: unpackSlack(source, 2, out)
        case 3: unpackSlack(source, 3, out)
        case 4: unpackSlack(source, 4, out)
        case 5: unpackSlack(source, 5, out)
        case 6: unpackSlack(source, 6, out)
        case 7: unpackSlack(source, 7, out)
        case 8: unpackSlack(source, 8, out)
        case 9: unpackSlack(source, 9, out)
        case 10: unpackSlack(source, 10, out)
        case 11: unpackSlack(source, 11, out)
        case 12: unpackSlack(source, 12, out)
        case 13: unpackSlack(source, 13, out)
        case 14: unpackSlack(source, 14, out)
        case 15: unpackSlack(source, 15, out)
        case 16: unpackSlack(source, 16, out)
        case 17...32: unpackSlack(source, bitWidth, out)
        default: out.update(repeating: 0, count: blockSize)
        }
    }

    @inlinable @inline(__always)
    static func unpackSlack(_ source: UnsafePointer<UInt8>, _ w: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let raw = UnsafeRawPointer(source)
        let mask: UInt64 = w == 32 ? 0xFFFF_FFFF : (1 << UInt64(w)) &- 1
        var bit = 0
        for i in 0..<blockSize {
            let v = raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self).littleEndian >> UInt64(bit & 7)
            out[i] = UInt32(truncatingIfNeeded: v & mask)
            bit &+= w
        }
    }

    /// 128 values of `w` bits from 2·w little-endian 64-bit words; value i spans bits [i·w, i·w + w).
    @inlinable @inline(__always)
    static func unpackFixed(_ source: UnsafePointer<UInt8>, _ w: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let raw = UnsafeRawPointer(source)
        let mask: UInt64 = w == 32 ? 0xFFFF_FFFF : (1 << UInt64(w)) &- 1
        let words = 2 * w
        var bit = 0
        for i in 0..<blockSize {
            let k = bit >> 6
            let shift = UInt64(bit & 63)
            var v = raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self).littleEndian >> shift
            if shift + UInt64(w) > 64 && k + 1 < words {
                v |= raw.loadUnaligned(fromByteOffset: (k + 1) * 8, as: UInt64.self).littleEndian << (64 - shift)
            }
            out[i] = UInt32(truncatingIfNeeded: v & mask)
            bit += w
        }
    }
}
