// Tokenizer: the one analyser shared by indexing, querying and snippet highlighting.
//
// Rules (also in README "Text analysis"):
// - A token is a maximal run of letters and digits; everything else separates tokens.
// - ASCII letters are lower-cased; Latin-1 and Latin Extended-A letters are folded to their ASCII base
//   ("é" -> "e", "ß" -> "ss", "Œ" -> "oe"); other alphabetic or numeric scalars are lower-cased and kept.
// - Windows-1252 punctuation (curly quotes, dashes, ellipsis) separates, like ASCII punctuation.
// - Digits are kept and join letters ("10mg", "9792", "t8").
// - A token longer than `maxTokenBytes` after folding is dropped, but still takes a position, so phrases
//   never match across it.
// - No stop words, no stemming. Positions count tokens from 0 within one field value.
//
// Works on UTF-8 bytes and never allocates for ASCII: eight ASCII bytes are classified and lower-cased
// at once (`ASCIIWord`), a byte or scalar at a time near other bytes through a 256-entry table. Invalid
// UTF-8 bytes are separators.

public enum Tokenizer {
    /// Tokens longer than this (in folded UTF-8 bytes) are dropped.
    public static let maxTokenBytes = 40

    /// Scratch capacity: the longest kept token plus room for one folded scalar and an 8-byte word read.
    @usableFromInline static let scratchCapacity = 64

    /// For each ASCII byte: 0 when it separates, else the lower-cased byte. Bytes >= 0x80 map to 0xFF
    /// ("decode the scalar").
    @usableFromInline static let asciiTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in 48...57 { table[b] = UInt8(b) }
        for b in 97...122 { table[b] = UInt8(b) }
        for b in 65...90 { table[b] = UInt8(b + 32) }
        for b in 128...255 { table[b] = 0xFF }
        return table
    }()

    /// Calls `body(token, position, start, end)` for every kept token of `text`, where `token` is the
    /// normalised token bytes (valid only during the call), and `start..<end` its byte range in `text`.
    /// The token lies in a scratch buffer of `scratchCapacity` bytes, so it may be read up to the next
    /// multiple of 8 bytes past its end (the bytes there are unspecified).
    /// Returns the number of positions used (kept and dropped tokens).
    ///
    /// - Complexity: O(n) in the length of `text`; no allocation for ASCII text.
    @inlinable
    @discardableResult
    public static func forEachToken(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (_ token: UnsafeBufferPointer<UInt8>, _ position: Int, _ start: Int, _ end: Int) -> Void
    ) -> Int {
        // The table through a pointer: a byte always indexes inside its 256 entries, no check needed.
        return asciiTable.withUnsafeBufferPointer { asciiTable in
            forEachToken(in: text, table: asciiTable.baseAddress!, body)
        }
    }

    @inlinable
    static func forEachToken(
        in text: UnsafeBufferPointer<UInt8>, table: UnsafePointer<UInt8>,
        _ body: (_ token: UnsafeBufferPointer<UInt8>, _ position: Int, _ start: Int, _ end: Int) -> Void
    ) -> Int {
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratchCapacity) { scratch in
            scratch.initialize(repeating: 0)  // words read past a token end see defined bytes
            var position = 0
            var length = 0
            var tooLong = false
            var tokenStart = -1
            var i = 0
            let count = text.count
            @inline(__always) func finish(_ end: Int) {
                if tokenStart >= 0 {
                    if !tooLong && length > 0 {
                        body(UnsafeBufferPointer(rebasing: scratch[0..<length]), position, tokenStart, end)
                    }
                    position += 1
                }
                tokenStart = -1
                length = 0
                tooLong = false
            }
            let base = text.baseAddress
            while i < count {
                // Eight ASCII bytes at a time: classify them at once (`ASCIIWord`), skip a run of
                // separators, or append a run of letters and digits lower-cased as one word.
                if i &+ 8 <= count, let base {
                    let word = loadWord(base + i)
                    if word & ASCIIWord.highBits == 0 {
                        let letters = ASCIIWord.letters(word)
                        let kept = letters | ASCIIWord.digits(word)
                        if tokenStart < 0 {
                            let skip = kept.trailingZeroBitCount &>> 3
                            if skip > 0 {
                                i &+= skip
                                continue
                            }
                            tokenStart = i
                        }
                        let run = (~kept & ASCIIWord.highBits).trailingZeroBitCount &>> 3
                        if run > 0 {
                            if length &+ run <= maxTokenBytes {
                                // All 8 bytes are stored; those past the run are overwritten or lie past
                                // the token's end (unspecified, as documented).
                                UnsafeMutableRawPointer(scratch.baseAddress! + length).storeBytes(
                                    of: word | letters &>> 2, as: UInt64.self)
                                length &+= run
                            } else {
                                tooLong = true
                            }
                            i &+= run
                            if run == 8 { continue }
                        }
                        finish(i)
                        i &+= 1
                        continue
                    }
                }
                let byte = text[i]
                let mapped = table[Int(byte)]
                if mapped != 0 && mapped != 0xFF {
                    if tokenStart < 0 { tokenStart = i }
                    if length < maxTokenBytes {
                        scratch[length] = mapped
                        length += 1
                    } else {
                        tooLong = true
                    }
                    i += 1
                } else if mapped == 0 {
                    finish(i)
                    i += 1
                } else {
                    // Non-ASCII: decode one scalar, fold it, append or separate.
                    let (scalar, width) = UTF8Scalars.decode(text, at: i)
                    let folded = Folding.fold(scalar)
                    if folded.isEmpty {
                        finish(i)
                    } else {
                        if tokenStart < 0 { tokenStart = i }
                        if length + folded.count <= maxTokenBytes {
                            for b in folded {
                                scratch[length] = b
                                length += 1
                            }
                        } else {
                            tooLong = true
                        }
                    }
                    i += width
                }
            }
            finish(count)
            return position
        }
    }

    /// Convenience for queries and tests: the normalised tokens of `text` as strings.
    public static func tokens(of text: String) -> [String] {
        var result = [String]()
        var copy = text
        _ = copy.withUTF8 { utf8 in
            forEachToken(in: utf8) { token, _, _, _ in
                result.append(String(decoding: token, as: UTF8.self))
            }
        }
        return result
    }
}

/// Eight ASCII bytes classified at once (SWAR): each function returns the high bit (0x80) of every byte of
/// the word that is in its class, and no other bit. Valid only for words whose bytes are all below 0x80.
@usableFromInline
enum ASCIIWord {
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte that is `>= c` (`c` below 0x80): setting the high bit first keeps every
    /// byte's subtraction from borrowing out of it.
    @inlinable @inline(__always)
    static func atLeast(_ word: UInt64, _ c: UInt8) -> UInt64 {
        ((word | highBits) &- UInt64(c) &* 0x0101_0101_0101_0101) & highBits
    }

    /// Bytes "0"..."9".
    @inlinable @inline(__always)
    static func digits(_ word: UInt64) -> UInt64 { atLeast(word, 0x30) & ~atLeast(word, 0x3A) }

    /// Bytes "A"..."Z" and "a"..."z" (a letter with 0x20 set is lower case; `letters >> 2` is that bit).
    @inlinable @inline(__always)
    static func letters(_ word: UInt64) -> UInt64 {
        let lower = word | 0x2020_2020_2020_2020
        return atLeast(lower, 0x61) & ~atLeast(lower, 0x7B)
    }
}

/// Minimal UTF-8 scalar decoding over raw bytes; invalid sequences decode as U+FFFD of width 1.
public enum UTF8Scalars {
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        let count = bytes.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard i + k < count else { return nil }
            let b = bytes[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 < 0x80 { return (b0, 1) }
        if b0 >= 0xC2 && b0 <= 0xDF, let c1 = cont(1) {
            return (((b0 & 0x1F) << 6) | c1, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF, let c1 = cont(1), let c2 = cont(2) {
            let v = ((b0 & 0x0F) << 12) | (c1 << 6) | c2
            if v >= 0x800 && !(0xD800...0xDFFF).contains(v) { return (v, 3) }
        }
        if b0 >= 0xF0 && b0 <= 0xF4, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            let v = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
        }
        return (0xFFFD, 1)
    }
}
