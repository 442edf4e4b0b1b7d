// LetterParser: the entry point that turns a letter file's bytes into a LetterRecord. It normalises the
// text (LetterText), cuts it into logical lines (LetterLines), recognises the layout by its section
// headings, and hands each part to its parser: header block, reviewer credentials, case summary facts,
// disputed items. It never throws and never traps: whatever is missing becomes a warning, and the text is
// kept for full-text search (except binary junk).

public enum LetterParser {
    static let howHeading = Array("HOW THE IMR FINAL DETERMINATION".utf8)
    static let summaryHeading = Array("CLINICAL CASE SUMMARY".utf8)
    static let issuesHeading = Array("IMR ISSUES, DECISIONS AND RATIONALES".utf8)
    static let issuesShort = Array("IMR ISSUES".utf8)
    static let maximus2013 = Array("IMR DECISION(S) AND RATIONALE(S)".utf8)
    static let professionalReview = Array("MEDICAL PROFESSIONAL REVIEW".utf8)
    static let issueAtDispute = Array("ISSUE AT DISPUTE".utf8)
    static let summaryIntroEnd = Array("including all medical records:".utf8)

    /// - Parameter classify: fill each item's `treatmentClass` (the index needs it; a letter re-parsed for
    ///   display does not, and skipping it spares a short-lived process compiling the taxonomy rules).
    public static func parse(bytes: [UInt8], file: String, classify: Bool = true) -> LetterRecord {
        var record = LetterRecord(file: file)
        let normalized = LetterText.normalize(bytes)
        if normalized.isBinary {
            record.warnings.append("binary content (not a text letter); nothing indexed")
            return record
        }
        record.text = String(decoding: normalized.bytes, as: UTF8.self)
        let lines = LetterLines(normalized.bytes)
        if !(0..<lines.count).contains(where: { !lines.blank[$0] }) {
            record.warnings.append(bytes.isEmpty ? "empty file" : "no text (only white space)")
            return record
        }
        func heading(_ label: [UInt8], from: Int = 0) -> Int? {
            (from..<lines.count).first { !lines.blank[$0] && lines.starts($0, with: label) }
        }
        let how = heading(howHeading)
        let summaryLine = heading(summaryHeading, from: how ?? 0)
        let issues =
            heading(issuesHeading, from: summaryLine ?? how ?? 0)
            ?? heading(issuesShort, from: summaryLine ?? how ?? 0)

        if issues == nil, let decisions = heading(maximus2013) {
            record.layout = .maximus2013
            let legacy = LegacyLayoutParser.parseMaximus2013(lines, decisionsLine: decisions)
            record.items = legacy.items
            record.summary = legacy.summary
            (record.specialties, record.licensure) = CredentialsParser.parse(legacy.credentials)
            record.warnings += legacy.warnings
        } else if issues == nil && (heading(professionalReview) != nil || heading(issueAtDispute) != nil) {
            record.layout = .professionalReview
            let legacy = LegacyLayoutParser.parseProfessionalReview(lines)
            record.items = legacy.items
            record.summary = legacy.summary
            (record.specialties, record.licensure) = CredentialsParser.parse(legacy.credentials)
            record.warnings += legacy.warnings
        } else if how != nil || issues != nil {
            let firstHeading = [how, summaryLine, issues].compactMap { $0 }.min() ?? 0
            let headerEnd =
                firstHeading < lines.count ? lines.starts[firstHeading] : normalized.bytes.count
            let header = HeaderParser.parse(normalized.bytes, from: 0, to: headerEnd)
            record.layout = header.caseNumber != nil || header.dates.decision != nil ? .full : .bodyOnly
            record.caseNumber = header.caseNumber
            record.dates = header.dates
            record.priority = header.priority
        } else {
            record.layout = .unknown
        }

        let modern = record.layout == .full || record.layout == .bodyOnly
        if modern, let how {
            let end = summaryLine ?? issues ?? lines.count
            let text = lines.joined(how..<end)
            (record.specialties, record.licensure) = CredentialsParser.parse(text)
            if record.specialties.isEmpty { record.warnings.append("no reviewer specialty found") }
        }
        if modern, let summaryLine {
            let end = issues ?? lines.count
            var start = summaryLine + 1
            var from: Int?
            for k in start..<min(end, start + 4) {
                if let at = LetterLines.find(
                    summaryIntroEnd, in: normalized.bytes, from: lines.starts[k], to: lines.ends[k])
                {
                    start = k
                    from = at + summaryIntroEnd.count
                    break
                }
            }
            record.summary = lines.joined(start..<max(end, start), from: from)
        }
        if record.summary.isEmpty && record.layout != .unknown {
            record.warnings.append("no clinical case summary found")
        }
        let (age, sex) = SummaryFacts.ageAndSex(record.summary)
        record.patientAge = age
        record.patientSex = sex
        if record.dates.injury == nil { record.dates.injury = SummaryFacts.injuryDate(record.summary) }

        if modern, let issues {
            record.items = ItemParser.parse(lines, from: issues + 1, warnings: &record.warnings)
        }
        for i in record.items.indices where classify {
            record.items[i].treatmentClass = TreatmentClassifier.classify(record.items[i].decidedTreatment)
        }
        if record.items.isEmpty {
            switch record.layout {
            case .maximus2013, .professionalReview:
                record.warnings.append(
                    "\(record.layout.rawValue) layout: no outcome statement (\"... is (not) medically necessary\") found"
                )
            default:
                record.warnings.append(
                    "no disputed items (\"<treatment>: Upheld/Overturned\" with guideline lines) found")
            }
        }
        return record
    }
}
