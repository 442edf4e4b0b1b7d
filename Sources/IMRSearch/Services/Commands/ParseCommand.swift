// ParseCommand: `imrsearch parse FILE...` — prints each letter as one JSON object (JSON Lines) on stdout,
// warnings on stderr; a missing or unreadable path is reported and makes the exit status 2 at the end.

public enum ParseCommand {
    static let help = """
        usage: imrsearch parse FILE...

        Parses IMR letters and prints one JSON object per letter (JSON Lines) on stdout; the schema is in
        README "Parsing letters". Warnings go to stderr as "imrsearch: FILE: warning". A directory is walked
        for *.txt letters.

        exit status: 0 all files read, 2 a path was missing or unreadable (the others are still printed)

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        do {
            args = try ArgumentScanner(arguments, flags: ["--help"], options: [])
        } catch {
            StandardStreams.error("imrsearch parse: \(error)\n")
            return ExitCode.usage
        }
        if args.has("--help") {
            StandardStreams.output(help)
            return ExitCode.ok
        }
        if args.positionals.isEmpty {
            StandardStreams.error("imrsearch parse: name at least one letter file\n")
            return ExitCode.usage
        }
        var status = ExitCode.ok
        var writer = JSONWriter()
        var out: [UInt8] = []
        for path in args.positionals {
            let files = FileIO.isDirectory(path) ? CorpusWalker(paths: [path]).files : [path]
            for file in files {
                let bytes: [UInt8]
                do {
                    bytes = try FileIO.readAll(file)
                } catch {
                    StandardStreams.error("imrsearch: \(error)\n")
                    status = ExitCode.usage
                    continue
                }
                let record = LetterParser.parse(bytes: bytes, file: file)
                writer.reset()
                record.writeJSON(into: &writer)
                out.append(contentsOf: writer.bytes)
                out.append(10)
                for w in record.warnings { StandardStreams.error("imrsearch: \(file): \(w)\n") }
                if out.count > 1 << 16 {
                    StandardStreams.output(bytes: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        StandardStreams.output(bytes: out)
        return status
    }
}
