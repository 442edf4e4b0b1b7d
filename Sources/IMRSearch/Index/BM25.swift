// BM25: the scoring function shared by the build (block-max and term-max bounds) and the search
// (scores, explanations): k1 = 1.2, b = 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5)), summed over
// fields with the weights of `TextSubfield`. Lengths come from the 1-byte norms, so a per-field
// 256-entry table of k1·(1 - b + b·len/avgdl) makes a score a few multiplications.

public enum BM25 {
    @inlinable
    public static func idf(documentCount n: Int, total: Int) -> Double {
        let nn = Double(n)
        return log(1 + (Double(total) - nn + 0.5) / (nn + 0.5))
    }

    /// `table[code]` = k1 · (1 − b + b · length(code) / averageLength).
    public static func lengthTable(averageLength: Double) -> [Double] {
        let avg = averageLength > 0 ? averageLength : 1
        return (0..<256).map { code in
            IndexFormat.k1
                * (1 - IndexFormat.b + IndexFormat.b * Double(FieldNorms.length(ofCode: UInt8(code))) / avg)
        }
    }

    /// The term-frequency part: tf · (k1 + 1) / (tf + K).
    @inlinable
    public static func tfPart(_ tf: UInt32, _ k: Double) -> Double {
        let f = Double(tf)
        return f * (IndexFormat.k1 + 1) / (f + k)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
