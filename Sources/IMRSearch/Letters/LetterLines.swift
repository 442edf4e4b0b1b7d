// LetterLines: the normalised text cut into logical lines (byte ranges, trimmed), with blank lines kept as
// paragraph or page breaks. Text extracted from PDF is often double-spaced (an empty line after every
// line, as in the seed letters); such files are detected and their filler empty lines dropped, so that a
// remaining blank line means a break in both kinds of file. Also the byte-level helpers the parsers share:
// case-insensitive label matching and whitespace-collapsing joins.

struct LetterLines {
    let bytes: [UInt8]
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var blank: [Bool] = []

    var count: Int { starts.count }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var rawStarts: [Int] = []
        var rawEnds: [Int] = []
        var rawEmpty: [Bool] = []  // no characters at all (not even spaces)
        let estimate = bytes.count / 40 + 2
        rawStarts.reserveCapacity(estimate)
        rawEnds.reserveCapacity(estimate)
        rawEmpty.reserveCapacity(estimate)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                rawStarts.append(0)
                rawEnds.append(0)
                rawEmpty.append(true)
                return
            }
            let n = buffer.count
            var start = 0
            while start <= n {
                var end = n
                if start < n, let p = memchr(base + start, 10, n - start) {
                    end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                }
                var s = start
                var e = end
                while s < e && (base[s] == 32 || base[s] == 9) { s += 1 }
                while e > s && (base[e - 1] == 32 || base[e - 1] == 9) { e -= 1 }
                rawStarts.append(s)
                rawEnds.append(e)
                rawEmpty.append(end == start)
                start = end + 1
            }
        }
        // Double-spaced? Most text lines are followed by an empty line.
        var textLines = 0
        var followedByEmpty = 0
        for k in 0..<rawStarts.count where rawEnds[k] > rawStarts[k] {
            textLines += 1
            if k + 1 < rawStarts.count && rawEmpty[k + 1] { followedByEmpty += 1 }
        }
        let doubleSpaced = textLines >= 4 && followedByEmpty * 10 >= textLines * 7
        starts.reserveCapacity(rawStarts.count)
        ends.reserveCapacity(rawStarts.count)
        blank.reserveCapacity(rawStarts.count)
        for k in 0..<rawStarts.count {
            if doubleSpaced && rawEmpty[k] && k > 0 && !rawEmpty[k - 1] { continue }
            starts.append(rawStarts[k])
            ends.append(rawEnds[k])
            blank.append(rawEnds[k] == rawStarts[k])
        }
    }

    func line(_ k: Int) -> ArraySlice<UInt8> { bytes[starts[k]..<ends[k]] }

    /// True when line `k` starts with `label` (ASCII, case-insensitive, runs of spaces in the line match one
    /// space of the label).
    func starts(_ k: Int, with label: [UInt8]) -> Bool {
        LetterLines.match(bytes, from: starts[k], to: ends[k], label) != nil
    }

    /// If `bytes[from..<to]` starts with `label` (case-insensitive, flexible spaces), the index after it.
    static func match(_ bytes: [UInt8], from: Int, to: Int, _ label: [UInt8]) -> Int? {
        guard from >= 0, to <= bytes.count else { return nil }
        // Most calls fail on the first byte: test it before entering the buffers.
        if let first = label.first, first != 32 {
            guard from < to, lower(bytes[from]) == lower(first) else { return nil }
        }
        return bytes.withUnsafeBufferPointer { b -> Int? in
            label.withUnsafeBufferPointer { l -> Int? in
                var i = from
                var j = 0
                while j < l.count {
                    guard i < to else { return nil }
                    let c = l[j]
                    if c == 32 {
                        guard b[i] == 32 || b[i] == 9 else { return nil }
                        while i < to && (b[i] == 32 || b[i] == 9) { i += 1 }
                        j += 1
                        continue
                    }
                    if lower(b[i]) != lower(c) { return nil }
                    i += 1
                    j += 1
                }
                return i
            }
        }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Index of the first occurrence of `needle` (ASCII, case-insensitive) in `bytes[from..<to]`.
    /// Eight positions at a time are ruled out while none holds the needle's first two bytes (either case).
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard let first = needle.first, from >= 0, to <= bytes.count, to - from >= needle.count else { return nil }
        let f = lower(first)
        let upper = f >= 97 && f <= 122 ? f - 32 : f
        let s = needle.count > 1 ? lower(needle[1]) : f
        let sUpper = s >= 97 && s <= 122 ? s - 32 : s
        return bytes.withUnsafeBufferPointer { b -> Int? in
            needle.withUnsafeBufferPointer { nd -> Int? in
                var i = from
                let last = to - nd.count
                let base = UnsafeRawPointer(b.baseAddress!)
                let firstLower = ByteWords.broadcast(f)
                let firstUpper = ByteWords.broadcast(upper)
                let secondLower = ByteWords.broadcast(s)
                let secondUpper = ByteWords.broadcast(sUpper)
                let pairs = nd.count > 1
                while i <= last {
                    // Skip 8 bytes at a time while none of them can start the needle.
                    if i + 8 <= last + 1 {
                        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        var hits = ByteWords.zeroBytes(w ^ firstLower) | ByteWords.zeroBytes(w ^ firstUpper)
                        if pairs && hits != 0 && i + 9 <= b.count {
                            let next = base.loadUnaligned(fromByteOffset: i + 1, as: UInt64.self)
                            hits &= ByteWords.zeroBytes(next ^ secondLower) | ByteWords.zeroBytes(next ^ secondUpper)
                        }
                        if hits == 0 {
                            i += 8
                            continue
                        }
                        i += hits.trailingZeroBitCount >> 3
                    }
                    let c = b[i]
                    if c == f || c == upper {
                        var k = 1
                        while k < nd.count && lower(b[i + k]) == lower(nd[k]) { k += 1 }
                        if k == nd.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Lines `range` joined by single spaces with whitespace collapsed; the first line from byte `from`
    /// when given, the last up to byte `upTo` when given.
    func joined(_ range: Range<Int>, from: Int? = nil, upTo: Int? = nil) -> String {
        var capacity = 0
        for k in range where k >= 0 && k < count { capacity += ends[k] - starts[k] + 1 }
        guard capacity > 0 else { return "" }
        return bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: capacity) { out in
                var o = 0
                var pendingSpace = false
                for k in range where k >= 0 && k < count {
                    var s = starts[k]
                    var e = ends[k]
                    if k == range.lowerBound, let from { s = max(s, min(from, e)) }
                    if k == range.upperBound - 1, let upTo { e = min(e, max(upTo, s)) }
                    if o > 0 { pendingSpace = true }
                    // Most lines hold single spaces only: copy them whole.
                    let base = source.baseAddress!
                    if s < e && base[s] != 32 && base[e - 1] != 32
                        && LetterLines.hasSingleSpacesOnly(UnsafeRawPointer(base + s), e - s)
                    {
                        if pendingSpace {
                            out[o] = 32
                            o += 1
                            pendingSpace = false
                        }
                        UnsafeMutableRawPointer(out.baseAddress! + o).copyMemory(from: base + s, byteCount: e - s)
                        o += e - s
                        continue
                    }
                    // Otherwise the pieces between irregular white space (a tab, or a space before a space or
                    // a tab) are copied whole, each run of white space becoming one space.
                    var i = s
                    while i < e {
                        let b = source[i]
                        if b == 32 || b == 9 {
                            pendingSpace = o > 0
                            i += 1
                            continue
                        }
                        if pendingSpace {
                            out[o] = 32
                            o += 1
                            pendingSpace = false
                        }
                        var k = LetterLines.irregularSpace(UnsafeRawPointer(base), from: i, to: e, count: source.count)
                        if k == e && base[k - 1] == 32 { k -= 1 }  // a line cut after a space: the space waits
                        UnsafeMutableRawPointer(out.baseAddress! + o).copyMemory(from: base + i, byteCount: k - i)
                        o += k - i
                        i = k
                    }
                }
                return o
            }
        }
    }

    /// The first index in `from..<to` holding a tab, a space followed by a space or a tab, or a space at
    /// `to - 1`; `to` when there is none. `count` bytes at `p` may be read. 8 bytes at a time.
    @inline(__always)
    static func irregularSpace(_ p: UnsafeRawPointer, from: Int, to: Int, count: Int) -> Int {
        let spaces = ByteWords.broadcast(32)
        let tabs = ByteWords.broadcast(9)
        var i = from
        while i + 9 <= count && i + 8 <= to {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let next = p.loadUnaligned(fromByteOffset: i + 1, as: UInt64.self)
            let space = ByteWords.zeroBytes(w ^ spaces)
            let tab = ByteWords.zeroBytes(w ^ tabs)
            let nextWhite = ByteWords.zeroBytes(next ^ spaces) | ByteWords.zeroBytes(next ^ tabs)
            let irregular = tab | (space & nextWhite)
            if irregular != 0 { return min(i + irregular.trailingZeroBitCount >> 3, to) }
            i += 8
        }
        while i < to {
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b == 9 { return i }
            if b == 32 {
                if i + 1 >= to { return i }
                let c = p.load(fromByteOffset: i + 1, as: UInt8.self)
                if c == 32 || c == 9 { return i }
            }
            i += 1
        }
        return to
    }

    /// Whether `count` bytes at `p` hold no tab and no two spaces in a row; 8 bytes at a time.
    @inline(__always)
    static func hasSingleSpacesOnly(_ p: UnsafeRawPointer, _ count: Int) -> Bool {
        let spaces = ByteWords.broadcast(32)
        let tabs = ByteWords.broadcast(9)
        /// The high bit of each byte of `x` that is zero (exact, no false positives).
        var i = 0
        var previousSpace: UInt64 = 0  // high bit of byte 7 of the last word, moved to byte 0's place
        while i + 8 <= count {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let space = ByteWords.zeroBytes(w ^ spaces)
            if ByteWords.zeroBytes(w ^ tabs) != 0 || (space & ((space << 8) | previousSpace)) != 0 { return false }
            previousSpace = (space >> 56) & 0x80
            i += 8
        }
        var previous = previousSpace != 0
        while i < count {
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b == 9 || (b == 32 && previous) { return false }
            previous = b == 32
            i += 1
        }
        return true
    }

    /// Appends `bytes[s..<e]` with runs of white space as one space, separated from what is already in
    /// `out` by one space.
    static func appendCollapsed(_ bytes: [UInt8], _ s: Int, _ e: Int, to out: inout [UInt8]) {
        var pendingSpace = !out.isEmpty
        var i = s
        while i < e {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    out.append(32)
                    pendingSpace = false
                }
                out.append(b)
            }
            i += 1
        }
    }
}

extension String {
    /// White space collapsed to single spaces and trimmed.
    var collapsedWhitespace: String {
        var out: [UInt8] = []
        let bytes = Array(utf8)
        LetterLines.appendCollapsed(bytes, 0, bytes.count, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
