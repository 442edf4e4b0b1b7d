// ColdCommand: `imrbench cold --index FILE --query Q [--runs 11] [--binary PATH]` — the median wall time
// of a new `imrsearch` process that opens the index and answers one query (page cache warm: one run first),
// beside the median of a trivial Swift executable (`imrbench noop`) as the floor.
import Foundation
import IMRSearch

enum ColdCommand {
    static func time(_ executable: String, _ arguments: [String]) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let t = Stopwatch()
        try p.run()
        p.waitUntilExit()
        return Double(t.nanoseconds) / 1e6
    }

    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let index = options.require("--index")
        let query = options.require("--query")
        let runs = options.int("--runs", 11)
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = options.string("--binary") ?? here.appendingPathComponent("imrsearch").path
        let noop = here.appendingPathComponent("imrbench").path
        do {
            let args = ["--index", index, query]
            _ = try time(binary, args)
            var samples: [Double] = []
            var floor: [Double] = []
            for _ in 0..<runs {
                samples.append(try time(binary, args))
                floor.append(try time(noop, ["noop"]))
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
                "a new imrsearch process opens the index, answers the query and prints 10 hits with snippets; floor: a Swift executable that exits at once"
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
