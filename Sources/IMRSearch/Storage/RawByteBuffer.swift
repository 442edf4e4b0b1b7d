// RawByteBuffer: a growable byte buffer in one owned allocation, little-endian writers included. A build
// batch serialises its run into one (`RunFile.serialize`) and the merge reads it in place through
// `RunReader`: the bytes are written once and never copied again, which an `[UInt8]` handed to a reader
// cannot promise (its storage may only be borrowed inside `withUnsafeBytes`).
//
// - Complexity: appends are amortised O(bytes); growth doubles the capacity (one copy of what is held).

final class RawByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Calls `body` with the bytes written so far (the buffer is kept alive for the call).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(UnsafeRawBufferPointer(start: base, count: count)) }
    }

    /// The bytes written so far, copied into an array.
    var array: [UInt8] { withBytes { Array($0) } }

    /// The bytes written so far, for an owner that keeps this buffer alive while it reads them (`RunReader`).
    var unsafeBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra <= capacity { return }
        let grown = max(count + extra, capacity * 2)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = grown
    }

    /// Room for `extra` more bytes after those written: returns where they start. The caller writes up to
    /// `extra` bytes there, then `advance`s by what it wrote; the pointer is valid until the next append.
    @inline(__always)
    func reserveTail(_ extra: Int) -> UnsafeMutableRawPointer {
        reserve(extra)
        return base + count
    }

    /// Counts `written` bytes, written at `reserveTail`'s pointer, as appended.
    @inline(__always)
    func advance(by written: Int) {
        precondition(written >= 0 && count + written <= capacity, "advance past the reserved bytes")
        count += written
    }

    /// Forgets the bytes written, keeping the capacity.
    func removeAll() { count = 0 }

    /// Appends `v` little-endian.
    @inline(__always)
    private func put<T: FixedWidthInteger>(_ v: T) {
        reserve(MemoryLayout<T>.size)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    func u8(_ v: UInt8) { put(v) }
    func u16(_ v: UInt16) { put(v) }
    func u32(_ v: UInt32) { put(v) }
    func u64(_ v: UInt64) { put(v) }

    func append(_ other: UnsafeRawBufferPointer) {
        guard let source = other.baseAddress, other.count > 0 else { return }
        reserve(other.count)
        (base + count).copyMemory(from: source, byteCount: other.count)
        count += other.count
    }

    func append(_ other: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(other)) }

    func append(_ other: [UInt8]) { other.withUnsafeBytes { append($0) } }

    /// Overwrites the 8 bytes at `offset` (written before) with `v`, little-endian.
    func patchU64(at offset: Int, _ v: UInt64) {
        precondition(offset >= 0 && offset + 8 <= count, "patch outside the written bytes")
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt64.self)
    }
}
