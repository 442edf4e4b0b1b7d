// ResultPrinter: renders search hits as UTF-8 bytes — for people (ranked blocks with decision, treatment,
// citation, case and a highlighted snippet; colour and bold only when enabled), JSON Lines (stable keys:
// file, case_number, item, treatment, decision, sources, pages, score, snippet), CSV with a header row,
// or grouped by letter.

public struct HitView: Sendable {
    public var rank: Int
    public var file: String
    public var caseNumber: String?
    /// The item's number in its letter, from 1.
    public var item: Int
    public var treatment: String
    public var decision: String
    public var reviewerGuideline: String
    public var sources: [String]
    public var pages: [String]
    public var sections: [String]
    public var decisionDate: Day?
    public var score: Double
    public var snippet: Snippet
    public var explanation: [String]

    public init(
        rank: Int, file: String, caseNumber: String?, item: Int, treatment: String, decision: String,
        reviewerGuideline: String, sources: [String], pages: [String], sections: [String],
        decisionDate: Day?,
        score: Double, snippet: Snippet, explanation: [String]
    ) {
        self.rank = rank
        self.file = file
        self.caseNumber = caseNumber
        self.item = item
        self.treatment = treatment
        self.decision = decision
        self.reviewerGuideline = reviewerGuideline
        self.sources = sources
        self.pages = pages
        self.sections = sections
        self.decisionDate = decisionDate
        self.score = score
        self.snippet = snippet
        self.explanation = explanation
    }
}

public struct ResultHeader: Sendable {
    public var totalMatches: Int
    public var elapsedSeconds: Double
    public var query: String
    /// True when counting stopped at `totalMatches`: there are more (shown as "1000+").
    public var isLowerBound: Bool

    public init(totalMatches: Int, elapsedSeconds: Double, query: String, isLowerBound: Bool = false) {
        self.totalMatches = totalMatches
        self.elapsedSeconds = elapsedSeconds
        self.query = query
        self.isLowerBound = isLowerBound
    }
}

public enum OutputFormat: Sendable {
    case human(color: Bool)
    case json
    case csv
    case letters(color: Bool)
}

public struct ResultPrinter {
    public let format: OutputFormat
    private var grouped: [(key: String, hits: [HitView])] = []

    public init(format: OutputFormat) { self.format = format }

    static let columns = [
        "file", "case_number", "item", "treatment", "decision", "sources", "pages", "score", "snippet",
    ]

    public mutating func header(_ h: ResultHeader) -> [UInt8] {
        switch format {
        case .json: return []
        case .csv: return Array((ResultPrinter.columns.joined(separator: ",") + "\n").utf8)
        case .human, .letters:
            let noun = h.totalMatches == 1 && !h.isLowerBound ? "decision" : "decisions"
            let count = "\(h.totalMatches)\(h.isLowerBound ? "+" : "")"
            let note = h.isLowerBound ? "; --count for the exact number" : ""
            return Array("\(count) matching \(noun) (\(format(h.elapsedSeconds * 1000, 1)) ms\(note))\n".utf8)
        }
    }

    public mutating func hit(_ hit: HitView) -> [UInt8] {
        switch format {
        case .json:
            var w = JSONWriter()
            w.beginObject()
            w.field("file", hit.file)
            w.field("case_number", hit.caseNumber)
            w.field("item", hit.item)
            w.field("treatment", hit.treatment)
            w.field("decision", hit.decision)
            w.field("sources", hit.sources)
            w.field("pages", hit.pages)
            w.field("score", hit.score, digits: 4)
            w.field("snippet", hit.snippet.text)
            w.endObject()
            return w.bytes + [10]
        case .csv:
            var fields = [
                hit.file, hit.caseNumber ?? "", String(hit.item), hit.treatment, hit.decision,
                hit.sources.joined(separator: "; "), hit.pages.joined(separator: "; "),
            ]
            var score: [UInt8] = []
            JSONWriter.appendDecimal(hit.score, digits: 4, to: &score)
            fields.append(String(decoding: score, as: UTF8.self))
            fields.append(hit.snippet.text)
            return Array((fields.map(ResultPrinter.csvField).joined(separator: ",") + "\r\n").utf8)
        case .human(let color):
            return ResultPrinter.block(hit, color: color, indent: "")
        case .letters:
            let key = hit.file
            if let i = grouped.firstIndex(where: { $0.key == key }) {
                grouped[i].hits.append(hit)
            } else {
                grouped.append((key, [hit]))
            }
            return []
        }
    }

    public mutating func footer() -> [UInt8] {
        guard case .letters(let color) = format else { return [] }
        var out: [UInt8] = []
        for group in grouped {
            let first = group.hits[0]
            let name = first.caseNumber.map { "\($0)  (\(first.file))" } ?? first.file
            out += Array(
                "\n\(ResultPrinter.style(name, "1", color)): \(group.hits.count) matching decision\(group.hits.count == 1 ? "" : "s")\n"
                    .utf8)
            for hit in group.hits { out += ResultPrinter.block(hit, color: color, indent: "    ") }
        }
        return out
    }

    static func style(_ text: String, _ code: String, _ color: Bool) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func citation(_ hit: HitView) -> String {
        var parts: [String] = []
        if !hit.sources.isEmpty { parts.append(hit.sources.joined(separator: "/")) }
        if !hit.pages.isEmpty { parts.append("p. " + hit.pages.joined(separator: ", ")) }
        if !hit.sections.isEmpty { parts.append(hit.sections.joined(separator: "; ")) }
        if parts.isEmpty && !hit.reviewerGuideline.isEmpty {
            parts.append(String(hit.reviewerGuideline.prefix(80)))
        }
        return parts.joined(separator: " · ")
    }

    static func block(_ hit: HitView, color: Bool, indent: String) -> [UInt8] {
        let decisionCode = hit.decision == "overturned" ? "32" : hit.decision == "upheld" ? "31" : "33"
        var out =
            "\n\(indent)\(hit.rank). " + style(hit.decision.uppercased(), "1;" + decisionCode, color)
            + "  "
        out += (hit.treatment.isEmpty ? "(no treatment header)" : hit.treatment) + "\n"
        var meta = "\(hit.caseNumber ?? hit.file) #\(hit.item)"
        if let d = hit.decisionDate { meta += " · decided \(d.iso)" }
        let cite = citation(hit)
        if !cite.isEmpty { meta += " · " + cite }
        meta += " · score \(format(hit.score, 2))"
        out += indent + "   " + style(meta, "2", color) + "\n"
        for line in wrap(hit.snippet, width: 96, color: color) { out += indent + "   " + line + "\n" }
        for line in hit.explanation { out += indent + "   " + style(line, "2", color) + "\n" }
        return Array(out.utf8)
    }

    /// The snippet in lines of at most `width` bytes (at spaces), matched words bold when `color`.
    static func wrap(_ snippet: Snippet, width: Int, color: Bool) -> [String] {
        let bytes = Array(snippet.text.utf8)
        var lines: [String] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var end = min(bytes.count, lineStart + width)
            if end < bytes.count {
                var e = end
                while e > lineStart && bytes[e] != 32 { e -= 1 }
                if e > lineStart { end = e }
            }
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            var line: [UInt8] = []
            var k = lineStart
            for h in snippet.highlights where h.upperBound > lineStart && h.lowerBound < end {
                let s = max(h.lowerBound, lineStart)
                let e = min(h.upperBound, end)
                line += bytes[k..<s]
                line +=
                    color
                    ? Array("\u{1B}[1m".utf8) + bytes[s..<e] + Array("\u{1B}[0m".utf8) : Array(bytes[s..<e])
                k = e
            }
            line += bytes[k..<end]
            lines.append(String(decoding: line, as: UTF8.self))
            lineStart = end
            while lineStart < bytes.count && bytes[lineStart] == 32 { lineStart += 1 }
            if lines.count == 3 { break }
        }
        return lines
    }

    /// RFC 4180 quoting.
    static func csvField(_ s: String) -> String {
        if s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    func format(_ v: Double, _ digits: Int) -> String { IMRSearch.format(v, digits) }
    static func format(_ v: Double, _ digits: Int) -> String { IMRSearch.format(v, digits) }
}
