// IndexCommand: `imrsearch index [PATH...] [--index FILE] [--jobs N] [--json]` — builds the index and
// publishes it atomically; progress on a terminal, one summary line (or JSON) at the end.

public enum IndexCommand {
    static let help = """
        usage: imrsearch index [PATH...] [--index FILE] [--jobs N] [--json]

        Builds the search index from IMR letters: every *.txt and *.pdf file under each PATH (default:
        corpus/). PDFs are read with poppler's pdftotext (IMRSEARCH_PDFTOTEXT names another one); a PDF
        whose name stem is also a *.txt letter's in the same run is skipped (the text is indexed).
        The new index replaces the old one atomically; searches running meanwhile keep working.
        What cannot be indexed is skipped with a warning naming it and why, and the rest is indexed: a
        letter file over 20 MiB (never read), a FIFO or device named *.txt, a dangling symbolic link or a
        loop of links, a file that cannot be read. Empty or binary letters are indexed with a warning.

        options:
          --index FILE   index file to write (default: $IMRSEARCH_INDEX, else imrsearch.idx)
          --jobs N       parallel workers (default: all cores); the index is identical for any N
          --json         print the summary as one JSON object
          -h, --help     show this help

        exit status: 0 built, 2 usage error, a PATH that does not exist or no letters found, 4 build failed
                     (in every failure the old index is kept)

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch index", flags: ["--json"], options: ["--index", "--jobs"], help: help)
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
        let paths = args.positionals.isEmpty ? ["corpus"] : args.positionals
        let indexPath = args.indexPath().path
        return build(
            paths: paths, indexPath: indexPath, jobs: jobs, json: args.has("--json"), quietSummary: false)
    }

    /// Builds and reports; shared with the search command's build on first use.
    static func build(paths: [String], indexPath: String, jobs: Int, json: Bool, quietSummary: Bool)
        -> Int32
    {
        let progress = ProgressLine(enabled: StandardStreams.isTerminal(2))
        var options = IndexBuildOptions(
            paths: paths, indexPath: indexPath, jobs: jobs,
            progress: { done, total, bytes in progress.update(done: done, total: total, bytes: bytes) })
        options.phase = { name in progress.announce(name) }
        let summary: IndexBuildSummary
        do {
            summary = try IndexBuilder.build(options)
        } catch let error as IndexBuildError {
            progress.finish()
            StandardStreams.error("imrsearch index: \(error)\n")
            switch error {
            case .noSuchPath, .noLetters, .onlyPDFsWithoutTool: return ExitCode.usage
            default: break
            }
            return ExitCode.buildFailed
        } catch {
            progress.finish()
            StandardStreams.error("imrsearch index: \(error)\n")
            return ExitCode.buildFailed
        }
        progress.finish()
        if let missing = summary.pdfToolMissing {
            StandardStreams.error(
                "imrsearch: \(missing); skipped \(summary.pdfsWithoutTool) PDF letters, indexed the rest\n")
        }
        for w in summary.warnings { StandardStreams.error("imrsearch: warning: \(w)\n") }
        if summary.lettersWithWarnings > summary.warnings.count {
            StandardStreams.error(
                "imrsearch: warning: \(summary.lettersWithWarnings) letters had parser warnings (first \(summary.warnings.count) shown; 'imrsearch parse FILE' shows all)\n"
            )
        }
        for u in summary.unreadable { StandardStreams.error("imrsearch: warning: skipped \(u)\n") }
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.field("index", indexPath)
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
            w.endObject()
            StandardStreams.output(w.string + "\n")
        } else if !quietSummary {
            let mb = Double(summary.indexBytes) / 1_048_576
            var pdfs = ""
            if summary.pdfLetters > 0 { pdfs += " (\(summary.pdfLetters) from PDFs)" }
            var twins = ""
            if summary.pdfTwinsSkipped > 0 {
                twins = "; \(summary.pdfTwinsSkipped) PDFs skipped as twins of indexed .txt letters"
            }
            StandardStreams.error(
                "indexed \(summary.letters) letters\(pdfs), \(summary.items) decisions, \(summary.terms) terms into \(indexPath) "
                    + "(\(format(mb, 1)) MB) in \(format(summary.seconds, 2)) s with \(summary.jobs) jobs; "
                    + "\(summary.lettersWithWarnings) letters with warnings\(twins)\n")
        }
        return ExitCode.ok
    }
}

/// A decimal with `digits` places, without Foundation formatting.
func format(_ value: Double, _ digits: Int) -> String {
    var bytes: [UInt8] = []
    JSONWriter.appendDecimal(value, digits: digits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}
