// imrbench: the benchmark instrument of imrsearch — synthetic corpora, in-process build and query timing
// in the output shapes of the peers' driver (../shared/bench/peers.py), cold-start timing, parse
// throughput. `imrbench --help` lists the commands; Benchmarks/compare.sh runs them beside tantivy and
// SQLite FTS5.
import IMRSearch

#if canImport(Glibc)
    import Glibc
#endif

let usage = """
    usage: imrbench COMMAND [options]

    commands:
      synth --letters N --out DIR [--seed S]              write N synthetic letters (+ DIR/labels.jsonl)
      build --corpus DIR --index FILE [--jobs N] [--run-memory-mb M]
                                                           build and time the phases (JSON)
      query --index FILE --queries FILE [--repeat R] [--k 10] [--synonyms]
                                                           per-class latency, peers.py format (JSON)
      cold --index FILE --query Q [--runs 11] [--binary PATH]    whole-process time of imrsearch (JSON)
      parse --corpus DIR [--repeat N]                      single-core parse throughput (JSON)
      store --corpus DIR [--limit N] [--repeat R]          stored-text codec: ratio and speeds (JSON)
      invert --corpus DIR [--limit N] [--repeat R]         the batch inverter alone on parsed letters (JSON)
      read --corpus DIR [--readers 4]                      the build's reading of the letter files alone (JSON)
      stats --index FILE --queries FILE [--repeat R]       latency of outcome statistics (JSON)
      similar --corpus DIR --index FILE                    self-retrieval rates of 'similar' (JSON)
      classify --corpus DIR [--list] [--repeat N]          items the treatment classifier leaves unclassified
      suggest --index FILE (--words FILE | --word W | --mutate N [--length 10] [--seed S]) [--repeat R] [--brute]
                                                           spelling-suggestion latency, p50/p99 µs per word (JSON)
      update --corpus DIR --work DIR [--new 500] [--changed 50] [--deleted 50] [--jobs N] [--repeat R]
                                                           index --update against a full rebuild, and query
                                                           latency on the updated index (JSON)
      noop                                                 exits at once (the floor of 'cold')

    """

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    StandardStreams.error(usage)
    exit(2)
}
let rest = Array(arguments.dropFirst())
let status: Int32
switch command {
case "synth": status = SynthCommand.run(rest)
case "build": status = BuildCommand.run(rest)
case "query": status = QueryCommand.run(rest)
case "cold": status = ColdCommand.run(rest)
case "parse": status = ParseBenchmark.run(rest)
case "store": status = StoreBenchmark.run(rest)
case "invert": status = InvertBenchmark.run(rest)
case "read": status = ReadBenchmark.run(rest)
case "stats": status = StatsBenchmark.run(rest)
case "similar": status = SimilarBenchmark.run(rest)
case "classify": status = ClassifyCommand.run(rest)
case "suggest": status = SuggestBenchmark.run(rest)
case "update": status = UpdateBenchmark.run(rest)
case "noop": status = 0
case "--help", "-h", "help":
    StandardStreams.output(usage)
    status = 0
default:
    StandardStreams.error("imrbench: unknown command '\(command)'\n" + usage)
    status = 2
}
exit(status)
