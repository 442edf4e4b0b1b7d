// ArgumentScanner: the small command-line option reader every subcommand uses: `--flag`, `--name value`,
// `--name=value`, `-h`, and `--` to end options. Unknown options are reported as usage errors (exit 2).

struct UsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A command's arguments, read; or the exit status once a usage error or the help has been printed.
enum CommandArguments {
    case run(ArgumentScanner)
    case exit(Int32)
}

struct ArgumentScanner {
    /// Reads a command's arguments (`--help` and `-h` always allowed): a usage error is printed as
    /// "`name`: message" (exit 2), `--help` prints `help` (exit 0).
    static func command(
        _ arguments: [String], name: String, flags: Set<String>, options: Set<String>, help: String
    ) -> CommandArguments {
        do {
            let args = try ArgumentScanner(arguments, flags: flags.union(["--help"]), options: options)
            if args.has("--help") {
                StandardStreams.output(help)
                return .exit(ExitCode.ok)
            }
            return .run(args)
        } catch {
            StandardStreams.error("\(name): \(error)\n")
            return .exit(ExitCode.usage)
        }
    }

    private(set) var positionals: [String] = []
    private var flags: Set<String> = []
    private var values: [String: String] = [:]

    /// - Parameters:
    ///   - flags: options without a value (e.g. "--json").
    ///   - options: options taking a value (e.g. "--index").
    init(_ arguments: [String], flags allowedFlags: Set<String>, options: Set<String>) throws {
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            if arg == "-h" {
                flags.insert("--help")
                continue
            }
            var name = arg
            var inline: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if allowedFlags.contains(name) && inline == nil {
                flags.insert(name)
            } else if options.contains(name) {
                if let inline {
                    values[name] = inline
                } else {
                    guard i < arguments.count else { throw UsageError(message: "\(name) needs a value") }
                    values[name] = arguments[i]
                    i += 1
                }
            } else if arg.hasPrefix("--") || arg.count == 2 {
                throw UsageError(message: "unknown option \(arg)")
            } else {
                // "-x" style query clauses (NOT x) are positionals for the search command.
                positionals.append(arg)
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ option: String) -> String? { values[option] }

    func integer(_ option: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = values[option] else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError(
                message: "\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// The index path: --index, else $IMRSEARCH_INDEX, else imrsearch.idx in the current directory.
    func indexPath() -> (path: String, isDefault: Bool) {
        if let p = values["--index"] { return (p, false) }
        if let p = StandardStreams.environment("IMRSEARCH_INDEX"), !p.isEmpty { return (p, false) }
        return ("imrsearch.idx", true)
    }
}
