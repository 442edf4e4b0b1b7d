// QueryCommand: `imrbench query --index FILE --queries FILE [--repeat R] [--k 10] [--synonyms] [--threads N]` — the same protocol as
// peers.py query: a warm-up pass (keeping the top-k ids), exact counts (untimed), then R timed passes of
// query parsing + top-k search + fetch of the k ids; per class p50/p95/p99 and hits, per query its p50
// and top ids, in peers.py's JSON shape so `peers.py compare` can compare the engines. Queries run literally
// (QueryParser.parse, no SynonymExpander), as the peer engines do: the engines do equal work. `--synonyms`
// (never for a peer comparison) expands them as the search command does, to time the expanded queries.
// `--threads N` caps the threads a heavy positional query is cut among (`Searcher.threads`; default: the
// cores); `--threads 1` searches every query on one thread, as the peers do.
import IMRSearch

enum QueryCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let indexPath = options.require("--index")
        let queriesPath = options.require("--queries")
        let repeatCount = options.int("--repeat", 5)
        let k = options.int("--k", 10)
        let synonyms = options.flags.contains("--synonyms")
        let index: IndexSnapshot
        let queries: [(String, String)]
        do {
            index = try IndexSnapshot.open(path: indexPath)
            queries = try loadQueryFile(queriesPath)
        } catch {
            StandardStreams.error("imrbench query: \(error)\n")
            return 1
        }
        let searcher = Searcher(index: index)
        searcher.threads = max(1, options.int("--threads", Searcher.defaultThreads))
        func node(_ q: String) throws -> QueryNode {
            let literal = try QueryParser.parse(q)
            return synonyms ? SynonymExpander.expand(literal).query : literal
        }
        func topIDs(_ q: String) throws -> [String] {
            let node = try node(q)
            return try searcher.search(node, limit: k).map { searcher.identifier(ofItem: $0.item, segment: $0.segment) }
        }
        var tops: [[String]] = []
        var counts: [Int] = []
        do {
            for (_, q) in queries { tops.append(try topIDs(q)) }
            for (_, q) in queries { counts.append(try searcher.count(try node(q))) }
        } catch {
            StandardStreams.error("imrbench query: \(error)\n")
            return 1
        }
        var samples = [[Double]](repeating: [], count: queries.count)
        for _ in 0..<repeatCount {
            for (i, (_, q)) in queries.enumerated() {
                let t = Stopwatch()
                _ = try? topIDs(q)
                samples[i].append(Double(t.nanoseconds) / 1000)
            }
        }
        var classes: [String] = []
        var byClass: [String: (samples: [Double], hits: Int, queries: Int)] = [:]
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "query")
        w.field("engine", synonyms ? "imrsearch+synonyms" : "imrsearch")
        w.field("k", k)
        w.field("repeat", repeatCount)
        w.field("threads", searcher.threads)
        w.field("timed", "query parse + top-k + fetch of k ids, in-process; counts untimed")
        w.key("per_query")
        w.beginArray()
        for (i, (cls, q)) in queries.enumerated() {
            if byClass[cls] == nil { classes.append(cls) }
            var entry = byClass[cls] ?? ([], 0, 0)
            entry.samples += samples[i]
            entry.hits += counts[i]
            entry.queries += 1
            byClass[cls] = entry
            w.beginObject()
            w.field("class", cls)
            w.field("query", q)
            w.field("hits", counts[i])
            w.field("p50_us", percentile(samples[i].sorted(), 50), digits: 1)
            w.field("top", tops[i])
            w.endObject()
        }
        w.endArray()
        w.key("classes")
        w.beginObject()
        for cls in classes {
            let e = byClass[cls]!
            let s = e.samples.sorted()
            w.key(cls)
            w.beginObject()
            w.field("queries", e.queries)
            w.field("hits", e.hits)
            w.field("p50_us", percentile(s, 50), digits: 1)
            w.field("p95_us", percentile(s, 95), digits: 1)
            w.field("p99_us", percentile(s, 99), digits: 1)
            w.endObject()
        }
        w.endObject()
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
