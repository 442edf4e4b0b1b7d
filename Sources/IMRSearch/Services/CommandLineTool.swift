// CommandLineTool: dispatches `imrsearch` subcommands. Each subcommand lives in its own file in
// Services/Commands and returns an exit status (see README "Exit codes").

public enum CommandLineTool {
    public static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            StandardStreams.error("imrsearch: no query given; try 'imrsearch --help'\n")
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "--help", "-h", "help":
            StandardStreams.output(Usage.main)
            return ExitCode.ok
        case "parse": return ParseCommand.run(rest)
        case "index": return IndexCommand.run(rest)
        case "verify": return VerifyCommand.run(rest)
        case "show": return ShowCommand.run(rest)
        case "stats": return StatsCommand.run(rest)
        case "similar": return SimilarCommand.run(rest)
        case "search": return SearchCommand.run(rest)
        default: return SearchCommand.run(arguments)
        }
    }
}

/// Exit statuses shared by every command (documented in README "Exit codes").
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let noHits: Int32 = 1
    public static let usage: Int32 = 2
    public static let badIndex: Int32 = 3
    public static let buildFailed: Int32 = 4
}

public enum Usage {
    public static let main = """
        usage: imrsearch [search] QUERY... [options]   search decisions (imrsearch search --help)
               imrsearch parse FILE...                 print letters as structured JSON Lines
               imrsearch index [PATH...]               build the index (default PATH: corpus/)
               imrsearch verify                        check the index file completely
               imrsearch show CASE_OR_FILE[#ITEM]      print a letter or one decision
               imrsearch stats [QUERY...] [--by F[,F]] overturn rates with 95% intervals, by field
               imrsearch similar FILE|-                precedents and odds for a dispute document

        Every command takes --help. Exit status: 0 success/hits, 1 no hits, 2 usage or query error,
        3 index missing or corrupt, 4 index build failed (previous index kept).

        """
}
