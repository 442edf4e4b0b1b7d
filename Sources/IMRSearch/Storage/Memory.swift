// ProcessMemory: the process's resident memory, for build summaries and benchmarks.
#if canImport(Glibc)
    import Glibc
#endif

public enum ProcessMemory {
    /// Peak resident set size (getrusage ru_maxrss).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
