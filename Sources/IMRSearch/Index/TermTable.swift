// TermTable: interns the terms of one build batch. A term is (field tag, token bytes); the table hands out
// dense term ids in first-seen order and keeps the bytes in one arena. Open addressing with linear probing;
// a lookup hashes the bytes in place, so a token that is already known costs no allocation.

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
    /// 0 for an empty slot, else the high 32 bits of the term's hash above (term id + 1): a probe compares
    /// the stored hash bits before it touches the term's bytes.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
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

    /// The id of (tag, token), adding it when new. `padded`: as for `hash`.
    /// - Complexity: O(token length) expected.
    @inline(__always)
    func intern(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, padded: Bool = false) -> Int32 {
        let h = TermTable.hash(tag: tag, token, padded: padded)
        let check = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        let length = token.count + 1
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == check {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                let start = Int(starts[id])
                if Int(starts[id + 1]) - start == length && arena[start] == tag
                    && TermTable.sameBytes(arena + start + 1, token, padded: padded)
                {
                    return Int32(id)
                }
            }
            slot = (slot + 1) & mask
        }
        return add(tag: tag, token, hash: h, slot: slot)
    }

    /// Whether the `token.count` bytes at `stored` equal the token. Stored terms always have 8 readable
    /// bytes after them (the arena keeps that slack), so a padded token of up to 8 bytes is one compare.
    @inline(__always)
    private static func sameBytes(_ stored: UnsafePointer<UInt8>, _ token: UnsafeBufferPointer<UInt8>, padded: Bool)
        -> Bool
    {
        let n = token.count
        if padded && n <= 8, let base = token.baseAddress {
            if n == 0 { return true }
            let a = loadWord(stored)
            let b = loadWord(base)
            return (a ^ b) & (~0 as UInt64 >> UInt64(64 - 8 * n)) == 0
        }
        return memcmpBytes(stored, token.baseAddress, n)
    }

    private func add(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot: Int) -> Int32 {
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
        slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
        if hashes.count * 2 > mask + 1 { grow() }
        return Int32(id)
    }

    private func grow() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
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
