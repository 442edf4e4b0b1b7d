// Options: the tiny "--name value" reader of the benchmark commands.

import IMRSearch

struct Options {
    private var values: [String: String] = [:]
    private(set) var flags: Set<String> = []

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--"), i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") {
                values[a] = arguments[i + 1]
                i += 2
            } else {
                flags.insert(a)
                i += 1
            }
        }
    }

    func string(_ name: String) -> String? { values[name] }
    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap { Int($0) } ?? fallback }

    func require(_ name: String) -> String {
        guard let v = values[name] else {
            StandardStreams.error("imrbench: \(name) is required\n")
            exit(2)
        }
        return v
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Linear-interpolation percentile of sorted values (as peers.py computes it).
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = Double(sorted.count - 1) * p / 100
    let low = Int(position)
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
}

/// The (class, query) lines of a query file (`class<TAB>query`; blank lines and `#` comments skipped), as
/// `Benchmarks/queries.tsv` and the peers' driver write them.
func loadQueryFile(_ path: String) throws -> [(String, String)] {
    let text = String(decoding: try FileIO.readAll(path), as: UTF8.self)
    return text.split(separator: "\n").compactMap { line in
        let l = line.trimmingPrefix(" ")
        if l.isEmpty || l.hasPrefix("#") { return nil }
        let parts = l.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
