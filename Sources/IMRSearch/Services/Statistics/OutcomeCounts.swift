// OutcomeCounts: how many decisions of a group were upheld, overturned or something else, and the
// overturn rate with its 95% Wilson score interval. With 7 decisions, "1 of 7 overturned" is 14% with an
// interval of 3%–51%; the interval is what tells a user how much the rate can be trusted.

public struct OutcomeCounts: Sendable, Equatable {
    public var upheld = 0
    public var overturned = 0
    public var other = 0

    public init(upheld: Int = 0, overturned: Int = 0, other: Int = 0) {
        self.upheld = upheld
        self.overturned = overturned
        self.other = other
    }

    public var total: Int { upheld + overturned + other }

    /// Adds one decision by its column code (0 upheld, 1 overturned, anything else other).
    @inline(__always)
    public mutating func add(code: UInt8) {
        switch code {
        case 0: upheld += 1
        case 1: overturned += 1
        default: other += 1
        }
    }

    public static func + (a: OutcomeCounts, b: OutcomeCounts) -> OutcomeCounts {
        OutcomeCounts(upheld: a.upheld + b.upheld, overturned: a.overturned + b.overturned, other: a.other + b.other)
    }

    /// Overturned ÷ all decisions of the group; nil for an empty group.
    public var overturnRate: Double? { total > 0 ? Double(overturned) / Double(total) : nil }

    /// The 95% Wilson score interval of the overturn rate; nil for an empty group.
    public var interval95: (low: Double, high: Double)? {
        WilsonInterval.bounds(successes: overturned, trials: total, z: WilsonInterval.z95)
    }
}

public enum WilsonInterval {
    /// The two-sided 95% quantile of the standard normal distribution.
    public static let z95 = 1.959963984540054

    /// Wilson's score interval for `successes` of `trials`:
    /// (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), clamped to [0, 1]; nil when `trials` is 0.
    public static func bounds(successes: Int, trials: Int, z: Double) -> (low: Double, high: Double)? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At the ends the bound is exactly 0 or 1; rounding must not leave a hair of the other side.
        let low = successes == 0 ? 0 : max(0, center - half)
        let high = successes == trials ? 1 : min(1, center + half)
        return (low, high)
    }
}
