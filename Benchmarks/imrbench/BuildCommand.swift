// BuildCommand: `imrbench build --corpus DIR --index FILE [--jobs N] [--run-memory-mb M] [--batch L]` —
// builds the index in-process and prints the figures as JSON (the shape of peers.py build, plus phase
// timings). `--run-memory-mb` sets how many MiB of runs stay in memory before runs spill to files (default
// 768); `--batch` the letters per batch (default `IndexFormat.defaultBatchLetters`).
import IMRSearch

enum BuildCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let index = options.require("--index")
        let jobs = options.int("--jobs", 0)
        let runMemory = options.int("--run-memory-mb", IndexBuilder.inMemoryRunBudget >> 20) << 20
        let batchLetters = max(1, options.int("--batch", IndexFormat.defaultBatchLetters))
        let summary: IndexBuildSummary
        let cpuBefore = ProcessMemory.cpuSeconds()
        do {
            summary = try IndexBuilder.build(
                IndexBuildOptions(
                    paths: [corpus], indexPath: index, jobs: jobs, batchLetters: batchLetters,
                    runMemoryBudget: runMemory))
        } catch {
            StandardStreams.error("imrbench build: \(error)\n")
            return 1
        }
        let cpuSeconds = ProcessMemory.cpuSeconds() - cpuBefore
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "build")
        w.field("engine", "imrsearch")
        w.field("docs", summary.letters)
        w.field("letters", summary.letters)
        w.field("items", summary.items)
        w.field("input_bytes", summary.inputBytes)
        w.field("seconds", summary.seconds, digits: 3)
        w.field("items_per_s", Int(Double(summary.items) / max(summary.seconds, 1e-9)))
        w.field("cpu_seconds", cpuSeconds, digits: 3)
        w.field("index_bytes", summary.indexBytes)
        w.field("peak_rss_mb", Double(summary.peakResidentBytes) / 1_048_576, digits: 1)
        w.field("threads", summary.jobs)
        w.field("terms", summary.terms)
        w.key("phases")
        w.beginObject()
        w.field("read_thread_s", summary.readSeconds, digits: 3)
        w.field("parse_thread_s", summary.parseSeconds, digits: 3)
        w.field("invert_thread_s", summary.invertSeconds, digits: 3)
        w.field("merge_s", summary.mergeSeconds, digits: 3)
        w.field("write_s", summary.writeSeconds, digits: 3)
        w.endObject()
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
