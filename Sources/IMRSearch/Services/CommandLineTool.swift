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
        default:
            StandardStreams.error("imrsearch: unknown command '\(first)'\n")
            _ = rest
            return ExitCode.usage
        }
    }
}

/// Exit statuses shared by every command (documented in README "Exit codes").
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let noHits: Int32 = 1
    public static let usage: Int32 = 2
    public static let badIndex: Int32 = 3
}

public enum Usage {
    public static let main = """
        usage: imrsearch [search] QUERY... [options]
               imrsearch parse FILE...
               imrsearch index [PATH...] [--index FILE] [--jobs N]
               imrsearch verify [--index FILE]
               imrsearch show CASE_OR_FILE[#ITEM]

        """
}
