// Folding: maps one non-ASCII Unicode scalar to the bytes it contributes to a token (lower-cased,
// accents folded to ASCII for Latin-1 and Latin Extended-A), or to nothing when it separates tokens.
// Only reached for non-ASCII bytes; ASCII never comes here.

public enum Folding {
    /// ASCII bases of U+00C0...U+00FF ("" = separator: × and ÷).
    static let latin1: [[UInt8]] = {
        let bases = [
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        ]
        return bases.map { Array($0.utf8) }
    }()

    /// ASCII bases of U+0100...U+017F, as runs of (base, count).
    static let latinExtendedA: [[UInt8]] = {
        let runs: [(String, Int)] = [
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2), ("j", 2),
            ("k", 3), ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12),
            ("w", 2), ("y", 3), ("z", 6), ("s", 1),
        ]
        var table = [[UInt8]]()
        for (base, count) in runs {
            for _ in 0..<count { table.append(Array(base.utf8)) }
        }
        precondition(table.count == 128)
        return table
    }()

    /// The folded bytes of `scalar`; empty when it separates tokens.
    public static func fold(_ scalar: UInt32) -> [UInt8] {
        switch scalar {
        case 0xC0...0xFF: return latin1[Int(scalar - 0xC0)]
        case 0x100...0x17F: return latinExtendedA[Int(scalar - 0x100)]
        case 0xFFFD: return []
        default:
            guard let s = Unicode.Scalar(scalar) else { return [] }
            let props = s.properties
            guard props.isAlphabetic || props.numericType != nil else { return [] }
            return Array(props.lowercaseMapping.utf8)
        }
    }
}
