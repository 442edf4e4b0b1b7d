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
}
