// RawBuffers: the two small helpers behind the build's raw scratch arrays and byte scans — growing an
// unsafe buffer (copying what it held, optionally filling the new tail) and finding zero bytes in a
// 64-bit word.

extension UnsafeMutablePointer {
    /// A buffer of `newCapacity` elements holding the first `count` elements of `self`, which is freed;
    /// the elements after `count` are set to `fill` when given (else left uninitialised).
    /// - Complexity: O(newCapacity) with `fill`, else O(count).
    @inline(__always)
    func grown(keeping count: Int, to newCapacity: Int, fill: Pointee? = nil) -> UnsafeMutablePointer<Pointee> {
        let fresh = UnsafeMutablePointer<Pointee>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: self, count: count)
        if let fill { (fresh + count).initialize(repeating: fill, count: newCapacity - count) }
        deallocate()
        return fresh
    }
}

enum ByteWords {
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// `byte` in each of the 8 bytes of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The high bit of each byte of `x` that is zero, and no other bit (exact: no false positives).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x) & ~low7 }
}
