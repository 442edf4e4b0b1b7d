// LegacyLayoutParser: the two 2013 layouts of DOMAIN.md §1.4.
// F2 "maximus-2013": after "IMR DECISION(S) AND RATIONALE(S)", each item is a numbered statement
// "1. X is (not) medically necessary and appropriate." (or "...has determined the request for X is (not)
// medically necessary"), followed by "The Claims Administrator based its decision on ...", "The Physician
// Reviewer based his/her decision on ..." and "Rationale for the Decision: ...".
// F3 "professional-review": "ISSUE AT DISPUTE:", "CASE SUMMARY:", "MEDICAL TREATMENT GUIDELINE(S) RELIED
// UPON ...:", "RATIONALE FOR WHY ...:", "MEDICAL REVIEWER QUALIFICATIONS:" — one item whose outcome is the
// rationale's last "(not) medically necessary".
// "Not medically necessary" means the denial was upheld; "medically necessary" that it was overturned.

enum LegacyLayoutParser {
    struct Parsed {
        var items: [DisputedItem] = []
        var summary = ""
        var credentials = ""
        var warnings: [String] = []
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// "1. X is not medically necessary and appropriate." -> (X, upheld).
    static func outcomeStatement(_ text: String) -> (String, Decision)? {
        let s = bytes(text)
        var start = 0
        if let r = LetterLines.find(bytes("the request for "), in: s, from: 0, to: s.count) {
            start = r + 16
        } else {
            while start < s.count && DateText.isDigit(s[start]) { start += 1 }
            if start < s.count && (s[start] == 46 || s[start] == 41) { start += 1 }
        }
        if let hit = LetterLines.find(bytes(" is not medically necessary"), in: s, from: start, to: s.count) {
            return (String(decoding: s[start..<hit], as: UTF8.self).collapsedWhitespace, .upheld)
        }
        if let hit = LetterLines.find(bytes(" is medically necessary"), in: s, from: start, to: s.count) {
            return (String(decoding: s[start..<hit], as: UTF8.self).collapsedWhitespace, .overturned)
        }
        return nil
    }

    static func startsWithItemNumber(_ lines: LetterLines, _ k: Int) -> Bool {
        let b = lines.bytes
        var i = lines.starts[k]
        let end = lines.ends[k]
        while i < end && DateText.isDigit(b[i]) && i - lines.starts[k] < 3 { i += 1 }
        return i > lines.starts[k] && i + 1 < end && (b[i] == 46 || b[i] == 41) && b[i + 1] == 32
    }

    /// The end (exclusive) of the paragraph starting at `k`, before `limit`.
    static func paragraphEnd(_ lines: LetterLines, _ k: Int, _ limit: Int) -> Int {
        var e = k
        while e < limit && !lines.blank[e] { e += 1 }
        return e
    }

    static func parseMaximus2013(_ lines: LetterLines, decisionsLine: Int) -> Parsed {
        var out = Parsed()
        var statements: [(start: Int, end: Int, treatment: String, decision: Decision)] = []
        for k in (decisionsLine + 1)..<lines.count where !lines.blank[k] {
            let isStatement =
                startsWithItemNumber(lines, k)
                || LetterLines.find(
                    bytes("has determined the request for"), in: lines.bytes, from: lines.starts[k], to: lines.ends[k])
                    != nil
            guard isStatement else { continue }
            let end = min(paragraphEnd(lines, k, lines.count), k + 12)
            if let (treatment, decision) = outcomeStatement(lines.joined(k..<end)) {
                statements.append((k, end, treatment, decision))
            }
        }
        for (n, st) in statements.enumerated() {
            let limit = n + 1 < statements.count ? statements[n + 1].start : lines.count
            var claims = ""
            var reviewer = ""
            var rationale = ""
            var k = min(st.end, limit)
            while k < limit {
                while k < limit && lines.blank[k] { k += 1 }
                guard k < limit else { break }
                let pEnd = paragraphEnd(lines, k, limit)
                if lines.starts(k, with: bytes("The Claims Administrator based")) {
                    claims = lines.joined(k..<pEnd)
                } else if lines.starts(k, with: bytes("The Physician Reviewer based"))
                    || lines.starts(k, with: bytes("The Expert Reviewer based"))
                    || lines.starts(k, with: bytes("The Professional Reviewer based"))
                {
                    reviewer = lines.joined(k..<pEnd)
                } else if lines.starts(k, with: bytes("Rationale for the Decision:")) {
                    let after = LetterLines.match(
                        lines.bytes, from: lines.starts[k], to: lines.ends[k], bytes("Rationale for the Decision:"))
                    rationale = lines.joined(k..<limit, from: after)
                    break
                } else {
                    rationale = (rationale + " " + lines.joined(k..<pEnd)).collapsedWhitespace
                }
                k = pEnd
            }
            out.items.append(
                DisputedItem(
                    treatment: st.treatment, decision: st.decision, claimsAdministratorGuideline: claims,
                    reviewerGuideline: reviewer, sources: CitationParser.sources(reviewer),
                    pages: CitationParser.pages(reviewer), sections: CitationParser.sections(reviewer),
                    rationale: rationale))
            out.items[out.items.count - 1].decidedPortion = DisputedItem.decidedPortion(
                ofHeader: out.items[out.items.count - 1].treatment)
        }
        let heading = { (label: String, range: Range<Int>) -> Int? in
            range.first { !lines.blank[$0] && lines.starts($0, with: bytes(label)) }
        }
        let summary = heading("CLINICAL CASE SUMMARY", 0..<decisionsLine)
        if let s = summary {
            let end = heading("DOCUMENTS REVIEWED", (s + 1)..<decisionsLine) ?? decisionsLine
            out.summary = lines.joined((s + 1)..<end)
        }
        if let how = heading("HOW THE IMR", 0..<decisionsLine) {
            let end = heading("DOCUMENTS REVIEWED", how..<decisionsLine) ?? summary ?? decisionsLine
            out.credentials = lines.joined((how + 1)..<end)
        }
        return out
    }

    static func parseProfessionalReview(_ lines: LetterLines) -> Parsed {
        var out = Parsed()
        func heading(_ label: String) -> Int? {
            (0..<lines.count).first { !lines.blank[$0] && lines.starts($0, with: bytes(label)) }
        }
        let issue = heading("ISSUE AT DISPUTE")
        let summary = heading("CASE SUMMARY")
        let documents = heading("DOCUMENTS REVIEWED")
        let guideline = heading("MEDICAL TREATMENT GUIDELINE")
        let rationale = heading("RATIONALE FOR WHY")
        let qualifications = heading("MEDICAL REVIEWER QUALIFICATIONS")
        let headings = [issue, summary, documents, guideline, rationale, qualifications].compactMap { $0 }
        /// A section's text: after its heading's colon (the heading may wrap) up to the next heading.
        func section(_ h: Int?) -> String {
            guard let h else { return "" }
            let next = headings.filter { $0 > h }.min() ?? lines.count
            var line = h
            while line < min(next, h + 3) {
                if let colon = lines.bytes[lines.starts[line]..<lines.ends[line]].firstIndex(of: 58) {
                    return lines.joined(line..<next, from: colon + 1)
                }
                line += 1
            }
            return lines.joined((h + 1)..<next)
        }
        out.summary = section(summary)
        out.credentials = section(qualifications)
        let treatment = section(issue)
        let rationaleText = section(rationale)
        let reviewer = section(guideline)
        guard !treatment.isEmpty else { return out }
        var decision = Decision.other("unknown")
        let r = bytes(rationaleText)
        if let last = CitationParser.lastOccurrence(of: bytes("medically necessary"), in: r, from: 0, to: r.count) {
            decision =
                LetterLines.find(bytes("not "), in: r, from: max(0, last - 8), to: last) != nil ? .upheld : .overturned
        } else {
            out.warnings.append("item 1: no outcome (\"medically necessary\") found in the rationale")
        }
        out.items.append(
            DisputedItem(
                treatment: treatment, decision: decision, reviewerGuideline: reviewer,
                sources: CitationParser.sources(reviewer), pages: CitationParser.pages(reviewer),
                sections: CitationParser.sections(reviewer), rationale: rationaleText))
        out.items[out.items.count - 1].decidedPortion = DisputedItem.decidedPortion(
            ofHeader: out.items[out.items.count - 1].treatment)
        return out
    }
}
