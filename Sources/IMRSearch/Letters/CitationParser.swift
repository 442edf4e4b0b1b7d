// CitationParser: what a guideline line cites — the guideline families (MTUS, ACOEM, ODG; "did not base
// their decision on the MTUS", "outside of the MTUS" and "Non-MTUS" are not citations of the MTUS), the page
// strings after "Page(s):" and the section strings after "Section(s):" (one per occurrence; commas inside
// a section are kept; ", and <next guideline>" ends it).

enum CitationParser {
    static func sources(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [(Int, String)] = []
        if let at = firstCitation(of: "MTUS", in: bytes) { found.append((at, "MTUS")) }
        if let at = firstCitation(of: "ACOEM", in: bytes) { found.append((at, "ACOEM")) }
        let odg = [
            firstCitation(of: "ODG", in: bytes),
            LetterLines.find(odgName, in: bytes, from: 0, to: bytes.count),
        ].compactMap { $0 }.min()
        if let at = odg { found.append((at, "ODG")) }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    static let negations = [
        "did not base their decision on the ", "outside of the ", "outside the ", "not based on the ",
    ].map { Array($0.utf8) }

    // The labels and names searched for, as bytes once (not an array per call).
    static let odgName = Array("Official Disability Guidelines".utf8)
    static let pagesLabel = Array("page(s):".utf8)
    static let sectionsLabel = Array("section(s):".utf8)
    static let commaAnd = Array(", and ".utf8)
    static let comma = Array(", ".utf8)
    static let decisionBasedOn = Array("Decision based on".utf8)

    /// The first occurrence of `name` as a word that is not negated.
    static func firstCitation(of name: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(name.utf8)
        var from = 0
        while let at = findWord(needle, in: bytes, from: from) {
            from = at + needle.count
            if at > 0 && bytes[at - 1] == 45 { continue }  // "Non-MTUS"
            var negated = false
            for p in negations {
                if at >= p.count && LetterLines.match(bytes, from: at - p.count, to: at, p) == at {
                    negated = true
                }
            }
            if !negated { return at }
        }
        return nil
    }

    /// `needle` (exact case) not inside a longer word.
    static func findWord(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                let before = i == 0 || !DateText.isLetter(bytes[i - 1])
                let afterIndex = i + needle.count
                let after = afterIndex >= bytes.count || !DateText.isLetter(bytes[afterIndex])
                if before && after { return i }
            }
            i += 1
        }
        return nil
    }

    static func pages(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var result: [String] = []
        var from = 0
        while let at = LetterLines.find(pagesLabel, in: bytes, from: from, to: bytes.count) {
            var i = at + 8
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if DateText.isDigit(b) || b == 32 || b == 44 || b == 45 {
                    i += 1
                } else if b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80
                    && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94)
                {
                    i += 3
                } else {
                    break
                }
            }
            var value = String(decoding: bytes[start..<i], as: UTF8.self).collapsedWhitespace
            while let last = value.utf8.last, last == 44 || last == 45 || last == 32 {
                value.removeLast()
            }
            if !value.isEmpty { result.append(value) }
            from = at + 8
        }
        return result
    }

    static func sections(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let label = sectionsLabel
        var occurrences: [Int] = []
        var from = 0
        while let at = LetterLines.find(label, in: bytes, from: from, to: bytes.count) {
            occurrences.append(at)
            from = at + label.count
        }
        var result: [String] = []
        for (k, at) in occurrences.enumerated() {
            let start = at + label.count
            let next = k + 1 < occurrences.count ? occurrences[k + 1] : bytes.count
            var end = next
            // A sentence end before the next section ends this one ("Summary. Decision based on ..."); the
            // period of a list number does not ("Section(s): 2. Opioids for Subacute Pain").
            var i = start
            while i < next {
                if bytes[i] == 46 && (i + 1 == bytes.count || bytes[i + 1] == 32)
                    && !isListNumber(bytes, period: i, sectionStart: start)
                {
                    end = i
                    break
                }
                i += 1
            }
            if end == next && k + 1 < occurrences.count {
                // "..., and Knee Complaints 2004, Section(s): ..." — cut before the next guideline's name.
                if let cut = LetterLines.find(commaAnd, in: bytes, from: start, to: next) {
                    end = cut
                } else if let cut = lastOccurrence(of: comma, in: bytes, from: start, to: next) {
                    end = cut
                }
            }
            if let decision = LetterLines.find(decisionBasedOn, in: bytes, from: start, to: end) {
                end = decision
            }
            var value = String(decoding: bytes[start..<end], as: UTF8.self).collapsedWhitespace
            while let last = value.utf8.last, last == 46 || last == 44 || last == 32 {
                value.removeLast()
            }
            if !value.isEmpty { result.append(value) }
        }
        return result
    }

    /// True when the period at `period` closes a list number ("2.", "3.3.") that opens the section or
    /// follows a comma or semicolon, and a capitalised name follows: "2. Opioids for Subacute Pain".
    static func isListNumber(_ bytes: [UInt8], period: Int, sectionStart: Int) -> Bool {
        var b = period
        while b > sectionStart && (DateText.isDigit(bytes[b - 1]) || bytes[b - 1] == 46) { b -= 1 }
        guard b < period, DateText.isDigit(bytes[b]) else { return false }
        var p = b
        while p > sectionStart && bytes[p - 1] == 32 { p -= 1 }
        guard p == sectionStart || bytes[p - 1] == 44 || bytes[p - 1] == 59 else { return false }
        var n = period + 1
        while n < bytes.count && bytes[n] == 32 { n += 1 }
        return n < bytes.count && bytes[n] >= 65 && bytes[n] <= 90
    }

    static func lastOccurrence(of needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        var found: Int?
        var i = from
        while let at = LetterLines.find(needle, in: bytes, from: i, to: to) {
            found = at
            i = at + 1
        }
        return found
    }
}
