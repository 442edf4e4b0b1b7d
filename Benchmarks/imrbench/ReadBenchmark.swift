// ReadBenchmark: `imrbench read --corpus DIR [--readers N]` — the build's reading of the letter files
// alone (ReadTiming: the reader threads of LetterPrefetcher, nothing parsed): files, bytes, MB/s (JSON).
// Drop the page cache first for the cold figure (`echo 3 > /proc/sys/vm/drop_caches`, root).
import IMRSearch

enum ReadBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let readers = max(1, options.int("--readers", 4))
        let t = ReadTiming.time(paths: [corpus], readers: readers)
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "read")
        w.field("readers", readers)
        w.field("files", t.files)
        w.field("bytes", t.bytes)
        w.field("seconds", t.seconds, digits: 3)
        w.field("mb_per_s", Double(t.bytes) / 1e6 / max(t.seconds, 1e-9), digits: 1)
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
