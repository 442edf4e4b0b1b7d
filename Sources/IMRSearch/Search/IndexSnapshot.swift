// IndexSnapshot: the index as one published state — the base file alone, or the base file with its delta
// (`<index>.delta`, written by `index --update`) — opened consistently: the delta is opened first, then
// the base, and the pair is used only when the delta names that base. A rebuild publishing meanwhile
// (a new delta, or a new base and then the delta removed) is detected by the names not matching and the
// pair is opened again; a delta that still does not match is stale (its base was replaced by a full
// build that died before removing it) and is ignored. Each search therefore sees exactly one
// published state, whatever the builds do.
//
// Segments are searched one after the other with the collection statistics of all live items
// (`CollectionStatistics`); items of letters that the delta replaced or removed are skipped.
#if canImport(Glibc)
    import Glibc
#endif

public final class IndexSnapshot: @unchecked Sendable {
    public let path: String
    /// The base file first, then (after an update) the delta's letters.
    public let segments: [IndexSegment]
    /// The delta's removed letters (their statistics are subtracted); nil without a delta.
    let removed: IndexReader?
    /// The delta file's path when one is in use.
    public let deltaPath: String?

    /// One file as the whole collection.
    public init(reader: IndexReader) {
        path = reader.path
        segments = [IndexSegment(reader: reader, deleted: nil, deletedLetters: [])]
        removed = nil
        deltaPath = nil
    }

    init(
        path: String, base: IndexReader, delta: MappedFile, layout: DeltaLayout, acceptingPreviousVersion: Bool = false
    ) throws {
        self.path = path
        deltaPath = delta.path
        func corrupt(_ detail: String) -> IndexError {
            IndexError.corruptDelta(path: delta.path, index: path, detail: detail)
        }
        func image(_ region: Range<Int>, _ part: String) throws -> IndexReader {
            do {
                return try IndexReader(
                    file: delta, region: region, path: delta.path + " (\(part))",
                    acceptingPreviousVersion: acceptingPreviousVersion)
            } catch IndexError.corrupt(_, let detail) {
                throw corrupt("its \(part): \(detail)")
            }
        }
        let added = try image(layout.added, "added letters")
        let removed = try image(layout.removed, "removed letters")
        let list = ByteReader(
            UnsafeRawBufferPointer(
                rebasing: delta.bytes[layout.deletedOffset..<(layout.deletedOffset + layout.deletedCount * 4)]))
        guard CRC32C.checksum(list.buffer) == layout.deletedChecksum else {
            throw corrupt("deleted-letter list checksum mismatch")
        }
        var letters: [UInt32] = []
        letters.reserveCapacity(layout.deletedCount)
        var deleted = [UInt64](repeating: 0, count: (base.itemCount + 63) / 64)
        for k in 0..<layout.deletedCount {
            let letter = list.u32(at: k * 4) ?? UInt32.max
            guard Int(letter) < base.letterCount, letters.last.map({ $0 < letter }) ?? true else {
                throw corrupt("deleted-letter list is not increasing letter numbers of the base")
            }
            letters.append(letter)
            let first = base.firstItem(ofLetter: Int(letter))
            let end = min(base.firstItem(ofLetter: Int(letter) + 1), base.itemCount)
            if first < end { for item in first..<end { deleted[item >> 6] |= 1 << UInt64(item & 63) } }
        }
        guard removed.letterCount == letters.count else {
            throw corrupt("\(letters.count) letters are deleted but \(removed.letterCount) are recorded as removed")
        }
        let statistics = CollectionStatistics(segments: [base, added], removed: removed)
        base.collection = statistics
        added.collection = statistics
        segments = [
            IndexSegment(reader: base, deleted: letters.isEmpty ? nil : deleted, deletedLetters: letters),
            IndexSegment(reader: added, deleted: nil, deletedLetters: []),
        ]
        self.removed = removed
    }

    /// Opens the index published at `path` (and its delta, if one belongs to it). `acceptingPreviousVersion`:
    /// see `IndexReader(path:acceptingPreviousVersion:)`.
    public static func open(path: String, acceptingPreviousVersion: Bool = false) throws -> IndexSnapshot {
        let deltaPath = path + ".delta"
        for attempt in 0..<3 {
            var delta: MappedFile?
            if FileIO.exists(deltaPath) {
                do {
                    delta = try MappedFile(path: deltaPath)
                } catch let e as SystemError {
                    if e.code != ENOENT { throw IndexError.unreadable(path: deltaPath, detail: e.reason) }
                }
            }
            let base = try IndexReader(path: path, acceptingPreviousVersion: acceptingPreviousVersion)
            guard let delta else { return IndexSnapshot(reader: base) }
            let layout: DeltaLayout
            do {
                layout = try DeltaLayout(delta.bytes)
            } catch {
                throw IndexError.corruptDelta(path: deltaPath, index: path, detail: error.description)
            }
            if layout.base == BaseIdentity(base) {
                return try IndexSnapshot(
                    path: path, base: base, delta: delta, layout: layout,
                    acceptingPreviousVersion: acceptingPreviousVersion)
            }
            // A build published between the two opens: look again; a delta that still names another base
            // is stale.
            if attempt == 2 { return IndexSnapshot(reader: base) }
        }
        return IndexSnapshot(
            reader: try IndexReader(path: path, acceptingPreviousVersion: acceptingPreviousVersion))
    }

    /// The base file's reader.
    public var base: IndexReader { segments[0].reader }

    /// The reader of a hit's segment.
    @inline(__always)
    public func reader(of hit: SearchHit) -> IndexReader { segments[hit.segment].reader }

    /// Live items and letters.
    public var itemCount: Int { segments.reduce(0) { $0 + $1.liveItems } }
    public var letterCount: Int { segments.reduce(0) { $0 + $1.reader.letterCount - $1.deletedLetters.count } }

    /// The number of live documents holding `term` in `field`; nil when no segment has the term.
    public func documentFrequency(_ field: IndexField, _ term: String) -> Int? {
        var total = 0
        var found = false
        for segment in segments {
            guard let info = segment.reader.dictionary(field).lookup(term) else { continue }
            found = true
            total += info.docFreq
        }
        if let removed, let info = removed.dictionary(field).lookup(term) { total -= info.docFreq }
        return found ? max(total, 0) : nil
    }

    /// True when hit `a` comes before hit `b` in file order (letters by path, then items in letter order),
    /// the order of a full build over the same letters.
    func precedesInFileOrder(_ a: SearchHit, _ b: SearchHit) -> Bool {
        if a.segment == b.segment { return a.item < b.item }
        let ra = segments[a.segment].reader
        let rb = segments[b.segment].reader
        let la = ra.letter(ofItem: a.item)
        let lb = rb.letter(ofItem: b.item)
        let fa = ra.file(ofLetter: la)
        let fb = rb.file(ofLetter: lb)
        if fa != fb { return Array(fa.utf8).lexicographicallyPrecedes(Array(fb.utf8)) }
        return ra.itemNumber(ofItem: a.item) < rb.itemNumber(ofItem: b.item)
    }

    /// The live letters named `name` (case number or file name), as (segment, letter).
    public func letters(named name: String) -> [(segment: Int, letter: Int)] {
        var result: [(Int, Int)] = []
        for (s, segment) in segments.enumerated() {
            for l in segment.reader.letters(named: name) where !segment.isDeleted(letter: l) { result.append((s, l)) }
        }
        return result
    }
}

/// One file of a snapshot and the items of it that are no longer live.
public final class IndexSegment: @unchecked Sendable {
    public let reader: IndexReader
    /// Bit per item, set for items of deleted letters; nil when none are.
    let deleted: [UInt64]?
    /// The deleted letters, increasing.
    let deletedLetters: [UInt32]

    init(reader: IndexReader, deleted: [UInt64]?, deletedLetters: [UInt32]) {
        self.reader = reader
        self.deleted = deleted
        self.deletedLetters = deletedLetters
    }

    @inline(__always)
    func isDeleted(item: Int) -> Bool {
        guard let deleted else { return false }
        return deleted[item >> 6] & (1 << UInt64(item & 63)) != 0
    }

    func isDeleted(letter: Int) -> Bool {
        guard !deletedLetters.isEmpty else { return false }
        var low = 0
        var high = deletedLetters.count
        while low < high {
            let mid = (low + high) / 2
            if Int(deletedLetters[mid]) < letter { low = mid + 1 } else { high = mid }
        }
        return low < deletedLetters.count && Int(deletedLetters[low]) == letter
    }

    var liveItems: Int {
        guard let deleted else { return reader.itemCount }
        return reader.itemCount - deleted.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
