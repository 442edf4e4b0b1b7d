// CredentialsParser: the reviewer's specialties and licence states, in either style letters use:
// "State(s) of Licensure: California,North Carolina" / "Certification(s)/Specialty: Family Practice", or
// prose: "... is Board Certified in Internal Medicine and Emergency Medicine and is licensed to practice in
// Florida."

enum CredentialsParser {
    /// Specialty names that contain " and " themselves, so prose is not split inside them.
    static let namesWithAnd = [
        "Physical Medicine and Rehabilitation", "Hospice and Palliative Medicine",
        "Public Health and General Preventive Medicine", "Neck and Upper Back",
    ]

    // The labels searched for, as bytes once (not an array per letter).
    static let licensureLabel = Array("State(s) of Licensure:".utf8)
    static let certificationLabel = Array("Certification(s)".utf8)
    static let specialtyLabel = Array("Certification(s)/Specialty:".utf8)
    static let specialtyStops = [Array("CLINICAL CASE SUMMARY".utf8), Array("State(s) of Licensure".utf8)]
    static let boardCertified = Array("Board Certified in ".utf8)
    static let isLicensed = Array("is licensed".utf8)
    static let sentenceEnd = Array(". ".utf8)
    static let licensedIn = Array("licensed to practice in ".utf8)

    static func parse(_ text: String) -> (specialties: [String], licensure: [String]) {
        let bytes = Array(text.utf8)
        var specialties: [String] = []
        var licensure: [String] = []
        let n = bytes.count
        if let at = LetterLines.find(licensureLabel, in: bytes, from: 0, to: n) {
            let start = at + licensureLabel.count
            let end = LetterLines.find(certificationLabel, in: bytes, from: start, to: n) ?? n
            licensure = splitList(bytes[start..<end])
        }
        if let at = LetterLines.find(specialtyLabel, in: bytes, from: 0, to: n) {
            let start = at + specialtyLabel.count
            var end = n
            for stop in specialtyStops {
                if let e = LetterLines.find(stop, in: bytes, from: start, to: n) { end = min(end, e) }
            }
            specialties = splitList(bytes[start..<end])
        }
        if specialties.isEmpty, let at = LetterLines.find(boardCertified, in: bytes, from: 0, to: n) {
            let start = at + boardCertified.count
            let end =
                LetterLines.find(isLicensed, in: bytes, from: start, to: n)
                ?? LetterLines.find(sentenceEnd, in: bytes, from: start, to: n) ?? n
            var phrase = String(decoding: bytes[start..<end], as: UTF8.self).collapsedWhitespace
            for suffix in [" and", ","] where phrase.hasSuffix(suffix) { phrase.removeLast(suffix.count) }
            phrase = phrase.replacingAll(", has a subspecialty in ", with: ", ")
            phrase = phrase.replacingAll(" with a subspecialty in ", with: ", ")
            var protected = phrase
            for (k, name) in namesWithAnd.enumerated() {
                protected = protected.replacingAll(name, with: "\u{1}\(k)\u{1}")
            }
            var parts: [String] = []
            for piece in protected.replacingAll(" and ", with: ",").split(separator: ",") {
                var s = String(piece).collapsedWhitespace
                for (k, name) in namesWithAnd.enumerated() {
                    s = s.replacingAll("\u{1}\(k)\u{1}", with: name)
                }
                if !s.isEmpty { parts.append(s) }
            }
            specialties = parts
        }
        if licensure.isEmpty, let at = LetterLines.find(licensedIn, in: bytes, from: 0, to: n) {
            let start = at + licensedIn.count
            var end = start
            while end < n && bytes[end] != 46 { end += 1 }
            let phrase = String(decoding: bytes[start..<end], as: UTF8.self).collapsedWhitespace
            licensure = phrase.replacingAll(" and ", with: ",").split(separator: ",").map {
                String($0).collapsedWhitespace
            }.filter { !$0.isEmpty }
        }
        return (specialties, licensure)
    }

    static func splitList(_ text: String) -> [String] {
        splitList(Array(text.utf8)[...])
    }

    /// The comma-separated items of `bytes`, each with its whitespace collapsed (runs of spaces and tabs
    /// to one space, none at the ends, as `collapsedWhitespace`); empty items are dropped.
    static func splitList(_ bytes: ArraySlice<UInt8>) -> [String] {
        let whole = Array(bytes)
        var items: [String] = []
        var start = 0
        for end in 0...whole.count where end == whole.count || whole[end] == 44 {
            var item: [UInt8] = []
            LetterLines.appendCollapsed(whole, start, end, to: &item)
            if !item.isEmpty { items.append(String(decoding: item, as: UTF8.self)) }
            start = end + 1
        }
        return items
    }
}

extension String {
    /// Every occurrence of `target` replaced (byte-wise, no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let t = Array(target.utf8)
        guard !t.isEmpty, bytes.count >= t.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + t.count <= bytes.count && bytes[i] == t[0] && Array(bytes[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.utf8)
                i += t.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
