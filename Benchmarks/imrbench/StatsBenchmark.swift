// StatsBenchmark: `imrbench stats --index FILE --queries FILE [--repeat R]` — the latency of `imrsearch
// stats` in process: query parsing, the exact match set and the breakdown by one or two fields (what
// OutcomeStatistics does; printing is not timed). Queries are literal (no synonym expansion), the same
// text the peer gets in Benchmarks/peer_stats.py. Queries file: name <TAB> fields <TAB> query.
import IMRSearch

enum StatsBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let indexPath = options.require("--index")
        let queriesPath = options.require("--queries")
        let repeatCount = max(1, options.int("--repeat", 20))
        let reader: IndexReader
        var queries: [(name: String, fields: [StatsField], text: String)] = []
        do {
            reader = try IndexReader(path: indexPath)
            let text = String(decoding: try FileIO.readAll(queriesPath), as: UTF8.self)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
                guard parts.count == 3 else { continue }
                let fields = parts[1].split(separator: ",").compactMap { StatsField(rawValue: String($0)) }
                queries.append((parts[0], fields, parts[2]))
            }
        } catch {
            StandardStreams.error("imrbench stats: \(error)\n")
            return 1
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "stats")
        w.field("engine", "imrsearch")
        w.field("repeat", repeatCount)
        w.field("items", reader.itemCount)
        w.field("timed", "query parse + exact match set + breakdown, in-process; output not timed")
        w.key("queries")
        w.beginArray()
        for q in queries {
            var statistics = OutcomeStatistics(reader: reader)
            var samples: [Double] = []
            var result: StatsResult?
            do {
                result = try statistics.run(try QueryParser.parse(q.text), by: q.fields)  // warm-up
                for _ in 0..<repeatCount {
                    let t = Stopwatch()
                    result = try statistics.run(try QueryParser.parse(q.text), by: q.fields)
                    samples.append(Double(t.nanoseconds) / 1000)
                }
            } catch {
                StandardStreams.error("imrbench stats: \(q.text): \(error)\n")
                return 1
            }
            samples.sort()
            w.beginObject()
            w.field("name", q.name)
            w.field("query", q.text)
            w.field("by", q.fields.map(\.rawValue).joined(separator: ","))
            w.field("total", result?.totals.total ?? 0)
            w.field("overturned", result?.totals.overturned ?? 0)
            w.field("rows", result?.rows.count ?? 0)
            w.field("cells", result?.rows.reduce(0) { $0 + max(1, $1.rows.count) } ?? 0)
            w.field("p50_us", percentile(samples, 50), digits: 1)
            w.field("p99_us", percentile(samples, 99), digits: 1)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
