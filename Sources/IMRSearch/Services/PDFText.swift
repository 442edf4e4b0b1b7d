// PDFText: the text of a PDF letter, from poppler's `pdftotext -layout -enc UTF-8 FILE -` run as a child
// process (no shell). The published letters are AES-encrypted with an empty user password, which poppler
// opens by itself. Only the page text is printed (no `-meta`), so the PDF's metadata — its Author names a
// staff member — never reaches the parser or the index. `pdftotext` is found on PATH once per process;
// `IMRSEARCH_PDFTOTEXT` names another executable (a path that does not exist makes it missing).
// A PDF poppler cannot read (damaged, truncated, zero bytes, a real password) gives an error that names
// the file and carries poppler's own words.

public struct PDFTextExtractor: Sendable {
    public static let overrideVariable = "IMRSEARCH_PDFTOTEXT"
    public static let installHint =
        "install poppler's pdftotext: 'apt-get install poppler-utils' (Debian/Ubuntu) or 'brew install poppler' (macOS)"
    /// A PDF taking longer than this is killed and reported.
    public static let timeoutSeconds = 120.0

    /// The executable run.
    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// Why no extractor is available: the sentence to print once.
    public struct Missing: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `pdftotext` of this process: `$IMRSEARCH_PDFTOTEXT`, else the first on PATH; looked up once.
    public static let located: Result<PDFTextExtractor, Missing> = locate()

    public static func locate() -> Result<PDFTextExtractor, Missing> {
        locate(
            override: StandardStreams.environment(overrideVariable),
            searchPath: StandardStreams.environment("PATH"))
    }

    /// `override` if set (missing if it is not an executable), else `pdftotext` in the folders of `searchPath`.
    static func locate(override: String?, searchPath: String? = nil) -> Result<PDFTextExtractor, Missing> {
        if let override, !override.isEmpty {
            if ChildProcess.isExecutableFile(override) { return .success(PDFTextExtractor(executable: override)) }
            return .failure(
                Missing(description: "pdftotext not found at \(override) (\(overrideVariable)); \(installHint)"))
        }
        if let found = ChildProcess.findOnPath("pdftotext", in: searchPath) {
            return .success(PDFTextExtractor(executable: found))
        }
        return .failure(Missing(description: "pdftotext (poppler) is not installed; \(installHint)"))
    }

    /// The command that prints the text of `file` on stdout.
    public func command(for file: String) -> ChildCommand {
        // A path starting with "-" would read as an option.
        let path = file.hasPrefix("-") ? "./" + file : file
        return ChildCommand(executable: executable, arguments: ["-layout", "-enc", "UTF-8", path, "-"])
    }

    /// The text of one PDF.
    public func extract(_ file: String) -> Result<[UInt8], PDFTextError> {
        let result = ChildProcess.run(command(for: file), timeoutSeconds: PDFTextExtractor.timeoutSeconds)
        return outcome(result, file: file)
    }

    /// The texts of several PDFs, extracted with up to `slots` children at once, in the order given.
    public func extract(_ files: [String], slots: ChildSlots) -> [Result<[UInt8], PDFTextError>] {
        var results = [Result<[UInt8], PDFTextError>?](repeating: nil, count: files.count)
        let pool = ChildProcessPool(timeoutSeconds: PDFTextExtractor.timeoutSeconds)
        pool.run(files.map { command(for: $0) }, slots: slots) { k, result in
            results[k] = outcome(result, file: files[k])
        }
        return results.map { $0! }
    }

    func outcome(_ result: ChildProcessResult, file: String) -> Result<[UInt8], PDFTextError> {
        switch result.termination {
        case .exited(0):
            return .success(result.stdout)
        case .exited(let code):
            let said = PDFTextExtractor.lastError(in: result.stderr)
            var reason = "pdftotext failed (exit \(code))"
            if let said { reason += ": " + said }
            if said?.lowercased().contains("password") == true {
                reason += " (the PDF needs a password)"
            } else if said == nil && code == 1 {
                reason += ": the file is not a readable PDF"
            }
            return .failure(PDFTextError(file: file, reason: reason))
        case .signaled(let signal):
            return .failure(PDFTextError(file: file, reason: "pdftotext was killed by signal \(signal)"))
        case .timedOut:
            return .failure(
                PDFTextError(
                    file: file,
                    reason: "pdftotext took longer than \(Int(PDFTextExtractor.timeoutSeconds)) s and was stopped"))
        case .outputTooLarge:
            return .failure(PDFTextError(file: file, reason: "pdftotext printed more text than a letter can hold"))
        case .notStarted(let code):
            return .failure(
                PDFTextError(
                    file: file, reason: "cannot run \(executable): \(SystemError("", path: "", code: code).reason)"))
        }
    }

    /// Poppler's last error line ("Syntax Error: Couldn't read xref table", "Command Line Error: Incorrect
    /// password"), else its last line; nil when it printed nothing.
    static func lastError(in stderr: [UInt8]) -> String? {
        let lines = String(decoding: stderr, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        let chosen = lines.last(where: { $0.contains("Error") }) ?? lines.last
        guard let chosen else { return nil }
        return chosen.count > 200 ? String(chosen.prefix(200)) + "…" : chosen
    }
}

/// A PDF whose text could not be extracted: the file and why.
public struct PDFTextError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(FileIO.displayPath(file)): \(reason)" }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
