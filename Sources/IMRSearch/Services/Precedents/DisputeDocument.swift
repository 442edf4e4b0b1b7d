// DisputeDocument: reads the document a user brings to `imrsearch similar` — a text or PDF file, or
// standard input ("-") — into text normalised as a letter's is (encodings, line ends, NUL bytes), and
// refuses binary content with a message naming the input.

/// The text of a dispute document: a text or PDF file, or standard input ("-"), normalised like a letter.
enum DisputeDocument {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func text(of source: String) throws -> String {
        let bytes: [UInt8]
        if source == "-" {
            bytes = FileIO.readStandardInput()
        } else {
            // A PDF (a UR denial or a letter as published) is read through pdftotext, as `index` reads it.
            switch LetterReader(slots: ChildSlots(limit: 1)).read(source) {
            case .success(let b): bytes = b
            case .failure(.system(let e)): throw Failure(description: "\(source): \(e.reason)")
            case .failure(.noPDFTool):
                throw Failure(description: "\(source): a PDF needs pdftotext; \(PDFTextExtractor.installHint)")
            case .failure(let e): throw Failure(description: e.description)
            }
        }
        let normalized = LetterText.normalize(bytes)
        if normalized.isBinary {
            throw Failure(
                description: "\(source == "-" ? "standard input" : source): binary content, not a text document")
        }
        return String(decoding: normalized.bytes, as: UTF8.self)
    }
}
