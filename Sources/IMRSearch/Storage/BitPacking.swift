// BitPacking: blocks of 128 unsigned integers stored with a fixed bit width w (0...32) in exactly 16·w
// bytes, as four interleaved lanes (the layout of Lemire & Boytsov's SIMD-BP128): value i belongs to lane
// i mod 4, each lane packs its 32 values low bits first into w 32-bit words, and word k of lane l lies at
// byte 16·k + 4·l. Unpacking then moves four values per 128-bit vector shift, with no read past the block.
// The postings blocks' doc deltas and term frequencies use it; no allocation when unpacking.

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

    /// Appends the 128 `values` packed at `bitWidth` bits in four interleaved lanes (exactly 16·bitWidth
    /// bytes): value i belongs to lane i mod 4 at place i / 4; each lane packs its 32 values low bits first
    /// into `bitWidth` 32-bit words, and word k of lane l lies at byte 16·k + 4·l (little-endian). Four
    /// values then unpack together with 128-bit vector shifts.
    public static func pack(
        _ values: UnsafeBufferPointer<UInt32>, bitWidth w: Int, to bytes: inout [UInt8]
    ) {
        precondition(values.count == blockSize && (0...32).contains(w))
        guard w > 0 else { return }
        var words = [UInt32](repeating: 0, count: 4 * w)  // lane-major: words[l * w + k]
        let mask: UInt64 = w == 32 ? 0xFFFF_FFFF : (1 << UInt64(w)) - 1
        for i in 0..<blockSize {
            let lane = i & 3
            let bit = (i >> 2) * w
            let v = UInt64(values[i]) & mask
            let k = bit >> 5
            let s = bit & 31
            words[lane * w + k] |= UInt32(truncatingIfNeeded: v << UInt64(s))
            if s + w > 32 { words[lane * w + k + 1] |= UInt32(truncatingIfNeeded: v >> UInt64(32 - s)) }
        }
        for k in 0..<w {
            for lane in 0..<4 {
                let word = words[lane * w + k]
                for b in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(8 * b))) }
            }
        }
    }

    /// Unpacks 128 values of `bitWidth` bits packed by `pack` from `source` (16·bitWidth readable
    /// bytes, nothing beyond) into `out`.
    /// - Complexity: 32 vector steps; the width is dispatched once, so each loop runs with a constant width.
    @inlinable
    public static func unpack(
        _ source: UnsafePointer<UInt8>, bitWidth: Int, into out: UnsafeMutablePointer<UInt32>
    ) {
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
        case 17...32: unpackFixed(source, bitWidth, out)
        default: out.update(repeating: 0, count: blockSize)
        }
    }

    @inlinable @inline(__always)
    static func unpackFixed(_ source: UnsafePointer<UInt8>, _ w: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let raw = UnsafeRawPointer(source)
        let target = UnsafeMutableRawPointer(out)
        let mask = SIMD4<UInt32>(repeating: w == 32 ? 0xFFFF_FFFF : (1 << UInt32(w)) &- 1)
        var bit = 0
        for p in 0..<32 {
            let k = bit >> 5
            let s = bit & 31
            var v = raw.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD4<UInt32>.self) &>> UInt32(s)
            if s &+ w > 32 {
                v |= raw.loadUnaligned(fromByteOffset: 16 &* (k &+ 1), as: SIMD4<UInt32>.self) &<< UInt32(32 &- s)
            }
            target.storeBytes(of: v & mask, toByteOffset: 16 &* p, as: SIMD4<UInt32>.self)
            bit &+= w
        }
    }
}

#if _endian(big)
    #error("BitPacking's lane layout is read with little-endian vector loads")
#endif
