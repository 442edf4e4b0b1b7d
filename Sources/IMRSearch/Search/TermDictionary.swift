// TermDictionary: one field's sorted terms in the index file (front-coded blocks of 16 with a sparse block
// index; layout in DictionaryBuilder and docs/FORMAT.md). Exact lookup binary-searches the blocks' first
// terms, then scans one block; prefix lookup finds the first term >= the prefix and walks forward.
// Reads are bounds-checked: damaged bytes make a lookup fail, never crash.

/// Where a term's postings live, and its statistics.
public struct TermInfo: Sendable, Equatable {
    public var docFreq: Int
    /// Documents with the term in each frequency column (treatment, rationale, guideline; or summary).
    public var columnDocFreq: [Int]
    public var postingsOffset: Int
    public var postingsLength: Int
    public var positionsOffset: Int
    public var maxScore: Float
}

public struct TermDictionary: @unchecked Sendable {
    public let field: IndexField
    public let termCount: Int
    let blockCount: Int
    let terms: ByteReader
    let blockIndex: ByteReader
    let infos: ByteReader

    init?(
        field: IndexField, entry: ByteReader, at: Int, terms: UnsafeRawBufferPointer,
        blockIndex: UnsafeRawBufferPointer, termInfos: UnsafeRawBufferPointer
    ) {
        self.field = field
        guard let count = entry.u32(at: at), let blocks = entry.u32(at: at + 4),
            let termsOffset = entry.u64(at: at + 8),
            let termsLength = entry.u64(at: at + 16), let indexOffset = entry.u64(at: at + 24),
            let infosOffset = entry.u64(at: at + 32)
        else { return nil }
        termCount = Int(count)
        blockCount = Int(blocks)
        guard blockCount == (termCount + 15) / 16,
            termsOffset <= UInt64(terms.count), termsLength <= UInt64(terms.count) - termsOffset,
            indexOffset <= UInt64(blockIndex.count),
            UInt64(blockCount) * 4 <= UInt64(blockIndex.count) - indexOffset,
            infosOffset <= UInt64(termInfos.count),
            UInt64(termCount) * UInt64(field.termInfoSize) <= UInt64(termInfos.count) - infosOffset
        else { return nil }
        self.terms = ByteReader(
            UnsafeRawBufferPointer(rebasing: terms[Int(termsOffset)..<Int(termsOffset + termsLength)]))
        self.blockIndex = ByteReader(
            UnsafeRawBufferPointer(
                rebasing: blockIndex[Int(indexOffset)..<(Int(indexOffset) + blockCount * 4)]))
        self.infos = ByteReader(
            UnsafeRawBufferPointer(
                rebasing: termInfos[Int(infosOffset)..<(Int(infosOffset) + termCount * field.termInfoSize)])
        )
    }

    /// The TermInfo of term number `ordinal`.
    public func info(_ ordinal: Int) -> TermInfo? {
        let size = field.termInfoSize
        let at = ordinal * size
        guard ordinal >= 0, ordinal < termCount, let df = infos.u32(at: at) else { return nil }
        if size == 16 {
            guard let length = infos.u32(at: at + 4), let offset = infos.u64(at: at + 8) else {
                return nil
            }
            return TermInfo(
                docFreq: Int(df), columnDocFreq: [], postingsOffset: Int(truncatingIfNeeded: offset),
                postingsLength: Int(length), positionsOffset: 0, maxScore: 0)
        }
        guard let d0 = infos.u32(at: at + 4), let d1 = infos.u32(at: at + 8),
            let d2 = infos.u32(at: at + 12),
            let postingsOffset = infos.u64(at: at + 16), let positionsOffset = infos.u64(at: at + 24),
            let maxScore = infos.u32(at: at + 32), let length = infos.u32(at: at + 36)
        else { return nil }
        return TermInfo(
            docFreq: Int(df), columnDocFreq: [Int(d0), Int(d1), Int(d2)],
            postingsOffset: Int(truncatingIfNeeded: postingsOffset), postingsLength: Int(length),
            positionsOffset: Int(truncatingIfNeeded: positionsOffset),
            maxScore: Float(bitPattern: maxScore))
    }

    /// Decodes the terms of block `block` and calls `body(ordinal, termBytes)` until it returns false.
    /// Returns false when the block is damaged.
    @discardableResult
    func scanBlock(_ block: Int, from first: Int = 0, _ body: (Int, [UInt8]) -> Bool) -> Bool {
        guard let start = blockIndex.u32(at: block * 4) else { return false }
        var offset = Int(start)
        var term: [UInt8] = []
        let count = min(16, termCount - block * 16)
        for k in 0..<count {
            if k == 0 {
                guard let length = readVarint(&offset), let bytes = terms.slice(at: offset, count: length)
                else {
                    return false
                }
                term = Array(bytes)
                offset += length
            } else {
                guard let shared = readVarint(&offset), let suffix = readVarint(&offset),
                    shared <= term.count,
                    let bytes = terms.slice(at: offset, count: suffix)
                else { return false }
                term.removeSubrange(shared...)
                term.append(contentsOf: bytes)
                offset += suffix
            }
            if k >= first && !body(block * 16 + k, term) { return true }
        }
        return true
    }

    private func readVarint(_ offset: inout Int) -> Int? {
        var result = 0
        var shift = 0
        while shift < 35 {
            guard let b = terms.u8(at: offset) else { return nil }
            offset += 1
            result |= Int(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    /// The first term of a block.
    private func firstTerm(_ block: Int) -> [UInt8]? {
        var result: [UInt8]?
        scanBlock(block) { _, term in
            result = term
            return false
        }
        return result
    }

    /// The last block whose first term is <= `key` (or 0).
    private func blockFor(_ key: [UInt8]) -> Int {
        var low = 0
        var high = blockCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            guard let first = firstTerm(mid) else { return 0 }
            if first.lexicographicallyPrecedes(key) || first == key { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The ordinal of `term`, if present.
    /// - Complexity: O(log(terms / 16) + 16) block decodes.
    public func ordinal(of term: [UInt8]) -> Int? {
        guard termCount > 0 else { return nil }
        var found: Int?
        scanBlock(blockFor(term)) { ordinal, candidate in
            if candidate == term {
                found = ordinal
                return false
            }
            return candidate.lexicographicallyPrecedes(term)
        }
        return found
    }

    public func lookup(_ term: String) -> TermInfo? {
        ordinal(of: Array(term.utf8)).flatMap { info($0) }
    }

    /// Calls `body(ordinal, term)` for every term starting with `prefix`, in order, until it returns false.
    public func forEachTerm(withPrefix prefix: [UInt8], _ body: (Int, [UInt8]) -> Bool) {
        guard termCount > 0 else { return }
        var block = blockFor(prefix)
        var stop = false
        while block < blockCount && !stop {
            let ok = scanBlock(block) { ordinal, term in
                if term.count >= prefix.count && term[0..<prefix.count].elementsEqual(prefix) {
                    if !body(ordinal, term) { stop = true }
                    return !stop
                }
                if prefix.lexicographicallyPrecedes(term) {
                    stop = true
                    return false
                }
                return true
            }
            if !ok { return }
            block += 1
        }
    }

    /// Every term of the field, in order.
    public func forEachTerm(_ body: (Int, [UInt8]) -> Bool) {
        forEachTerm(withPrefix: [], body)
    }
}

/// A forward cursor over one field's terms in order, decoding each into one reused buffer (no allocation
/// per term), with the length of the prefix each term shares with the one the cursor held before — what a
/// dictionary walk needs to reuse work across the shared prefix (`SpellingSuggester`). It can skip every
/// remaining term that starts with a prefix of the current one (`seek(toFirstTermAfterPrefix:)`).
public struct TermCursor {
    public let dictionary: TermDictionary
    /// The ordinal of the current term (-1 before the first `next()`).
    public private(set) var ordinal = -1
    /// The current term's length in bytes.
    public private(set) var length = 0
    /// How many leading bytes the current term shares with the term held before it (0 for the first).
    public private(set) var shared = 0
    /// True when a damaged block stopped the walk.
    public private(set) var isDamaged = false
    /// The current term is `storage[0..<length]`.
    private var storage = [UInt8](repeating: 0, count: 64)
    private var nextOrdinal = 0
    private var offset = 0

    public init(_ dictionary: TermDictionary) { self.dictionary = dictionary }

    /// The current term's bytes (a copy).
    public var term: [UInt8] { Array(storage[0..<length]) }

    /// Calls `body` with the current term's bytes, without copying them.
    public func withTerm<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<length])) }
    }

    /// Moves to the next term that does not start with the current term's first `depth` bytes (with the
    /// default, to the next term); false at the end (or on damage). The terms passed over are not decoded:
    /// only their lengths are read.
    public mutating func next(skippingPrefix depth: Int = Int.max) -> Bool {
        let terms = dictionary.terms
        while nextOrdinal < dictionary.termCount && !isDamaged {
            let current = nextOrdinal
            nextOrdinal += 1
            let common: Int
            if current % 16 == 0 {
                guard let start = dictionary.blockIndex.u32(at: current / 16 * 4) else { return damaged() }
                offset = Int(start)
                guard let size = readVarint(), let bytes = terms.slice(at: offset, count: size) else {
                    return damaged()
                }
                offset += size
                // While skipping, only the held prefix of `depth` bytes is current.
                var same = 0
                let limit = min(length, size, depth)
                storage.withUnsafeBufferPointer { held in
                    while same < limit && held[same] == bytes[same] { same += 1 }
                }
                if same >= depth {
                    length = size
                    continue
                }
                common = same
                place(UnsafeRawBufferPointer(rebasing: bytes[same...]), at: same)
            } else {
                guard let same = readVarint(), let suffix = readVarint(), same <= length,
                    let bytes = terms.slice(at: offset, count: suffix)
                else { return damaged() }
                offset += suffix
                if same >= depth {
                    length = same + suffix
                    continue
                }
                common = same
                place(bytes, at: same)
            }
            shared = common
            ordinal = current
            return true
        }
        return false
    }

    /// The current term becomes its first `at` bytes followed by `bytes`.
    private mutating func place(_ bytes: UnsafeRawBufferPointer, at: Int) {
        let newLength = at + bytes.count
        if newLength > storage.count {
            storage.append(contentsOf: repeatElement(0, count: newLength - storage.count + 64))
        }
        // Suffixes are a few bytes: a loop beats a call to memmove.
        storage.withUnsafeMutableBufferPointer { held in
            for i in 0..<bytes.count { held[at + i] = bytes[i] }
        }
        length = newLength
    }

    /// Skips ahead so that the terms still to come that start with the current term's first `length` bytes
    /// are few: jumps to the last block whose first term is below the first term after that prefix, when
    /// that is a later block (an exponential then binary search on the blocks' first terms, from the
    /// current block). Terms of the prefix that remain before it are recognised by `shared >= length`.
    /// Allocates nothing.
    /// - Complexity: O(log(blocks skipped)) comparisons of a block's first term.
    public mutating func seek(toFirstTermAfterPrefix prefixLength: Int) {
        guard ordinal >= 0, prefixLength > 0, prefixLength <= length else { return }
        let current = ordinal / 16
        let last = dictionary.blockCount - 1
        var low = current  // the current block's first term is <= the current term
        var high = last
        var step = 1
        while current + step <= last {
            guard let precedes = firstTermPrecedesSuccessor(block: current + step, prefixLength: prefixLength) else {
                return damagedSeek()
            }
            if !precedes {
                high = current + step - 1
                break
            }
            low = current + step
            step *= 2
        }
        while low < high {
            let mid = (low + high + 1) / 2
            guard let precedes = firstTermPrecedesSuccessor(block: mid, prefixLength: prefixLength) else {
                return damagedSeek()
            }
            if precedes { low = mid } else { high = mid - 1 }
        }
        if low > current { nextOrdinal = low * 16 }
    }

    /// Whether block `block`'s first term sorts before the first term after the prefix of `prefixLength`
    /// bytes of the current term, i.e. its first `prefixLength` bytes are <= that prefix. Nil when damaged.
    private func firstTermPrecedesSuccessor(block: Int, prefixLength: Int) -> Bool? {
        let terms = dictionary.terms
        guard let start = dictionary.blockIndex.u32(at: block * 4) else { return nil }
        var at = Int(start)
        var size = 0
        var shift = 0
        while true {
            guard let b = terms.u8(at: at), shift < 35 else { return nil }
            at += 1
            size |= Int(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        guard let first = terms.slice(at: at, count: size) else { return nil }
        let n = min(size, prefixLength)
        return storage.withUnsafeBufferPointer { held in
            for i in 0..<n where first[i] != held[i] { return first[i] < held[i] }
            return true
        }
    }

    private mutating func damaged() -> Bool {
        isDamaged = true
        return false
    }

    private mutating func damagedSeek() { isDamaged = true }

    private mutating func readVarint() -> Int? {
        var result = 0
        var shift = 0
        while shift < 35 {
            guard let b = dictionary.terms.u8(at: offset) else { return nil }
            offset += 1
            result |= Int(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}
