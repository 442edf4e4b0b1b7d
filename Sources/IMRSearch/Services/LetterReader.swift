// LetterReader: the bytes the parser reads for each letter file — a text letter as it is on disk, a PDF
// letter (".pdf", any case) as the text `pdftotext -layout` extracts from it. The PDFs of one call are
// extracted several at once (as many children as the shared `slots` allow), the results come back in the
// order of the files, and every failure names its file.
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

    public var description: String {
        switch self {
        case .system(let e): return e.description
        case .pdf(let e): return e.description
        case .noPDFTool(let file): return "\(file): skipped, pdftotext is not available"
        }
    }
}

public struct LetterReader: Sendable {
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
            do {
                results[k] = .success(try FileIO.readAll(file))
            } catch let e as SystemError {
                results[k] = .failure(.system(e))
            } catch {
                results[k] = .failure(.system(SystemError("read", path: file, code: EIO)))
            }
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
}
