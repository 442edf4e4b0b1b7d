// ColdCommand: `imrbench cold --index FILE --query Q [--runs 11] [--binary PATH]` — the median wall time
// of a new `imrsearch` process that opens the index, answers one query and prints 10 hits with snippets
// (page cache warm: one run first), beside the median of `imrsearch --help` (the same executable doing
// nothing: the floor of process start-up). Processes start with posix_spawn, output to /dev/null. The query
// runs with --exact (no synonym expansion), as the peer engines run it: the engines do equal work.
import IMRSearch

#if canImport(Glibc)
    import Glibc
#endif

enum ColdCommand {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Milliseconds from spawn to exit of `executable arguments...`.
    static func time(_ executable: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let clock = Stopwatch()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw SpawnError(description: "\(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Double(clock.nanoseconds) / 1e6
    }

    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let index = options.require("--index")
        let query = options.require("--query")
        let runs = options.int("--runs", 11)
        let me = CommandLine.arguments[0]
        let folder = me.contains("/") ? String(me[..<me.lastIndex(of: "/")!]) : "."
        let binary = options.string("--binary") ?? folder + "/imrsearch"
        do {
            let args = ["--index", index, query, "--exact"]
            _ = try time(binary, args)
            var samples: [Double] = []
            var floor: [Double] = []
            for _ in 0..<runs {
                samples.append(try time(binary, args))
                floor.append(try time(binary, ["--help"]))
            }
            var w = JSONWriter()
            w.beginObject()
            w.field("cmd", "cold")
            w.field("engine", "imrsearch")
            w.field("query", query)
            w.field("median_ms", percentile(samples.sorted(), 50), digits: 2)
            w.field("floor_median_ms", percentile(floor.sorted(), 50), digits: 2)
            w.field(
                "note",
                "a new imrsearch process opens the index, answers the query (--exact: literal, as the peers) and prints 10 hits with snippets; floor: imrsearch --help"
            )
            w.endObject()
            StandardStreams.output(w.string + "\n")
            return 0
        } catch {
            StandardStreams.error("imrbench cold: \(error)\n")
            return 1
        }
    }
}
