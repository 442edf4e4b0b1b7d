// LetterReader: the bytes the parser reads for each letter file — a text letter as it is on disk, a PDF
// letter (".pdf", any case) as the text `pdftotext -layout` extracts from it. The PDFs of one call are
// extracted several at once (as many children as the shared `slots` allow), the results come back in the
// order of the files, and every failure names its file.
// Only regular files are read: a FIFO, socket or device is refused before anything could block on it (the
// file is opened with O_NONBLOCK and checked with fstat), and a file over `maxLetterBytes` is refused from
// its size alone, never read.
#if canImport(Glibc)
    import Glibc
#endif

public enum LetterReadError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case system(SystemError)
    /// Poppler could not extract the PDF's text.
    case pdf(PDFTextError)
    /// A PDF, and no `pdftotext` to read it with.
    case noPDFTool(String)
    /// The file is over `LetterReader.maxLetterBytes` (its name as shown, its size in bytes).
    case tooLarge(String, Int)
    /// A FIFO, socket or device: not read (its name as shown, what it is).
    case notRegularFile(String, String)

    public var description: String {
        switch self {
        case .system(let e): return e.description
        case .pdf(let e): return e.description
        case .noPDFTool(let file): return "\(FileIO.displayPath(file)): skipped, pdftotext is not available"
        case .tooLarge(let file, let bytes):
            return
                "\(file): \(bytes) bytes (\(format(Double(bytes) / 1_048_576, 1)) MiB), over the "
                + "\(LetterReader.maxLetterBytes >> 20) MiB limit for one letter; not read"
        case .notRegularFile(let file, let kind): return "\(file): \(kind), not a regular file; not read"
        }
    }
}

public struct LetterReader: Sendable {
    /// The largest letter file read: 20 MiB (20,971,520 bytes). A real letter is 5–60 KB; a bigger file is
    /// a mistake (a log, an archive renamed *.txt, a scan), and is skipped with a warning naming it and its
    /// size rather than held in memory. README ("Building the index") and `imrsearch index --help` say so.
    public static let maxLetterBytes = 20 << 20

    public var pdfTool: Result<PDFTextExtractor, PDFTextExtractor.Missing>
    public var slots: ChildSlots

    /// A reader with this process's `pdftotext` and up to `jobs` extractions at once.
    public init(
        pdfTool: Result<PDFTextExtractor, PDFTextExtractor.Missing> = PDFTextExtractor.located,
        slots: ChildSlots = ChildSlots(limit: IndexBuilder.defaultJobs())
    ) {
        self.pdfTool = pdfTool
        self.slots = slots
    }

    /// The letter bytes of each file, in the order given.
    public func read(_ files: [String]) -> [Result<[UInt8], LetterReadError>] {
        var results = [Result<[UInt8], LetterReadError>?](repeating: nil, count: files.count)
        var pdfs: [Int] = []
        for (k, file) in files.enumerated() {
            if CorpusWalker.isPDF(file) {
                pdfs.append(k)
                continue
            }
            results[k] = LetterReader.readTextFile(file)
        }
        // A PDF that is not a regular file or is too large is refused before `pdftotext` sees it.
        pdfs.removeAll { k in
            guard let refusal = LetterReader.refusal(files[k]) else { return false }
            results[k] = .failure(refusal)
            return true
        }
        if !pdfs.isEmpty {
            switch pdfTool {
            case .success(let tool):
                let texts = tool.extract(pdfs.map { files[$0] }, slots: slots)
                for (j, k) in pdfs.enumerated() { results[k] = texts[j].mapError { .pdf($0) } }
            case .failure:
                for k in pdfs { results[k] = .failure(.noPDFTool(files[k])) }
            }
        }
        return results.map { $0! }
    }

    /// The letter bytes of one file.
    public func read(_ file: String) -> Result<[UInt8], LetterReadError> { read([file])[0] }

    /// The bytes of the text letter at `path`: a regular file of at most `maxLetterBytes`, opened without
    /// blocking (a FIFO never waits for a writer), its type and size checked on the open descriptor.
    public static func readTextFile(_ path: String) -> Result<[UInt8], LetterReadError> {
        var status = FileStatus(size: 0, modified: 0)
        return readTextFile(path, status: &status)
    }

    /// `readTextFile`, also giving the file's size and modification time as opened.
    public static func readTextFile(_ path: String, status: inout FileStatus) -> Result<[UInt8], LetterReadError> {
        let shown = FileIO.displayPath(path)
        let fd = FileIO.withSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        if fd < 0 { return .failure(.system(SystemError("open", path: shown))) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { return .failure(.system(SystemError("stat", path: shown))) }
        status = FileStatus(info)
        if let refusal = refusal(info, shown) { return .failure(refusal) }
        do {
            return .success(try FileIO.readAll(fd: fd, size: Int(info.st_size), path: shown, limit: maxLetterBytes))
        } catch let e as SystemError {
            // EFBIG: the file grew past the limit while it was read.
            return .failure(e.code == EFBIG ? .tooLarge(shown, maxLetterBytes + 1) : .system(e))
        } catch {
            return .failure(.system(SystemError("read", path: shown, code: EIO)))
        }
    }

    /// Why the file at `path` is not read (not a regular file, too large, cannot be stat'ed), nil when it is.
    static func refusal(_ path: String) -> LetterReadError? {
        var info = stat()
        if FileIO.withSystemPath(path, { stat($0, &info) }) != 0 {
            return .system(SystemError("stat", path: FileIO.displayPath(path)))
        }
        return refusal(info, FileIO.displayPath(path))
    }

    private static func refusal(_ info: stat, _ shown: String) -> LetterReadError? {
        let type = info.st_mode & S_IFMT
        if type != S_IFREG { return .notRegularFile(shown, fileKind(type)) }
        if Int(info.st_size) > maxLetterBytes { return .tooLarge(shown, Int(info.st_size)) }
        return nil
    }

    /// What a file of type `type` (st_mode & S_IFMT) is, for messages.
    static func fileKind(_ type: mode_t) -> String {
        switch type {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "an unknown kind of file"
        }
    }
}
