// Stopwatch: monotonic wall-clock timing (CLOCK_MONOTONIC), for phase timings and query latency.
#if canImport(Glibc)
    import Glibc
#endif

public struct Stopwatch {
    private let start: UInt64

    public init() { start = Stopwatch.nowNanoseconds() }

    public static func nowNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    public var nanoseconds: UInt64 { Stopwatch.nowNanoseconds() &- start }
    public var seconds: Double { Double(nanoseconds) / 1e9 }
}
