// InvertBenchmark: `imrbench invert --corpus DIR [--limit N] [--repeat R]` — the batch inverter alone on
// letters parsed beforehand (InversionTiming): seconds to add and to serialise, best of R (JSON).
import IMRSearch

enum InvertBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let limit = options.int("--limit", 20000)
        let repeatCount = max(1, options.int("--repeat", 3))
        var records: [LetterRecord] = []
        var bytes = 0
        for file in CorpusWalker(paths: [corpus]).files.prefix(limit) {
            guard let data = try? FileIO.readAll(file) else { continue }
            bytes += data.count
            records.append(LetterParser.parse(bytes: data, file: file))
        }
        var best = (add: Double.infinity, serialize: Double.infinity)
        for _ in 0..<repeatCount {
            let t = InversionTiming.time(records)
            best = (min(best.add, t.add), min(best.serialize, t.serialize))
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "invert")
        w.field("letters", records.count)
        w.field("input_bytes", bytes)
        w.field("add_s", best.add, digits: 3)
        w.field("serialize_s", best.serialize, digits: 3)
        w.field("mb_per_s", Double(bytes) / 1_048_576 / max(best.add + best.serialize, 1e-9), digits: 1)
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
