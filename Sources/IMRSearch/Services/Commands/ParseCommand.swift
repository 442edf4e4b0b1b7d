// ParseCommand: `imrsearch parse FILE...` — prints each letter as one JSON object (JSON Lines) on stdout,
// warnings on stderr; a missing or unreadable path is reported and makes the exit status 2 at the end.
// PDF letters are read through `pdftotext` (`LetterReader`), a chunk of files at a time so their
// extractions run side by side; the output stays in the order of the files.

public enum ParseCommand {
    static let help = """
        usage: imrsearch parse FILE...

        Parses IMR letters and prints one JSON object per letter (JSON Lines) on stdout; the schema is in
        README "Parsing letters". Warnings go to stderr as "imrsearch: FILE: warning". A directory is walked
        for *.txt and *.pdf letters (a PDF with a *.txt twin of the same name stem there is skipped). PDFs
        are read with poppler's pdftotext (IMRSEARCH_PDFTOTEXT names another one).

        exit status: 0 all files read, 2 a path was missing or unreadable, a PDF poppler could not read, or
                     PDFs and no pdftotext (the others are still printed)

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch parse", flags: [], options: [], help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        if args.positionals.isEmpty {
            StandardStreams.error("imrsearch parse: name at least one letter file\n")
            return ExitCode.usage
        }
        var status = ExitCode.ok
        var writer = JSONWriter()
        var out: [UInt8] = []
        var files: [String] = []
        for path in args.positionals {
            guard FileIO.isDirectory(path) else {
                files.append(path)
                continue
            }
            // What the walk could not take (a FIFO, a dangling link, a loop) is named, as `index` does.
            let walker = CorpusWalker(paths: [path])
            files += walker.files
            for problem in walker.problems {
                StandardStreams.error("imrsearch: \(problem.path): \(problem.message)\n")
                status = ExitCode.usage
            }
        }
        let reader = LetterReader()
        var pdfsWithoutTool = 0
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + 64)])
            start += chunk.count
            for (file, read) in zip(chunk, reader.read(chunk)) {
                let bytes: [UInt8]
                switch read {
                case .success(let b): bytes = b
                case .failure(.noPDFTool):
                    pdfsWithoutTool += 1
                    status = ExitCode.usage
                    continue
                case .failure(let error):
                    StandardStreams.error("imrsearch: \(error)\n")
                    status = ExitCode.usage
                    continue
                }
                let shown = FileIO.displayPath(file)
                let record = LetterParser.parse(bytes: bytes, file: shown)
                writer.reset()
                record.writeJSON(into: &writer)
                out.append(contentsOf: writer.bytes)
                out.append(10)
                for w in record.warnings { StandardStreams.error("imrsearch: \(shown): \(w)\n") }
                if out.count > 1 << 16 {
                    StandardStreams.output(bytes: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        if pdfsWithoutTool > 0, case .failure(let missing) = reader.pdfTool {
            StandardStreams.error("imrsearch: \(missing); skipped \(pdfsWithoutTool) PDF letters\n")
        }
        StandardStreams.output(bytes: out)
        return status
    }
}
