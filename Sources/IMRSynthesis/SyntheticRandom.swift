// SyntheticRandom: the deterministic generator behind the synthetic corpus — SplitMix64 plus the draws
// the letter generator needs (uniform, weighted, Zipf-distributed picks). Same seed, same letters.

public struct SyntheticRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n.
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// Uniform in range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An item of `table`, rank r drawn with weight 1 / (r + 1)^s.
    public mutating func zipf<T>(_ table: ZipfTable<T>) -> T {
        let u = Double(next() >> 11) / Double(1 << 53) * table.total
        var low = 0
        var high = table.cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table.cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return table.items[low]
    }
}

/// Items with precomputed cumulative Zipf weights.
public struct ZipfTable<T> {
    let items: [T]
    let cumulative: [Double]
    let total: Double

    public init(_ items: [T], exponent: Double = 1.0) {
        self.items = items
        var sum = 0.0
        var c: [Double] = []
        for r in 0..<items.count {
            sum += 1 / pow(Double(r + 1), exponent)
            c.append(sum)
        }
        cumulative = c
        total = sum
    }
}

#if canImport(Glibc)
    import Glibc
#endif
