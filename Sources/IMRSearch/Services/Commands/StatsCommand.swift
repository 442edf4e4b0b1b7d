// StatsCommand: `imrsearch stats [QUERY...] [--by FIELD[,FIELD]] [--json | --csv]` — outcome statistics
// for every decision matching a query: totals, the overturn rate with its 95% Wilson interval, and a
// breakdown by one or two fields (OutcomeStatistics), printed by StatsPrinter.

public enum StatsCommand {
    static let help = """
        usage: imrsearch stats [QUERY...] [--by FIELD[,FIELD]] [--json | --csv] [--index FILE] [--exact]

        Counts every decision matching QUERY (no query: every decision): upheld, overturned, other, and
        the overturn rate with its 95% confidence interval (Wilson score), broken down by one or two fields.
          imrsearch stats acupuncture --by year
          imrsearch stats 'category:pharmaceuticals' --by subcategory
          imrsearch stats 'treatment:mri' --by region,year --csv > mri.csv

        options:
          --by FIELD[,FIELD]  break down by these fields (default: category,year); one of
                              \(StatsField.list); `none` for the totals alone
          --json              one JSON object (schema in README "Outcome statistics")
          --csv               CSV, one row per value (or pair of values), RFC 4180 quoting
          --exact             do not expand synonyms and abbreviations in the query
          --index FILE        index to read (default: $IMRSEARCH_INDEX, else imrsearch.idx; built from
                              corpus/ on first use)
          -h, --help          show this help

        Single-valued fields (category, subcategory, drug, year, priority) partition the decisions;
        multi-valued ones (region, specialty, state, source, page, section) count a decision under each of
        its values. Rows are sorted by count (years in order); "(none)" holds decisions without a value.

        exit status: 0 decisions found, 1 none matched, 2 usage or query error, 3 index missing or corrupt

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch", flags: ["--json", "--csv", "--exact"], options: ["--index", "--by"],
            help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        if args.has("--json") && args.has("--csv") {
            StandardStreams.error("imrsearch: choose one of --json, --csv\n")
            return ExitCode.usage
        }
        var fields: [StatsField] = []
        let by = args.value("--by") ?? "category,year"
        if by != "none" {
            for name in by.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = String(name).lowercased()
                guard let field = StatsField(rawValue: trimmed) else {
                    StandardStreams.error(
                        "imrsearch: stats: unknown --by field '\(name)'; fields: \(StatsField.list)\n")
                    return ExitCode.usage
                }
                if fields.contains(field) {
                    StandardStreams.error("imrsearch: stats: --by names \(field.rawValue) twice\n")
                    return ExitCode.usage
                }
                fields.append(field)
            }
            if fields.count > 2 {
                StandardStreams.error("imrsearch: stats: --by takes one or two fields, not \(fields.count)\n")
                return ExitCode.usage
            }
        }
        let joined = QueryParser.joinArguments(args.positionals)
        let text = joined.utf8.allSatisfy({ $0 == 32 }) ? "*" : joined
        guard let query = QueryArguments.parse(text, exact: args.has("--exact"), explain: false) else {
            return ExitCode.usage
        }
        let (path, isDefault) = args.indexPath()
        guard let index = SearchCommand.openIndex(path: path, buildIfMissing: isDefault) else {
            return ExitCode.badIndex
        }
        var statistics = OutcomeStatistics(index: index)
        let result: StatsResult
        do {
            result = try statistics.run(query, by: fields)
        } catch let error as QueryPlanError {
            StandardStreams.error("imrsearch: \(error.message)\n")
            return ExitCode.usage
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return ExitCode.usage
        }
        let format: StatsPrinter.Format
        if args.has("--json") {
            format = .json
        } else if args.has("--csv") {
            format = .csv
        } else {
            let columns = StandardStreams.terminalColumns(fd: 1)
            // The bar takes what the table's other columns (about 80 cells) leave, 10 to 40 cells.
            let width = columns.map { max(10, min(40, $0 - 82)) } ?? 0
            format = .table(barWidth: width, color: StandardStreams.colorEnabled(fd: 1))
        }
        StandardStreams.output(bytes: StatsPrinter(format: format).render(result, query: text))
        if result.totals.total == 0 {
            let suggestions = (try? SpellingSuggester(index: index).noHitsText(for: query)) ?? ""
            if suggestions.isEmpty {
                for note in statistics.notes { StandardStreams.error("imrsearch: note: \(note)\n") }
            }
            StandardStreams.error(suggestions)
            return ExitCode.noHits
        }
        return ExitCode.ok
    }
}
