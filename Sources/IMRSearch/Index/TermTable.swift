// TermTable: interns the terms of one build batch. A term is (field tag, token bytes); the table hands out
// dense term ids in first-seen order and keeps the bytes in one arena. Open addressing with linear probing;
// a lookup hashes the bytes in place, so a token that is already known costs no allocation.
//
// A slot is two words: the key (8 hash bits, the tag, the token length, id + 1) and the token's first
// 8 bytes. A token of at most 8 bytes — most words — is recognised from its slot alone, one cache line,
// without touching the arena; a longer one compares its remaining bytes there. The inverter hashes a
// unit's tokens first and prefetches their slots (`prefetchSlot`) before it interns them.

final class TermTable {
    /// All term bytes, tag byte first, back to back (`arenaCount` used of `arenaCapacity`, which always
    /// leaves 8 bytes of slack so a term's bytes can be read as whole words).
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    // Unchecked exclusivity on `hashes`: appended by `intern` per new term, owner only.
    /// Start of term `id` in `arena`; `starts[id + 1]` is its end (`startsCapacity` entries allocated).
    private var starts: UnsafeMutablePointer<UInt32>
    private var startsCapacity: Int
    /// Full hash of each term, for rehashing when the table grows.
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    /// Two words per slot: `slots[2s]` is 0 for an empty slot, else `key(hash, tag, length) | (id + 1)`;
    /// `slots[2s + 1]` is the token's first 8 bytes, zero beyond its length.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int

    /// Bits of a slot's key above the id.
    private static let keyMask: UInt64 = 0xFFFF_FFFF_0000_0000
    /// Token lengths at or above this share one length code (and are always compared in the arena).
    private static let longLength = 0xFFFF

    init(capacity: Int = 1 << 12) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: 2 * size)
        slots.initialize(repeating: 0, count: 2 * size)
        mask = size - 1
        arenaCapacity = capacity * 8
        arena = .allocate(capacity: arenaCapacity)
        startsCapacity = capacity + 1
        starts = .allocate(capacity: startsCapacity)
        starts[0] = 0
        hashes.reserveCapacity(capacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
        starts.deallocate()
    }

    var count: Int { hashes.count }

    /// The bytes of term `id`, tag byte first (valid until the next `intern`).
    func bytes(of id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + Int(starts[id]), count: Int(starts[id + 1] - starts[id]))
    }

    /// The hash of (tag, token). With `padded`, the token may be read up to the next multiple of 8 bytes
    /// past its end (the tokenizer's scratch allows it): the tail is one masked load instead of a byte loop.
    /// Both ways give the same value.
    @inline(__always)
    static func hash(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, padded: Bool = false) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(tag) ^ (UInt64(token.count) << 8)
        var i = 0
        let n = token.count
        guard let base = token.baseAddress else { return h }
        while i + 8 <= n {
            let word = loadWord(base + i)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        if padded {
            if i < n {
                let word = loadWord(base + i)
                tail = word & (~0 as UInt64 >> UInt64(64 - 8 * (n - i)))
            }
        } else {
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        return h
    }

    /// The key bits of a slot for (hash, tag, token length), id left out.
    @inline(__always)
    private static func key(_ h: UInt64, tag: UInt8, length: Int) -> UInt64 {
        (h & 0xFF00_0000_0000_0000) | UInt64(tag) << 48 | UInt64(min(length, longLength)) << 32
    }

    /// The first 8 bytes of `token` as a little-endian word, zero past its end. `padded`: as for `hash`.
    @inline(__always)
    private static func prefix(_ token: UnsafeBufferPointer<UInt8>, padded: Bool) -> UInt64 {
        let n = token.count
        guard let base = token.baseAddress, n > 0 else { return 0 }
        if n >= 8 { return loadWord(base) }
        if padded { return loadWord(base) & (~0 as UInt64 >> UInt64(64 - 8 * n)) }
        var word: UInt64 = 0
        for k in 0..<n { word |= UInt64(base[k]) << UInt64(8 * k) }
        return word
    }

    /// Starts loading the slot where a lookup of `hash` begins (see `Prefetch`).
    @inline(__always)
    func prefetchSlot(_ hash: UInt64) {
        prefetch(slots + 2 * (Int(truncatingIfNeeded: hash) & mask))
    }

    /// The id of (tag, token), adding it when new. `padded`: as for `hash`.
    /// - Complexity: O(token length) expected.
    @inline(__always)
    func intern(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, padded: Bool = false) -> Int32 {
        intern(tag: tag, token, hash: TermTable.hash(tag: tag, token, padded: padded), padded: padded)
    }

    /// `intern` with the token's hash (`TermTable.hash`) already computed.
    @inline(__always)
    func intern(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, hash h: UInt64, padded: Bool) -> Int32 {
        let n = token.count
        let key = TermTable.key(h, tag: tag, length: n)
        let prefix = TermTable.prefix(token, padded: padded)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[2 &* slot]
            if entry == 0 { break }
            if entry & TermTable.keyMask == key && slots[2 &* slot &+ 1] == prefix {
                let id = Int(entry & 0xFFFF_FFFF) &- 1
                // Tag, length and first 8 bytes are equal: a token of at most 8 bytes is this term.
                if n <= 8 || sameTail(id, token, padded: padded) { return Int32(id) }
            }
            slot = (slot &+ 1) & mask
        }
        return add(tag: tag, token, hash: h, key: key, prefix: prefix, slot: slot)
    }

    /// Whether term `id`, whose first 8 bytes equal the token's, has the token's length and remaining bytes.
    /// A padded token (at most `Tokenizer.maxTokenBytes`) is compared a word at a time: the arena may be
    /// read a word past any term (the next term's bytes, or the slack at its end).
    @inline(__always)
    private func sameTail(_ id: Int, _ token: UnsafeBufferPointer<UInt8>, padded: Bool) -> Bool {
        let start = Int(starts[id])
        let n = token.count
        guard Int(starts[id + 1]) - start == n + 1, let base = token.baseAddress else { return false }
        if !padded { return memcmpBytes(arena + start + 9, base + 8, n - 8) }
        let stored = UnsafeRawPointer(arena + start + 1)
        var k = 8
        while k + 8 <= n {
            if loadWord(stored + k) != loadWord(base + k) { return false }
            k += 8
        }
        return k == n || (loadWord(stored + k) ^ loadWord(base + k)) & (~0 as UInt64 >> UInt64(64 - 8 * (n - k))) == 0
    }

    private func add(
        tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, hash h: UInt64, key: UInt64, prefix: UInt64, slot: Int
    ) -> Int32 {
        let id = hashes.count
        let length = token.count + 1
        if arenaCount + length + 8 > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaCount + length + 8)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            fresh.moveInitialize(from: arena, count: arenaCount)
            arena.deallocate()
            arena = fresh
            arenaCapacity = capacity
        }
        arena[arenaCount] = tag
        if let base = token.baseAddress { (arena + arenaCount + 1).initialize(from: base, count: token.count) }
        arenaCount += length
        if id + 2 > startsCapacity {
            starts = starts.grown(keeping: id + 1, to: startsCapacity * 2)
            startsCapacity *= 2
        }
        starts[id + 1] = UInt32(arenaCount)
        hashes.append(h)
        slots[2 * slot] = key | UInt64(id + 1)
        slots[2 * slot + 1] = prefix
        if hashes.count * 2 > mask + 1 { grow() }
        return Int32(id)
    }

    private func grow() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: 2 * size)
        slots.initialize(repeating: 0, count: 2 * size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
            let start = Int(starts[id])
            let token = UnsafeBufferPointer(start: arena + start + 1, count: Int(starts[id + 1]) - start - 1)
            slots[2 * slot] = TermTable.key(h, tag: arena[start], length: token.count) | UInt64(id + 1)
            slots[2 * slot + 1] = TermTable.prefix(token, padded: false)
        }
    }

    /// Term ids ordered by their bytes (tag first, then token bytes, shorter first on a common prefix).
    func sortedIDs() -> [Int32] {
        var ids = (0..<Int32(count)).map { $0 }
        let base = arena
        let starts = self.starts
        ids.sort { x, y in
            let xs = Int(starts[Int(x)])
            let xe = Int(starts[Int(x) + 1])
            let ys = Int(starts[Int(y)])
            let ye = Int(starts[Int(y) + 1])
            return compareBytes(base + xs, xe - xs, base + ys, ye - ys) < 0
        }
        return ids
    }
}

/// Byte-wise comparison of two byte strings (memcmp order, shorter first on a common prefix).
@inline(__always)
func compareBytes(
    _ a: UnsafePointer<UInt8>?, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int
) -> Int {
    let n = min(aCount, bCount)
    if n > 0, let a, let b {
        let c = memcmp(a, b, n)
        if c != 0 { return Int(c) }
    }
    return aCount - bCount
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    if count == 0 { return true }
    guard let a, let b else { return false }
    return memcmp(a, b, count) == 0
}

#if canImport(Glibc)
    import Glibc
#endif
