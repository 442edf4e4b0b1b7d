// SimilarCommand: `imrsearch similar FILE|- [--treatment TEXT] [--limit N] [--top N] [--json] [--explain]`
// — precedents for a dispute: what was understood as requested, the decided items most like it, and the
// odds (PrecedentSearch). Hits print as search prints them.

public enum SimilarCommand {
    static let help = """
        usage: imrsearch similar FILE|- [--treatment TEXT] [--limit N] [--top N] [--json] [--explain]
                                 [--exact] [--index FILE]

        Finds the decided items most like a dispute: a UR denial, a request for authorization, a progress
        report or an IMR letter (text or PDF; - reads standard input, so you can paste). It prints what it
        understood as requested (correct it with --treatment), the precedents ranked by a more-like-this
        query built from the document, and the odds: the overturn rate with its 95% interval among the top
        precedents and among all decisions of the same category and body region.
          imrsearch similar denial.txt
          pbpaste | imrsearch similar - --treatment "Acupuncture 2x4 lumbar spine"

        options:
          --treatment TEXT  the requested treatment, instead of what the document seems to ask for
          --limit N         precedents to show (default 10)
          --top N           precedents the odds are taken over (default 25)
          --json            one JSON object: request, treatments, query, hits, odds
          --explain         show how the request was found, the query, and each hit's score
          --exact           run the query without expanding synonyms and abbreviations
          --index FILE      index to search (default: $IMRSEARCH_INDEX, else imrsearch.idx)
          -h, --help        show this help

        exit status: 0 precedents found, 1 none, 2 usage error or unreadable input, 3 index missing or corrupt

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch", flags: ["--json", "--explain", "--exact"],
            options: ["--index", "--limit", "--top", "--treatment"], help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        let limit: Int
        let topN: Int
        do {
            limit = try args.integer("--limit", default: 10, range: 1...10_000)
            topN = try args.integer("--top", default: 25, range: 1...10_000)
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return ExitCode.usage
        }
        guard args.positionals.count == 1, let source = args.positionals.first else {
            StandardStreams.error("imrsearch similar: give one FILE, or - to read standard input; try --help\n")
            return ExitCode.usage
        }
        let document: String
        do {
            document = try DisputeDocument.text(of: source)
        } catch {
            StandardStreams.error("imrsearch similar: \(error)\n")
            return ExitCode.usage
        }
        let (path, isDefault) = args.indexPath()
        guard let index = SearchCommand.openIndex(path: path, buildIfMissing: isDefault) else {
            return ExitCode.badIndex
        }
        let result: PrecedentResult
        do {
            result = try PrecedentSearch(index: index).run(
                document: document, treatment: args.value("--treatment"), limit: limit, topN: topN,
                exact: args.has("--exact"))
        } catch {
            StandardStreams.error("imrsearch similar: \(error)\n")
            return ExitCode.usage
        }
        if result.query.isEmpty {
            StandardStreams.error(
                "imrsearch similar: nothing to compare: \(source == "-" ? "the input" : source) names no treatment and no "
                    + "word the index knows; give the request with --treatment TEXT\n")
            return ExitCode.noHits
        }
        let explain = args.has("--explain")
        let searcher = Searcher(index: index)
        var query = (try? QueryParser.parse(result.query.isEmpty ? "*" : result.query)) ?? .matchAll
        if !args.has("--exact") { query = SynonymExpander.expand(query).query }
        let tokens = Set(
            result.treatments.flatMap { Tokenizer.tokens(of: $0.request.text) }
                + query.positiveTextTokens.filter {
                    !$0.hasSuffix("*")
                })
        var records: [LetterKey: LetterRecord] = [:]
        func view(_ hit: SearchHit, rank: Int, format: OutputFormat) -> [UInt8] {
            let reader = index.reader(of: hit)
            let key = LetterKey(segment: hit.segment, letter: reader.letter(ofItem: hit.item))
            if records[key] == nil { records[key] = reader.record(ofLetter: key.letter) }
            var printer = ResultPrinter(format: format)
            return printer.hit(
                SearchCommand.hitView(
                    reader: reader, hit: hit, rank: rank, record: records[key], tokens: tokens, prefixes: [],
                    explanation: explain
                        ? (try? searcher.explain(query, item: hit.item, segment: hit.segment)) ?? [] : []))
        }
        if args.has("--json") {
            var w = JSONWriter()
            w.beginObject()
            w.field("request", result.treatments.first?.request.text)
            w.key("treatments")
            w.beginArray()
            for t in result.treatments {
                w.beginObject()
                w.field("text", t.request.text)
                w.field("found_in", t.request.source.rawValue)
                w.field("category", t.treatmentClass.category)
                w.field("subcategory", t.treatmentClass.subcategory)
                w.field("drug", t.treatmentClass.drug)
                w.field("region", t.treatmentClass.region)
                w.endObject()
            }
            w.endArray()
            w.field("query", result.query)
            w.key("hits")
            w.beginArray()
            for (k, hit) in result.hits.enumerated() { w.rawValue(view(hit, rank: k + 1, format: .json).dropLast()) }
            w.endArray()
            w.key("odds")
            w.beginObject()
            w.key("top")
            w.beginObject()
            w.field("n", min(result.topN, result.top.total))
            StatsPrinter.counts(result.top, into: &w)
            w.endObject()
            w.key("same_category_region")
            if let same = result.sameClass {
                w.beginObject()
                w.field("query", same.query)
                StatsPrinter.counts(same.counts, into: &w)
                w.endObject()
            } else {
                w.null()
            }
            w.key("overturned_sources")
            w.beginObject()
            for (s, n) in result.overturnedSources { w.field(s, n) }
            w.endObject()
            w.endObject()
            w.endObject()
            StandardStreams.output(bytes: w.bytes + [10])
            return result.hits.isEmpty ? ExitCode.noHits : ExitCode.ok
        }
        let color = StandardStreams.colorEnabled(fd: 1)
        var out = ""
        if result.treatments.isEmpty {
            out += "requested: (no treatment found; give it with --treatment TEXT)\n"
        }
        for t in result.treatments {
            out += "requested: \(t.request.text)\(describe(t.treatmentClass))\n"
            if explain { out += "  (found as a \(t.request.source.rawValue))\n" }
        }
        if explain { out += "query: \(result.query)\n" }
        var bytes = Array(out.utf8)
        for (k, hit) in result.hits.enumerated() { bytes += view(hit, rank: k + 1, format: .human(color: color)) }
        if result.hits.isEmpty { bytes += Array("\nno precedents found\n".utf8) }
        var odds = "\nodds\n"
        odds += "  top \(min(result.topN, result.top.total)) precedents: \(line(result.top))\n"
        if let same = result.sameClass {
            odds += "  every \(same.label) decision: \(line(same.counts))   (imrsearch stats '\(same.query)')\n"
        }
        if !result.overturnedSources.isEmpty {
            odds +=
                "  overturned precedents citing: "
                + result.overturnedSources.map { "\($0.source) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        bytes += Array(odds.utf8)
        StandardStreams.output(bytes: bytes)
        return result.hits.isEmpty ? ExitCode.noHits : ExitCode.ok
    }

    static func describe(_ c: TreatmentClass) -> String {
        var parts: [String] = []
        if let category = c.category { parts.append(category + (c.subcategory.map { " / " + $0 } ?? "")) }
        if let drug = c.drug { parts.append("drug " + drug) }
        if !c.regions.isEmpty { parts.append("region " + c.regions.joined(separator: ", ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    static func line(_ c: OutcomeCounts) -> String {
        guard c.total > 0 else { return "no decisions" }
        return
            "\(StatsPrinter.grouped(c.overturned)) of \(StatsPrinter.grouped(c.total)) overturned (\(StatsPrinter.rateText(c)))"
    }
}
