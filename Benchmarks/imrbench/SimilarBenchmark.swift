// SimilarBenchmark: `imrbench similar --corpus DIR --index FILE` — the self-retrieval rates of `imrsearch
// similar` (SelfRetrieval): each letter of DIR, turned into a request without its decisions and
// rationales, searched against an index that holds it; top-1 and top-3 rates, the misses, and the time
// per dispute.
import IMRSearch

enum SimilarBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let indexPath = options.require("--index")
        do {
            let reader = try IndexReader(path: indexPath)
            let letters = CorpusWalker(paths: [corpus]).files.map { file in
                LetterParser.parse(bytes: (try? FileIO.readAll(file)) ?? [], file: file)
            }
            let clock = Stopwatch()
            let rates = try SelfRetrieval.measure(letters, reader: reader)
            let seconds = clock.seconds
            var w = JSONWriter()
            w.beginObject()
            w.field("cmd", "similar")
            w.field("letters", rates.letters)
            w.field("top1", rates.top1)
            w.field("top3", rates.top3)
            w.field("top1_rate", Double(rates.top1) / Double(max(1, rates.letters)), digits: 4)
            w.field("top3_rate", Double(rates.top3) / Double(max(1, rates.letters)), digits: 4)
            w.field("ms_per_dispute", seconds * 1000 / Double(max(1, rates.letters)), digits: 2)
            w.field("misses", rates.misses)
            w.endObject()
            StandardStreams.output(w.string + "\n")
            return 0
        } catch {
            StandardStreams.error("imrbench similar: \(error)\n")
            return 1
        }
    }
}
