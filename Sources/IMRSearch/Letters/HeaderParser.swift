// HeaderParser: the header block of the full layout, before "HOW THE IMR FINAL DETERMINATION WAS MADE":
// two columns per line ("Date Assigned: 11/09/2016   Date of Injury: 10/13/2016"), "Priority: Standard",
// and "Application ... Received:" split over two lines with the date on the first.

enum HeaderParser {
    struct Header {
        var caseNumber: String?
        var dates = LetterDates()
        var priority: String?
    }

    static let labels: [([UInt8], WritableKeyPath<LetterDates, Day?>)] = [
        ("date assigned:", \.assigned), ("date of injury:", \.injury), ("decision date:", \.decision),
        ("ur denial date:", \.urDenial), ("application", \.received),
    ].map { (Array($0.0.utf8), $0.1) }
    static let caseNumberLabel = Array("case number:".utf8)
    static let priorityLabel = Array("priority:".utf8)

    static func parse(_ bytes: [UInt8], from: Int, to: Int) -> Header {
        var header = Header()
        if let at = LetterLines.find(caseNumberLabel, in: bytes, from: from, to: to) {
            var i = at + 12
            while i < to && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
            var e = i
            while e < to && bytes[e] != 32 && bytes[e] != 9 && bytes[e] != 10 { e += 1 }
            if e > i { header.caseNumber = String(decoding: bytes[i..<e], as: UTF8.self) }
        }
        for (label, path) in labels {
            guard let at = LetterLines.find(label, in: bytes, from: from, to: to) else {
                continue
            }
            var i = at + label.count
            // The value follows on the same line (or, for "Application Received:", before the label's end).
            var lineEnd = i
            while lineEnd < to && bytes[lineEnd] != 10 { lineEnd += 1 }
            while i < lineEnd && (bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 58) { i += 1 }
            if let (day, _) = DateText.parse(bytes, at: i, limit: lineEnd) {
                header.dates[keyPath: path] = day
            }
        }
        if let at = LetterLines.find(priorityLabel, in: bytes, from: from, to: to) {
            var i = at + 9
            while i < to && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
            var e = i
            while e < to && DateText.isLetter(bytes[e]) { e += 1 }
            if e > i { header.priority = String(decoding: bytes[i..<e], as: UTF8.self) }
        }
        return header
    }
}
