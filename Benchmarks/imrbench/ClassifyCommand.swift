// ClassifyCommand: `imrbench classify --corpus DIR [--list]` — how many disputed items the treatment
// classifier leaves without a category: every letter of DIR parsed, its items' decided treatments counted.
// With --list, the unclassified treatments follow, one a line, after the JSON summary. --repeat N also times
// the classifier alone over every decided treatment, N passes (items_per_s).
import IMRSearch

enum ClassifyCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let files = CorpusWalker(paths: [corpus]).files
        var items = 0
        var unclassified: [String] = []
        var withDrug = 0
        var withRegion = 0
        var pharmaceuticals = 0
        var treatments: [String] = []
        for f in files {
            guard let b = try? FileIO.readAll(f) else { continue }
            for item in LetterParser.parse(bytes: b, file: f).items {
                items += 1
                treatments.append(item.decidedTreatment)
                let c = item.treatmentClass
                if c.category == nil { unclassified.append(item.decidedTreatment) }
                if c.category == "Pharmaceuticals" {
                    pharmaceuticals += 1
                    if c.drug != nil { withDrug += 1 }
                }
                if c.region != nil { withRegion += 1 }
            }
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "classify")
        w.field("letters", files.count)
        w.field("items", items)
        w.field("unclassified", unclassified.count)
        w.field("unclassified_share", Double(unclassified.count) / Double(max(items, 1)), digits: 4)
        w.field("pharmaceuticals", pharmaceuticals)
        w.field("pharmaceuticals_with_drug", withDrug)
        w.field("with_region", withRegion)
        let repeatCount = options.int("--repeat", 0)
        if repeatCount > 0 {
            var regions = 0
            let clock = Stopwatch()
            for _ in 0..<repeatCount {
                for t in treatments { regions += TreatmentClassifier.classify(t).regions.count }
            }
            let seconds = clock.seconds
            w.field("classify_seconds", seconds, digits: 3)
            w.field("items_per_s", Double(treatments.count * repeatCount) / max(seconds, 1e-9), digits: 0)
            w.field("regions_found", regions / repeatCount)
        }
        w.endObject()
        StandardStreams.output(w.string + "\n")
        if options.flags.contains("--list") {
            for t in unclassified { StandardStreams.output(t + "\n") }
        }
        return 0
    }
}
