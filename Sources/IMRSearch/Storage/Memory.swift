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

    /// Current resident set size (/proc/self/statm), 0 when unknown.
    public static func currentResidentBytes() -> Int {
        guard let bytes = try? FileIO.readAll("/proc/self/statm") else { return 0 }
        let fields = bytes.split(separator: 32)
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
            return 0
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
