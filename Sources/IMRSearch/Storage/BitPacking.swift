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

    /// Appends the 128 `values` packed at `bitWidth` bits (exactly 16·bitWidth bytes; see `pack(_:bitWidth:to:)`
    /// with a pointer).
    public static func pack(
        _ values: UnsafeBufferPointer<UInt32>, bitWidth w: Int, to bytes: inout [UInt8]
    ) {
        precondition(values.count == blockSize && (0...32).contains(w))
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: packedByteCount(bitWidth: w)))
        bytes.withUnsafeMutableBytes { pack(values.baseAddress!, bitWidth: w, to: $0.baseAddress! + start) }
    }

    /// Writes the 128 values at `values` packed at `bitWidth` bits (0...32) to `out`, all of its 16·bitWidth
    /// bytes: value i belongs to lane i mod 4 at place i / 4; each lane packs its 32 values low bits first
    /// into `bitWidth` 32-bit words, and word k of lane l lies at byte 16·k + 4·l (little-endian). Four
    /// values then unpack together with 128-bit vector shifts. Bits of a value above the width are dropped.
    /// - Complexity: 128 steps, no allocation.
    @inlinable
    public static func pack(_ values: UnsafePointer<UInt32>, bitWidth w: Int, to out: UnsafeMutableRawPointer) {
        guard w > 0 else { return }
        let mask: UInt64 = w == 32 ? 0xFFFF_FFFF : (1 << UInt64(w)) &- 1
        for lane in 0..<4 {
            // The lane's bits not yet stored (fewer than 32 between values), low bits first.
            var pending: UInt64 = 0
            var pendingBits = 0
            var word = 0
            for place in 0..<32 {
                pending |= (UInt64(values[place &* 4 &+ lane]) & mask) &<< UInt64(pendingBits)
                pendingBits &+= w
                if pendingBits >= 32 {
                    out.storeBytes(
                        of: UInt32(truncatingIfNeeded: pending).littleEndian, toByteOffset: 16 &* word &+ 4 &* lane,
                        as: UInt32.self)
                    pending &>>= 32
                    pendingBits &-= 32
                    word &+= 1
                }
            }
            // 32 values of w bits fill exactly w words: nothing is left pending.
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
