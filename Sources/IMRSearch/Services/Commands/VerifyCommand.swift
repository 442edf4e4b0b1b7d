// VerifyCommand: `imrsearch verify [--index FILE]` — checks every checksum and structural invariant of an
// index; prints OK or the problems. Exit 0 when sound, 1 when damaged, 3 when it cannot be opened at all.

public enum VerifyCommand {
    static let help = """
        usage: imrsearch verify [--index FILE]

        Checks an index file completely: section checksums, sorted terms, increasing ids, offsets in bounds,
        consistent counts, positions, block maxima, columns and stored text.

        exit status: 0 sound, 1 damaged (rebuild it), 2 usage error, 3 missing or not an index

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch verify", flags: [], options: ["--index"], help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        if !args.positionals.isEmpty {
            StandardStreams.error(
                "imrsearch verify: unexpected argument '\(args.positionals[0])'; use --index FILE\n")
            return ExitCode.usage
        }
        let path = args.indexPath().path
        let index: IndexSnapshot
        do {
            index = try IndexSnapshot.open(path: path)
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return ExitCode.badIndex
        }
        index.base.file.adviseWillNeed()  // every byte is about to be read
        let problems = IndexVerifier.verify(index)
        if problems.isEmpty {
            let delta =
                index.deltaPath == nil
                ? "" : " (with the update in \(lastComponent(of: index.deltaPath!)))"
            StandardStreams.output(
                "OK \(path)\(delta): \(counted(index.letterCount, "letter")), \(counted(index.itemCount, "decision")), "
                    + "\(counted(index.base.termCount, "term")); checksums and structure verified\n")
            return ExitCode.ok
        }
        StandardStreams.output("DAMAGED \(path):\n")
        for p in problems { StandardStreams.output("  \(p)\n") }
        StandardStreams.output("rebuild with: imrsearch index [PATH...] --index \(path)\n")
        return 1
    }
}
