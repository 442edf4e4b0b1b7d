// IndexCommand: `imrsearch index [PATH...] [--update] [--index FILE] [--jobs N] [--json | --quiet]` —
// builds the index (or, with --update, brings it up to date) and publishes it atomically; progress on a
// terminal, one summary line (or JSON) at the end; with --quiet only what needs attention (a failure,
// letters left out of the index).

public enum IndexCommand {
    static let help = """
        usage: imrsearch index [PATH...] [--update] [--index FILE] [--jobs N] [--json | --quiet]

        Builds the search index from IMR letters: every *.txt and *.pdf file under each PATH (default:
        corpus/). PDFs are read with poppler's pdftotext (IMRSEARCH_PDFTOTEXT names another one); a PDF
        whose name stem is also a *.txt letter's in the same run is skipped (the text is indexed).
        The new index replaces the old one atomically; searches running meanwhile keep working.
        What cannot be indexed is skipped with a warning naming it and why, and the rest is indexed: a
        letter file over 20 MiB (never read), a FIFO or device named *.txt, a dangling symbolic link or a
        loop of links, a file that cannot be read. Empty or binary letters are indexed with a warning.

        With --update, only letters that are new or changed (path, size, modification time; the content
        when only the time moved) are read; deleted ones are dropped. The changes go to FILE.delta beside
        the index, and the result answers every query exactly as a full build would. When the changes pass
        10% of the letters, the update is a full build. Without an index yet, --update builds it.
        Each letter keeps the day it first entered the index: search it with added:YYYY-MM-DD.. .

        options:
          --update       index only what changed since the last build or update
          --index FILE   index file to write (default: $IMRSEARCH_INDEX, else imrsearch.idx)
          --jobs N       parse-and-invert workers (default: all cores; the final merge uses all
                         cores); the index is identical for any N
          --json         print the summary as one JSON object
          --quiet        print only what needs attention, for cron and timers: the error when the build
                         fails, and "skipped" warnings for letters left out of the index (unreadable
                         files, PDFs pdftotext cannot read or that were skipped without pdftotext).
                         No progress, no summary, no parser warnings (letters that were indexed).
                         Silent means the index was built from every letter found.
          -h, --help     show this help

        exit status: 0 built, 2 usage error, a PATH that does not exist or no letters found, 4 build failed
                     (in every failure the old index is kept)

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch index", flags: ["--json", "--quiet", "--update"],
            options: ["--index", "--jobs"],
            help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        let jobs: Int
        do {
            jobs = try args.integer("--jobs", default: 0, range: 1...256)
        } catch {
            StandardStreams.error("imrsearch index: \(error)\n")
            return ExitCode.usage
        }
        if args.has("--json") && args.has("--quiet") {
            StandardStreams.error("imrsearch index: choose one of --json, --quiet\n")
            return ExitCode.usage
        }
        let paths = args.positionals.isEmpty ? ["corpus"] : args.positionals
        let indexPath = args.indexPath().path
        return build(
            paths: paths, indexPath: indexPath, jobs: jobs, json: args.has("--json"), quietSummary: false,
            quiet: args.has("--quiet"), update: args.has("--update"))
    }

    /// Builds (or updates) and reports; shared with the search command's build on first use. `quiet`:
    /// errors and "skipped" warnings only (no progress, summary or parser warnings).
    static func build(
        paths: [String], indexPath: String, jobs: Int, json: Bool, quietSummary: Bool, quiet: Bool = false,
        update: Bool = false
    ) -> Int32 {
        let progress = ProgressLine(enabled: !quiet && StandardStreams.isTerminal(2))
        var options = IndexBuildOptions(
            paths: paths, indexPath: indexPath, jobs: jobs,
            progress: { done, total, bytes in progress.update(done: done, total: total, bytes: bytes) })
        options.phase = { name in progress.announce(name) }
        let summary: IndexBuildSummary
        do {
            summary = try update ? IndexUpdater.update(options) : IndexBuilder.build(options)
        } catch let error as IndexBuildError {
            progress.finish()
            switch error {
            case .noSuchPath, .noLetters, .onlyPDFsWithoutTool, .locked, .badToday:
                StandardStreams.error("imrsearch index: \(error)\n")
            default:
                StandardStreams.error("imrsearch index: \(error)\(keptNote(indexPath))\n")
            }
            switch error {
            case .noSuchPath, .noLetters, .onlyPDFsWithoutTool, .badToday: return ExitCode.usage
            default: break
            }
            return ExitCode.buildFailed
        } catch {
            progress.finish()
            StandardStreams.error("imrsearch index: \(error)\(keptNote(indexPath))\n")
            return ExitCode.buildFailed
        }
        progress.finish()
        if let missing = summary.pdfToolMissing {
            StandardStreams.error(
                "imrsearch: \(missing); skipped \(summary.pdfsWithoutTool) PDF letters, indexed the rest\n")
        }
        for w in summary.warnings where !quiet { StandardStreams.error("imrsearch: warning: \(w)\n") }
        if summary.lettersWithWarnings > summary.warnings.count && !quiet {
            StandardStreams.error(
                "imrsearch: warning: \(summary.lettersWithWarnings) letters had parser warnings (first \(summary.warnings.count) shown; 'imrsearch parse FILE' shows all)\n"
            )
        }
        for u in summary.unreadable { StandardStreams.error("imrsearch: warning: skipped \(u)\n") }
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.field("index", indexPath)
            w.field("mode", summary.mode)
            w.field("letters", summary.letters)
            w.field("items", summary.items)
            w.field("terms", summary.terms)
            w.field("input_bytes", summary.inputBytes)
            w.field("index_bytes", summary.indexBytes)
            w.field("seconds", summary.seconds, digits: 3)
            w.field("jobs", summary.jobs)
            w.key("phases")
            w.beginObject()
            w.field("read_thread_seconds", summary.readSeconds, digits: 3)
            w.field("parse_thread_seconds", summary.parseSeconds, digits: 3)
            w.field("invert_thread_seconds", summary.invertSeconds, digits: 3)
            w.field("merge_seconds", summary.mergeSeconds, digits: 3)
            w.field("write_seconds", summary.writeSeconds, digits: 3)
            w.field("pdf_extract_thread_seconds", summary.pdfSeconds, digits: 3)
            w.endObject()
            w.field("peak_rss_mb", Double(summary.peakResidentBytes) / 1_048_576, digits: 1)
            w.field("letters_with_warnings", summary.lettersWithWarnings)
            w.field("unreadable", summary.unreadable.count)
            w.field("pdf_letters", summary.pdfLetters)
            w.field("pdf_twins_skipped", summary.pdfTwinsSkipped)
            w.field("pdfs_without_pdftotext", summary.pdfsWithoutTool)
            w.field("added", summary.added)
            w.field("changed", summary.changed)
            w.field("deleted", summary.deleted)
            w.field("unchanged", summary.unchanged)
            w.endObject()
            StandardStreams.output(w.string + "\n")
        } else if !quietSummary && !quiet {
            let mb = Double(summary.indexBytes) / 1_048_576
            var pdfs = ""
            if summary.pdfLetters > 0 { pdfs += " (\(summary.pdfLetters) from PDFs)" }
            var twins = ""
            if summary.pdfTwinsSkipped > 0 {
                twins = "; \(summary.pdfTwinsSkipped) PDFs skipped as twins of indexed .txt letters"
            }
            let changes =
                "; \(summary.added) added, \(summary.changed) changed, \(summary.deleted) deleted, "
                + "\(summary.unchanged) unchanged"
            if summary.mode != "full" {
                StandardStreams.error(
                    (summary.mode == "unchanged" ? "index is up to date: " : "updated \(indexPath): ")
                        + "\(counted(summary.letters, "letter")), \(counted(summary.items, "decision"))\(changes) "
                        + "(\(format(Double(summary.indexBytes) / 1_048_576, 1)) MB"
                        + (FileIO.exists(indexPath + ".delta") ? " with the delta" : "") + ") in "
                        + "\(format(summary.seconds, 2)) s\n")
                return ExitCode.ok
            }
            StandardStreams.error(
                "indexed \(counted(summary.letters, "letter"))\(pdfs), \(counted(summary.items, "decision")), "
                    + "\(counted(summary.terms, "term")) into \(indexPath) (\(format(mb, 1)) MB) in "
                    + "\(format(summary.seconds, 2)) s with \(counted(summary.jobs, "job")); "
                    + "\(counted(summary.lettersWithWarnings, "letter")) with warnings\(twins)\n")
        }
        return ExitCode.ok
    }
}

/// What a failed build leaves: nothing published, the previous index as it was (its temporaries are removed).
func keptNote(_ indexPath: String) -> String {
    FileIO.exists(indexPath)
        ? "; nothing was published: the previous index \(indexPath) is kept as it was"
        : "; nothing was published"
}

/// "1 letter", "2 letters": a count and its noun (the plural adds "s").
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// A decimal with `digits` places, without Foundation formatting.
func format(_ value: Double, _ digits: Int) -> String {
    var bytes: [UInt8] = []
    JSONWriter.appendDecimal(value, digits: digits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}
