// ProcessMemory: the process's resident memory and CPU time, for build summaries and benchmarks.
#if canImport(Glibc)
    import Glibc
#endif

public enum ProcessMemory {
    /// CPU seconds (user + system) the process has used so far, over all its threads.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set size (getrusage ru_maxrss).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
