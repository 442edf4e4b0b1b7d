// ByteReader and ByteWriter: little-endian integers over raw bytes. The reader is for untrusted regions
// (the index file): every read is bounds-checked and returns nil when out of range, including negative
// or overflowing offsets, in the manner of swift-nio's ByteBuffer getters. The writer builds sections.

public struct ByteReader: @unchecked Sendable {
    public let buffer: UnsafeRawBufferPointer

    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public var count: Int { buffer.count }

    @inlinable
    func fits(_ offset: Int, _ size: Int) -> Bool {
        offset >= 0 && size >= 0 && offset <= buffer.count && size <= buffer.count - offset
    }

    @inlinable
    public func u8(at offset: Int) -> UInt8? {
        fits(offset, 1) ? buffer.load(fromByteOffset: offset, as: UInt8.self) : nil
    }

    @inlinable
    public func u16(at offset: Int) -> UInt16? {
        fits(offset, 2)
            ? UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) : nil
    }

    @inlinable
    public func u32(at offset: Int) -> UInt32? {
        fits(offset, 4)
            ? UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) : nil
    }

    @inlinable
    public func u64(at offset: Int) -> UInt64? {
        fits(offset, 8)
            ? UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) : nil
    }

    /// `count` bytes at `offset`, or nil when any of them is outside the buffer.
    @inlinable
    public func slice(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard fits(offset, count) else { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }
}

public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init() {}

    public var count: Int { bytes.count }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    public mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    public mutating func append(_ other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    public mutating func append(_ other: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: other) }

    /// Zero padding up to a multiple of `alignment`.
    public mutating func align(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}

/// Eight bytes at `p`, any alignment, as a little-endian word; always inlined (the generic
/// `loadUnaligned` is not, in some hot loops).
@inline(__always)
@usableFromInline
func loadWord(_ p: UnsafeRawPointer) -> UInt64 {
    var word: UInt64 = 0
    withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: 8)) }
    return UInt64(littleEndian: word)
}
