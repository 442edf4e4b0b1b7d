// SearchCommand: `imrsearch [search] QUERY... [options]` — the everyday command. Parses the query, opens
// the index (building it from corpus/ on first use when the default index does not exist yet), ranks,
// and prints hits for people, JSON Lines or CSV.

public enum SearchCommand {
    static let help = """
        usage: imrsearch [search] QUERY... [--index FILE] [--limit N] [--offset N]
                         [--json | --csv | --count | --letters] [--explain] [--exact]

        Searches IMR decisions (one hit per treatment decision) and ranks them by BM25.
        Words are ANDed; an argument with spaces and no query syntax is a phrase:
          imrsearch "functional improvement" decision:upheld
          imrsearch treatment:acupuncture decision:overturned year:2016..
          imrsearch '"red flags"~3' source:odg  '(tramadol OR hydrocodone) -norco'
        Abbreviations, brand and generic names expand to their equivalents (PT finds "physical
        therapy", norco finds hydrocodone) and score as one concept; --exact searches as written.
        See README "Query language" and "Synonyms and abbreviations".

        options:
          --index FILE   index to search (default: $IMRSEARCH_INDEX, else imrsearch.idx; built from
                         corpus/ on first use)
          --limit N      hits to show (default 10)
          --offset N     skip the first N hits (paging)
          --json         JSON Lines, one object per hit
          --csv          CSV with a header row
          --count        print only the exact number of matching decisions
          --letters      group hits by letter
          --explain      show what the query expanded to (stderr) and the BM25 breakdown of every hit
          --exact        no synonym or abbreviation expansion: search the words as written
          -h, --help     show this help

        exit status: 0 hits found, 1 no hits, 2 usage or query error, 3 index missing or corrupt
        With no hits, words that matched nothing get "did you mean" suggestions on stderr.

        """

    /// The header counts a query with a phrase exactly up to this many ("1000+" beyond), any other query
    /// exactly (`Searcher.headerCount`); --count is always exact.
    static let positionalCountLimit = 1_000

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch", flags: ["--json", "--csv", "--count", "--letters", "--explain", "--exact"],
            options: ["--index", "--limit", "--offset"], help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        let limit: Int
        let offset: Int
        do {
            limit = try args.integer("--limit", default: 10, range: 0...1_000_000)
            offset = try args.integer("--offset", default: 0, range: 0...100_000_000)
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return ExitCode.usage
        }
        let modes = ["--json", "--csv", "--count", "--letters"].filter { args.has($0) }
        if modes.count > 1 {
            StandardStreams.error("imrsearch: choose one of \(modes.joined(separator: ", "))\n")
            return ExitCode.usage
        }
        let text = QueryParser.joinArguments(args.positionals)
        if text.utf8.allSatisfy({ $0 == 32 }) {
            StandardStreams.error("imrsearch: no query given; try 'imrsearch --help'\n")
            return ExitCode.usage
        }
        guard let query = QueryArguments.parse(text, exact: args.has("--exact"), explain: args.has("--explain")) else {
            return ExitCode.usage
        }
        let (path, isDefault) = args.indexPath()
        guard let index = openIndex(path: path, buildIfMissing: isDefault) else {
            return ExitCode.badIndex
        }
        let searcher = Searcher(index: index)
        let clock = Stopwatch()
        do {
            if args.has("--count") {
                let n = try searcher.count(query)
                StandardStreams.output("\(n)\n")
                if n == 0, case let text = noHitsLines(searcher, notes: false).text, !text.isEmpty {
                    StandardStreams.error(text)
                }
                return n > 0 ? ExitCode.ok : ExitCode.noHits
            }
            let hits = try searcher.search(query, limit: limit, offset: offset)
            let color = StandardStreams.colorEnabled(fd: 1)
            let format: OutputFormat =
                args.has("--json")
                ? .json
                : args.has("--csv")
                    ? .csv : args.has("--letters") ? .letters(color: color) : .human(color: color)
            // Whether anything matches (beyond the page shown, when the page is empty), and the count of the
            // header line, which only people's formats have (JSON Lines and CSV have no header).
            var anyMatch = !hits.isEmpty
            if !anyMatch && !(offset == 0 && limit > 0) { anyMatch = try searcher.count(query, upTo: 1) > 0 }
            var counted = (count: 0, exact: true)
            switch format {
            case .json, .csv: break
            case .human, .letters:
                if anyMatch {
                    counted = try searcher.headerCount(query, positionalLimit: SearchCommand.positionalCountLimit)
                }
            }
            let elapsed = clock.seconds
            var printer = ResultPrinter(format: format)
            var out = printer.header(
                ResultHeader(
                    totalMatches: max(counted.count, offset + hits.count), elapsedSeconds: elapsed, query: text,
                    isLowerBound: !counted.exact))
            let tokens = Set(query.positiveTextTokens.filter { !$0.hasSuffix("*") })
            let prefixes = query.positiveTextTokens.filter { $0.hasSuffix("*") }.map {
                String($0.dropLast())
            }
            var records: [LetterKey: LetterRecord] = [:]
            for (rank, hit) in hits.enumerated() {
                let reader = index.reader(of: hit)
                let key = LetterKey(segment: hit.segment, letter: reader.letter(ofItem: hit.item))
                if records[key] == nil { records[key] = reader.record(ofLetter: key.letter) }
                let view = hitView(
                    reader: reader, hit: hit, rank: offset + rank + 1, record: records[key],
                    tokens: tokens,
                    prefixes: prefixes,
                    explanation: args.has("--explain")
                        ? try searcher.explain(query, item: hit.item, segment: hit.segment) : [])
                out += printer.hit(view)
                if out.count > 1 << 16 {
                    StandardStreams.output(bytes: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            out += printer.footer()
            if !anyMatch {
                // With spelling suggestions, --json and --csv print nothing (not even the CSV header row).
                let lines = noHitsLines(searcher, notes: true)
                if !lines.suggested || !(args.has("--json") || args.has("--csv")) {
                    StandardStreams.output(bytes: out)
                }
                if !lines.text.isEmpty { StandardStreams.error(lines.text) }
            } else {
                StandardStreams.output(bytes: out)
            }
            return anyMatch ? ExitCode.ok : ExitCode.noHits
        } catch let error as QueryPlanError {
            StandardStreams.error("imrsearch: \(error.message)\n")
            return ExitCode.usage
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return ExitCode.usage
        }
    }

    /// The stderr text after a query without hits: the planner's notes (when `notes`), then a "did you
    /// mean" line for each unmatched word with suggestions (replacing that word's note); and whether any
    /// suggestion is in it.
    static func noHitsLines(_ searcher: Searcher, notes: Bool) -> (text: String, suggested: Bool) {
        let found = SpellingSuggester(index: searcher.index).suggestions(for: searcher.unmatchedWords)
        let replaced = Set(found.compactMap(\.word.note))
        var text = ""
        for note in searcher.notes where notes && !replaced.contains(note) { text += "imrsearch: note: \(note)\n" }
        for word in found { text += "imrsearch: \(word.line)\n" }
        return (text, !found.isEmpty)
    }

    /// Opens the index (with its delta, if any); on the default path with no index yet, or one written in
    /// another format version by another imrsearch, builds it from corpus/ first.
    static func openIndex(path: String, buildIfMissing: Bool) -> IndexSnapshot? {
        let older = buildIfMissing ? IndexReader.otherFormatVersion(path: path) : nil
        if buildIfMissing && (!FileIO.exists(path) || older != nil) && FileIO.isDirectory("corpus") {
            if let older {
                StandardStreams.error(
                    "imrsearch: \(path) is in index format \(older), this imrsearch reads format \(IndexFormat.version); rebuilding it from corpus/ (once)\n"
                )
            } else {
                StandardStreams.error("imrsearch: no index at \(path) yet; building it from corpus/ (once)\n")
            }
            let status = IndexCommand.build(
                paths: ["corpus"], indexPath: path, jobs: 0, json: false, quietSummary: true)
            if status != ExitCode.ok { return nil }
        }
        do {
            return try IndexSnapshot.open(path: path)
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return nil
        }
    }

    static func hitView(
        reader: IndexReader, hit: SearchHit, rank: Int, record: LetterRecord?, tokens: Set<String>,
        prefixes: [String], explanation: [String]
    ) -> HitView {
        let letter = reader.letter(ofItem: hit.item)
        let number = reader.itemNumber(ofItem: hit.item)
        let item = record.flatMap { number < $0.items.count ? $0.items[number] : nil }
        let decided = reader.numeric(.decided, letter: letter)
        return HitView(
            rank: rank, file: reader.file(ofLetter: letter),
            caseNumber: reader.caseNumber(ofLetter: letter),
            item: number + 1, treatment: item?.decidedTreatment ?? "",
            decision: ColumnCodes.decisionName(reader.decisionCode(ofItem: hit.item)),
            reviewerGuideline: item?.reviewerGuideline ?? "", sources: item?.sources ?? [],
            pages: item?.pages ?? [],
            sections: item?.sections ?? [],
            decisionDate: decided == ColumnCodes.missing ? nil : Day(daysSinceEpoch: decided),
            score: hit.score,
            snippet: SnippetBuilder.best(in: item?.rationale ?? "", matching: tokens, prefixes: prefixes),
            explanation: explanation)
    }
}

/// A letter of a snapshot: its segment and its number there.
struct LetterKey: Hashable {
    var segment: Int
    var letter: Int
}
