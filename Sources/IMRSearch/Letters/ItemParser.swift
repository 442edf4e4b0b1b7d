// ItemParser: the disputed items of the "IMR ISSUES, DECISIONS AND RATIONALES" section. Each item is
//   <treatment header, one or more lines>: Upheld|Overturned   (or the decision word alone on the next line)
//   Claims Administrator guideline: ...
//   MAXIMUS guideline: ...
//   Decision rationale: ...   (until the next item's header, or the end of the letter)
// The guideline labels anchor each item. The header is found by walking back from the decision: over page
// breaks inside it (a blank line after a line that does not end a sentence), and over lines ending a
// sentence only inside a partial authorisation ("X was the original request. Y was authorized ...").

enum ItemParser {
    static let claimsLabel = Array("Claims Administrator guideline:".utf8)
    static let reviewerLabel = Array("MAXIMUS guideline:".utf8)
    static let rationaleLabel = Array("Decision rationale:".utf8)
    static let setForthBelow = Array("set forth below".utf8)
    static let originalRequestPhrase = Array("original request".utf8)

    struct Header {
        var first: Int
        var last: Int
        var lastEnd: Int
        var decision: String?
    }

    static func parse(_ lines: LetterLines, from start: Int, warnings: inout [String])
        -> [DisputedItem]
    {
        let n = lines.count
        let bytes = lines.bytes
        var anchors: [(line: Int, claims: Bool)] = []
        var sawClaims = false
        for k in start..<n where !lines.blank[k] {
            if lines.starts(k, with: claimsLabel) {
                anchors.append((k, true))
                sawClaims = true
            } else if lines.starts(k, with: reviewerLabel) {
                if !sawClaims { anchors.append((k, false)) }
                sawClaims = false
            } else if lines.starts(k, with: rationaleLabel) {
                sawClaims = false
            }
        }
        var lowerBound = start
        for k in start..<min(n, start + 6)
        where LetterLines.find(setForthBelow, in: bytes, from: lines.starts[k], to: lines.ends[k]) != nil {
            lowerBound = k + 1
        }
        var headers: [Header] = []
        var reviewerLines: [Int?] = []
        var rationaleLines: [Int?] = []
        var floor = lowerBound
        for (j, anchor) in anchors.enumerated() {
            let limit = j + 1 < anchors.count ? anchors[j + 1].line : n
            var reviewer: Int? = anchor.claims ? nil : anchor.line
            var rationale: Int?
            for k in (anchor.line + 1)..<max(limit, anchor.line + 1) where !lines.blank[k] {
                if reviewer == nil && lines.starts(k, with: reviewerLabel) { reviewer = k }
                if rationale == nil && lines.starts(k, with: rationaleLabel) {
                    rationale = k
                    break
                }
            }
            let header = findHeader(lines, before: anchor.line, floor: floor)
            headers.append(header)
            reviewerLines.append(reviewer)
            rationaleLines.append(rationale)
            floor = (rationale ?? reviewer ?? anchor.line) + 1
        }
        var items: [DisputedItem] = []
        for (j, anchor) in anchors.enumerated() {
            let header = headers[j]
            var treatment =
                header.first <= header.last
                ? lines.joined(header.first..<(header.last + 1), upTo: header.lastEnd) : ""
            while let last = treatment.utf8.last, last == 58 || last == 32 { treatment.removeLast() }
            let word = header.decision ?? ""
            let decision = Decision(word: word)
            if case .other(let w) = decision {
                warnings.append(
                    w.isEmpty
                        ? "item \(j + 1) (\(treatment.prefix(60))): no decision word (Upheld/Overturned) found"
                        : "item \(j + 1): unusual decision word '\(w)'")
            }
            let reviewer = reviewerLines[j]
            let rationale = rationaleLines[j]
            let end = j + 1 < anchors.count ? headers[j + 1].first : lines.count
            var claims = ""
            if anchor.claims {
                let stop = reviewer ?? rationale ?? end
                claims = text(lines, anchor.line, stop, label: claimsLabel)
            }
            var reviewerText = ""
            if let r = reviewer {
                reviewerText = text(lines, r, rationale ?? end, label: reviewerLabel)
            } else {
                warnings.append("item \(j + 1): no 'MAXIMUS guideline:' line")
            }
            var rationaleText = ""
            if let r = rationale {
                rationaleText = text(lines, r, max(end, r + 1), label: rationaleLabel)
            } else {
                warnings.append("item \(j + 1): no 'Decision rationale:' line")
            }
            if treatment.isEmpty { warnings.append("item \(j + 1): empty treatment header") }
            var item = DisputedItem(
                treatment: treatment, decision: decision, claimsAdministratorGuideline: claims,
                reviewerGuideline: reviewerText, sources: CitationParser.sources(reviewerText),
                pages: CitationParser.pages(reviewerText),
                sections: CitationParser.sections(reviewerText),
                rationale: rationaleText)
            item.decidedPortion = DisputedItem.decidedPortion(ofHeader: treatment)
            items.append(item)
        }
        return items
    }

    /// Lines `from..<to` joined, the first one after `label`.
    static func text(_ lines: LetterLines, _ from: Int, _ to: Int, label: [UInt8]) -> String {
        let after = LetterLines.match(
            lines.bytes, from: lines.starts[from], to: lines.ends[from], label)
        return lines.joined(from..<max(to, from + 1), from: after)
    }

    @inline(__always)
    static func isAlphabeticWord(_ slice: ArraySlice<UInt8>) -> Bool {
        !slice.isEmpty && slice.count <= 24 && slice.allSatisfy { DateText.isLetter($0) || $0 == 32 }
    }

    static func previousNonBlank(_ lines: LetterLines, _ k: Int, floor: Int) -> Int? {
        var i = k
        while i >= floor {
            if !lines.blank[i] { return i }
            i -= 1
        }
        return nil
    }

    static func endsSentence(_ lines: LetterLines, _ k: Int) -> Bool {
        guard lines.ends[k] > lines.starts[k] else { return false }
        let last = lines.bytes[lines.ends[k] - 1]
        return last == 46 || last == 58 || last == 63 || last == 33
    }

    /// True when line `k` ends in a colon that labels the number or date opening line `next`: a header
    /// wrapped after its own "DOS:" ("... #1 box with 1 refill, DOS:" / "11/11/2016: Upheld").
    static func labelsNextLine(_ lines: LetterLines, _ k: Int, _ next: Int) -> Bool {
        guard lines.ends[k] > lines.starts[k], lines.bytes[lines.ends[k] - 1] == 58,
            lines.ends[next] > lines.starts[next]
        else { return false }
        return DateText.isDigit(lines.bytes[lines.starts[next]])
    }

    static func findHeader(_ lines: LetterLines, before anchor: Int, floor: Int) -> Header {
        let bytes = lines.bytes
        guard let decisionLine = previousNonBlank(lines, anchor - 1, floor: floor) else {
            return Header(first: anchor, last: anchor - 1, lastEnd: 0, decision: nil)
        }
        var last = decisionLine
        var lastEnd = lines.ends[decisionLine]
        var decision: String?
        var lineText = lines.line(decisionLine)
        while let l = lineText.last, l == 46 { lineText = lineText.dropLast() }  // "Upheld."
        if isAlphabeticWord(lineText) {
            let word = String(decoding: lineText, as: UTF8.self).collapsedWhitespace
            let known = ["upheld", "overturned"].contains(word.lowercased())
            if known, let previous = previousNonBlank(lines, decisionLine - 1, floor: floor) {
                decision = word
                last = previous
                lastEnd = lines.ends[previous]
            }
        }
        if decision == nil, let colon = lineText.lastIndex(of: 58) {
            var s = colon + 1
            while s < lineText.endIndex && bytes[s] == 32 { s += 1 }
            let word = bytes[s..<lineText.endIndex]
            if isAlphabeticWord(word) {
                decision = String(decoding: word, as: UTF8.self).collapsedWhitespace
                lastEnd = colon
            }
        }
        // Walk back to the header's first line.
        var first = last
        let originalRequest = originalRequestPhrase
        func mentionsOriginalRequest() -> Bool {
            for k in first...last {
                let end = k == last ? lastEnd : lines.ends[k]
                if LetterLines.find(originalRequest, in: bytes, from: lines.starts[k], to: end) != nil { return true }
            }
            return false
        }
        var steps = 0
        while first - 1 >= floor && steps < 16 {
            steps += 1
            let previous = first - 1
            if lines.blank[previous] {
                guard let p = previousNonBlank(lines, previous, floor: floor),
                    !endsSentence(lines, p) || labelsNextLine(lines, p, first)
                else { break }
                first = p
            } else {
                if endsSentence(lines, previous) && !labelsNextLine(lines, previous, first)
                    && !mentionsOriginalRequest()
                {
                    break
                }
                first = previous
            }
        }
        return Header(first: first, last: last, lastEnd: lastEnd, decision: decision)
    }
}
