// CommonWords: the words so frequent in the letters' item text that a phrase made of them reads huge
// postings lists ("the", "is", "not", "request", "medically", "necessary"...), and the word pairs and triples
// built from them. The index holds every pair of two such words that stand side by side in one column of an
// item's text as an extra term of the `itemPairs` field (Lucene's common grams, the "next-word index" of
// Williams, Zobel and Bahle), with its frequency per column and no positions, and every triple of three
// such words as a term of the `itemTriples` field, with its documents only: a phrase of common words then
// intersects short pair lists instead of the words' long ones, a two-word phrase of them is answered by its
// pair's postings alone, and a longer one reads positions only where a rare triple of it stands. The list is
// part of the index format (IndexFormat.version): changing it requires a new version, so that a reader never
// looks for pairs or triples an index does not hold.

public enum CommonWords {
    /// The common words: English function words and the boilerplate words of the letters' rationales (the
    /// most frequent in the real letters of `../shared/real`).
    public static let words: [String] = [
        "a", "an", "and", "any", "appropriate", "are", "as", "at", "based", "be", "been", "but", "by", "clinical",
        "decision", "did", "do", "documentation", "does", "evidence", "for", "from", "functional", "guideline",
        "guidelines", "had", "has", "have", "if", "improvement", "in", "injured", "is", "it", "its", "medical",
        "medically", "necessary", "no", "not", "of", "on", "or", "pain", "patient", "physical", "recommended",
        "records", "request", "requested", "review", "than", "that", "the", "their", "there", "therapy", "these",
        "this", "to", "treatment", "was", "were", "which", "with", "worker",
    ]

    /// Number of common words; a pair's code is `first · count + second`.
    public static let count = words.count

    /// The words' bytes in byte order: `index(of:)` searches them, and a word's index is its place here.
    private static let bytes: [[UInt8]] = words.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }

    /// The index of `token` (folded token bytes) among the common words, or -1.
    /// - Complexity: O(log count) byte comparisons; no allocation.
    public static func index(of token: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0
        var high = bytes.count
        while low < high {
            let mid = (low + high) / 2
            let order = bytes[mid].withUnsafeBufferPointer { compare($0, token) }
            if order == 0 { return mid }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return -1
    }

    /// The index of a query token among the common words, or -1.
    public static func index(of token: String) -> Int {
        var token = token
        return token.withUTF8 { index(of: $0) }
    }

    /// The pair term of the common words with indices `first` and `second`: their bytes joined by one
    /// space (a token never holds a space).
    public static func pairTerm(_ first: Int, _ second: Int) -> [UInt8] {
        bytes[first] + [0x20] + bytes[second]
    }

    /// The pair term of two query tokens, when both are common words.
    public static func pairTerm(_ first: String, _ second: String) -> String? {
        let a = index(of: first)
        let b = index(of: second)
        guard a >= 0, b >= 0 else { return nil }
        return first + " " + second
    }

    /// Number of pair codes; a triple's code is `pairCodes + (first · count + second) · count + third`.
    public static let pairCodes = count * count
    /// Number of pair and triple codes.
    public static let gramCodes = pairCodes + pairCodes * count

    /// The term of a pair or triple code: the words' bytes joined by single spaces.
    public static func gramTerm(_ code: Int) -> [UInt8] {
        if code < pairCodes { return pairTerm(code / count, code % count) }
        let triple = code - pairCodes
        return bytes[triple / pairCodes] + [0x20] + bytes[triple / count % count] + [0x20] + bytes[triple % count]
    }

    /// The triple term of three query tokens, when all three are common words.
    public static func tripleTerm(_ first: String, _ second: String, _ third: String) -> String? {
        guard index(of: first) >= 0, index(of: second) >= 0, index(of: third) >= 0 else { return nil }
        return first + " " + second + " " + third
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
