// ParseBenchmark: `imrbench parse --corpus DIR [--repeat N]` — single-core parse throughput: every letter
// of DIR read into memory first, then LetterParser.parse timed over N passes.
import IMRSearch

enum ParseBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let repeatCount = options.int("--repeat", 5)
        let files = CorpusWalker(paths: [corpus]).files
        var letters: [([UInt8], String)] = []
        var bytes = 0
        for f in files {
            guard let b = try? FileIO.readAll(f) else { continue }
            letters.append((b, f))
            bytes += b.count
        }
        var items = 0
        let clock = Stopwatch()
        for _ in 0..<repeatCount {
            for (b, f) in letters { items += LetterParser.parse(bytes: b, file: f).items.count }
        }
        let seconds = clock.seconds
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "parse")
        w.field("letters", letters.count * repeatCount)
        w.field("bytes", bytes * repeatCount)
        w.field("items", items)
        w.field("seconds", seconds, digits: 3)
        w.field("mb_per_s", Double(bytes * repeatCount) / 1_048_576 / max(seconds, 1e-9), digits: 1)
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
