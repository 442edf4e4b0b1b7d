// VarInt: unsigned LEB128 integers (7 bits a byte, low bits first, high bit = more bytes follow),
// the variable-length code of run files, postings tails, positions and dictionary lengths.

public enum VarInt {
    /// Appends `value` (any unsigned width) as a varint.
    @inlinable
    public static func append<T: UnsignedInteger & FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Writes `value` as a varint at `out` (room for 10 bytes needed); returns the bytes written.
    @inlinable
    @inline(__always)
    public static func write<T: UnsignedInteger & FixedWidthInteger>(_ value: T, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        var v = value
        var n = 0
        while v >= 0x80 {
            out[n] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            n += 1
        }
        out[n] = UInt8(truncatingIfNeeded: v)
        return n + 1
    }

    /// Reads one varint at `base + cursor` (not reading at or past `end`) and advances `cursor`.
    /// Returns nil when the input ends inside the number or it is longer than 10 bytes / overflows.
    @inlinable
    public static func read(
        _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ cursor: inout Int
    ) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = base + cursor
        while p < end {
            let byte = p.pointee
            p += 1
            if shift == 63 && byte > 1 { return nil }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                cursor = p - base
                return result
            }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }

    /// The offset just past `count` varints that start at `base + from` (not reading at or past `end`),
    /// or nil when the input ends first. Eight bytes at a time: a varint ends at each byte below 0x80.
    @inlinable
    public static func skip(_ count: Int, in base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, from: Int)
        -> Int?
    {
        var remaining = count
        var p = base + from
        // A word of 8 bytes at a time: each byte below 0x80 ends a varint. When the word holds the end of
        // the last varint wanted, that byte is found by clearing the lower ends.
        while remaining > 0 && end - p >= 8 {
            var ends = ~UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            let found = ends.nonzeroBitCount
            if found >= remaining {
                for _ in 1..<remaining { ends &= ends &- 1 }
                return p - base + ends.trailingZeroBitCount / 8 + 1
            }
            remaining -= found
            p += 8
        }
        while remaining > 0 {
            guard p < end else { return nil }
            if p.pointee < 0x80 { remaining -= 1 }
            p += 1
        }
        return p - base
    }
}
