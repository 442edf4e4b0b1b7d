// TermTable: interns the terms of one build batch. A term is (field tag, token bytes); the table hands out
// dense term ids in first-seen order and keeps the bytes in one arena. Open addressing with linear probing;
// a lookup hashes the bytes in place, so a token that is already known costs no allocation.

final class TermTable {
    /// All term bytes, tag byte first, back to back.
    private(set) var arena: [UInt8] = []
    /// Start of term `id` in `arena`; `starts[id + 1]` is its end.
    private(set) var starts: [UInt32] = [0]
    private var hashes: [UInt64] = []
    /// -1 for an empty slot, else a term id.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
        starts.reserveCapacity(capacity + 1)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { hashes.count }

    /// The bytes of term `id`, tag byte first.
    func bytes(of id: Int) -> ArraySlice<UInt8> {
        arena[Int(starts[id])..<Int(starts[id + 1])]
    }

    @inline(__always)
    static func hash(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(tag) ^ (UInt64(token.count) << 8)
        var i = 0
        let n = token.count
        guard let base = token.baseAddress else { return h }
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        return h
    }

    /// The id of (tag, token), adding it when new.
    /// - Complexity: O(token length) expected.
    func intern(tag: UInt8, _ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = TermTable.hash(tag: tag, token)
        var slot = Int(truncatingIfNeeded: h) & mask
        let length = token.count + 1
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h {
                let start = Int(starts[Int(id)])
                let end = Int(starts[Int(id) + 1])
                if end - start == length && arena[start] == tag {
                    let same = arena.withUnsafeBufferPointer { a in
                        memcmpBytes(a.baseAddress! + start + 1, token.baseAddress, token.count)
                    }
                    if same { return id }
                }
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(tag)
        arena.append(contentsOf: token)
        starts.append(UInt32(arena.count))
        hashes.append(h)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    private func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// Term ids ordered by their bytes (tag first, then token bytes, shorter first on a common prefix).
    func sortedIDs() -> [Int32] {
        var ids = (0..<Int32(count)).map { $0 }
        arena.withUnsafeBufferPointer { a in
            let base = a.baseAddress!
            let starts = self.starts
            ids.sort { x, y in
                let xs = Int(starts[Int(x)])
                let xe = Int(starts[Int(x) + 1])
                let ys = Int(starts[Int(y)])
                let ye = Int(starts[Int(y) + 1])
                return compareBytes(base + xs, xe - xs, base + ys, ye - ys) < 0
            }
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
