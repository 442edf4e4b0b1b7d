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
            var phrase: [UInt8] = []
            LetterLines.appendCollapsed(bytes, start, end, to: &phrase)
            for suffix in [andSuffix, commaSuffix]
            where phrase.count >= suffix.count && phrase.suffix(suffix.count).elementsEqual(suffix) {
                phrase.removeLast(suffix.count)
            }
            specialties = splitProse(phrase, separators: specialtySeparators, whole: namesWithAndBytes)
        }
        if licensure.isEmpty, let at = LetterLines.find(licensedIn, in: bytes, from: 0, to: n) {
            let start = at + licensedIn.count
            var end = start
            while end < n && bytes[end] != 46 { end += 1 }
            var phrase: [UInt8] = []
            LetterLines.appendCollapsed(bytes, start, end, to: &phrase)
            licensure = splitProse(phrase, separators: listSeparators, whole: [])
        }
        return (specialties, licensure)
    }

    static let andSuffix = Array(" and".utf8)
    static let commaSuffix = Array(",".utf8)
    static let namesWithAndBytes = namesWithAnd.map { Array($0.utf8) }
    /// Where prose lists split: commas and " and ", and for specialties the subspecialty phrases.
    static let listSeparators = [" and ", ","].map { Array($0.utf8) }
    static let specialtySeparators =
        [", has a subspecialty in ", " with a subspecialty in "].map { Array($0.utf8) } + listSeparators

    /// The items of a prose list (`phrase`, white space already collapsed): split at each of `separators`
    /// (tried in order at every byte), never inside one of the `whole` names; each item has its white
    /// space collapsed; empty items are dropped.
    /// - Complexity: O(phrase.count × (separators + whole names)) byte comparisons at worst.
    static func splitProse(_ phrase: [UInt8], separators: [[UInt8]], whole: [[UInt8]]) -> [String] {
        var items: [String] = []
        var piece: [UInt8] = []
        func endPiece() {
            var item: [UInt8] = []
            LetterLines.appendCollapsed(piece, 0, piece.count, to: &item)
            if !item.isEmpty { items.append(String(decoding: item, as: UTF8.self)) }
            piece.removeAll(keepingCapacity: true)
        }
        func starts(_ word: [UInt8], at i: Int) -> Bool {
            guard i + word.count <= phrase.count, phrase[i] == word[0] else { return false }
            for k in 1..<word.count where phrase[i + k] != word[k] { return false }
            return true
        }
        var i = 0
        scan: while i < phrase.count {
            for separator in separators where starts(separator, at: i) {
                endPiece()
                i += separator.count
                continue scan
            }
            for name in whole where starts(name, at: i) {
                piece.append(contentsOf: name)
                i += name.count
                continue scan
            }
            piece.append(phrase[i])
            i += 1
        }
        endPiece()
        return items
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
