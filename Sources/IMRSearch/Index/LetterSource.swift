// LetterSource: what an index remembers of each letter file so that `index --update` can tell an
// unchanged letter without reading it — its size, modification time and a hash of its bytes — and the
// 64-bit content hash itself (8 bytes a step, no allocation).

/// The file a letter was read from, as it was when it was indexed.
public struct LetterSource: Sendable, Equatable {
    /// Size in bytes.
    public var size: UInt64
    /// Modification time, nanoseconds since 1970-01-01 UTC.
    public var modified: Int64
    /// `ContentHash` of the file's bytes; 0 when not known (a PDF, whose bytes poppler reads).
    public var hash: UInt64

    public init(size: UInt64, modified: Int64, hash: UInt64) {
        self.size = size
        self.modified = modified
        self.hash = hash
    }

    public static let unknown = LetterSource(size: 0, modified: 0, hash: 0)
}

/// A fast, seeded 64-bit hash of a byte string (multiply-xorshift over 8-byte words, then the tail).
/// Not cryptographic: it tells a letter whose time changed but whose bytes did not. Never 0.
public enum ContentHash {
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(bytes.count) &* m)
        var i = 0
        let n = bytes.count
        while i &+ 8 <= n {
            let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ w) &* m
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* m
        h ^= h >> 32
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h == 0 ? 1 : h
    }

    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }
}
