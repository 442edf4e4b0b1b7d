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
// Works on UTF-8 bytes; ASCII runs through a 256-entry table and never allocates. Invalid UTF-8 bytes
// are separators.

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
            while i < count {
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
