// LetterSource: what an index remembers of each letter file so that `index --update` can tell an
// unchanged letter without reading it — its size, modification time and a hash of its bytes — and the
// 64-bit content hash itself (32 bytes a step over four lanes, no allocation).

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

/// A fast, seeded 64-bit hash of a byte string: four independent multiply-xorshift lanes over 32-byte
/// strides (so the multiplications overlap), then the remaining words and the tail into the first lane,
/// and the lanes folded together. Not cryptographic: it tells a letter whose time changed but whose bytes
/// did not. Never 0.
public enum ContentHash {
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        let n = bytes.count
        var a: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(n) &* m)
        var b: UInt64 = 0x1319_8A2E_0370_7344
        var c: UInt64 = 0xA409_3822_299F_31D0
        var d: UInt64 = 0x082E_FA98_EC4E_6C89
        @inline(__always) func mix(_ h: inout UInt64, _ w: UInt64) {
            h = (h ^ w) &* m
            h ^= h >> 29
        }
        @inline(__always) func word(_ at: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        var i = 0
        while i &+ 32 <= n {
            mix(&a, word(i))
            mix(&b, word(i &+ 8))
            mix(&c, word(i &+ 16))
            mix(&d, word(i &+ 24))
            i &+= 32
        }
        while i &+ 8 <= n {
            mix(&a, word(i))
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift &+= 8
            i &+= 1
        }
        mix(&a, tail)
        var h = a ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ (c &* 0x1656_67B1_9E37_79F9) ^ (d &* 0x85EB_CA77_C2B2_AE63)
        h ^= h >> 32
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h == 0 ? 1 : h
    }

    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }
}
