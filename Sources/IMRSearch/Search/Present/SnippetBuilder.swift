// SnippetBuilder: the quotable passage of a hit — the window of about 200 bytes of the rationale holding
// the most distinct query terms (then the most matches), started at a sentence start when that keeps the
// matches in view, cut at word boundaries, with the byte ranges of the matched words for highlighting.

public struct Snippet: Equatable, Sendable {
    public var text: String
    /// Byte ranges into `text.utf8` of the matched words.
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }
}

public enum SnippetBuilder {
    static let ellipsis: [UInt8] = Array("…".utf8)

    public static func best(
        in text: String, matching terms: Set<String>, prefixes: [String] = [], targetBytes: Int = 200
    ) -> Snippet {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return Snippet(text: "", highlights: []) }
        var matches: [(start: Int, end: Int, key: String)] = []
        _ = bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer) { token, _, start, end in
                let word = String(decoding: token, as: UTF8.self)
                if terms.contains(word) {
                    matches.append((start, end, word))
                } else if let p = prefixes.first(where: { word.hasPrefix($0) }) {
                    matches.append((start, end, p + "*"))
                }
            }
        }
        var bestStart = 0
        var bestEnd = -1
        var bestScore = (-1, -1)
        var j = 0
        for i in 0..<matches.count {
            if j < i { j = i }
            while j + 1 < matches.count && matches[j + 1].end - matches[i].start <= targetBytes { j += 1 }
            let distinct = Set(matches[i...j].map(\.key)).count
            let score = (distinct, j - i + 1)
            if score > bestScore {
                bestScore = score
                bestStart = i
                bestEnd = j
            }
        }
        var start = 0
        var end = min(bytes.count, targetBytes)
        if bestEnd >= 0 {
            let spanStart = matches[bestStart].start
            let spanEnd = matches[bestEnd].end
            let slack = max(0, targetBytes - (spanEnd - spanStart))
            start = spanStart
            // Back to a sentence start within the slack, else a little context before the first match.
            var k = spanStart
            var sentence: Int?
            while k > 0 && spanStart - k < slack {
                if k >= 2 && bytes[k - 1] == 32 && (bytes[k - 2] == 46 || bytes[k - 2] == 58) {
                    sentence = k
                    break
                }
                k -= 1
            }
            if k == 0 { sentence = 0 }
            if let sentence {
                start = sentence
            } else {
                start = max(0, spanStart - slack / 3)
                while start > 0 && start < spanStart && bytes[start - 1] != 32 { start += 1 }
            }
            end = max(spanEnd, min(bytes.count, start + targetBytes))
        }
        // Cut at word boundaries, never inside a UTF-8 sequence.
        if end < bytes.count {
            var e = end
            while e > start && bytes[e] != 32 { e -= 1 }
            if e > start && (bestEnd < 0 || e >= matches[bestEnd].end) { end = e }
        }
        while end < bytes.count && end > 0 && bytes[end] & 0xC0 == 0x80 { end += 1 }
        while start > 0 && start < bytes.count && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var out: [UInt8] = []
        if start > 0 { out.append(contentsOf: ellipsis) }
        let shift = out.count - start
        out.append(contentsOf: bytes[start..<end])
        while out.last == 32 { out.removeLast() }
        if end < bytes.count { out.append(contentsOf: ellipsis) }
        var highlights: [Range<Int>] = []
        for m in matches where m.start >= start && m.end <= end {
            highlights.append((m.start + shift)..<(m.end + shift))
        }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }
}
