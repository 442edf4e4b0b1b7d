// SummaryFacts: what the clinical case summary says about the patient — age and sex from the first
// "41-year-old male" / "28 year old" / "43 Y, F" phrase (sex only from an explicit word: male, female, man,
// woman; never from pronouns) — and the date of injury when the header has none ("date of injury of
// 08/22/12", "sustained a work related injury December 6, 2006", "industrial injury on 3/28/11").

enum SummaryFacts {
    static let sexWords: [(StaticString, PatientSex)] = [
        ("male", .male), ("female", .female), ("man", .male), ("woman", .female), ("gentleman", .male),
        ("lady", .female),
    ]

    /// Lower-cased words of `bytes[from..<to]` as (start, end) pairs.
    static func words(_ bytes: [UInt8], from: Int, to: Int, limit: Int) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var i = from
        while i < to && result.count < limit {
            while i < to && !isWordByte(bytes[i]) { i += 1 }
            let s = i
            while i < to && isWordByte(bytes[i]) { i += 1 }
            if i > s { result.append((s, i)) }
        }
        return result
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool { DateText.isLetter(b) || DateText.isDigit(b) }

    /// Whether word `w` of `bytes`, lower-cased, is `word` (lower-case ASCII); allocates nothing.
    static func equalsLower(_ bytes: [UInt8], _ w: (Int, Int), _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard w.1 - w.0 == count else { return false }
        let u = word.utf8Start
        for k in 0..<count where LetterLines.lower(bytes[w.0 + k]) != u[k] { return false }
        return true
    }

    static func ageAndSex(_ summary: String) -> (Int?, PatientSex?) {
        let bytes = Array(summary.utf8)
        // The age phrase opens the summary: look at its first words, then (rarely) at up to 160.
        let opening = words(bytes, from: 0, to: bytes.count, limit: 24)
        if opening.count == 24, let found = ageAndSex(bytes, opening, fallback: false) { return found }
        return ageAndSex(
            bytes, opening.count < 24 ? opening : words(bytes, from: 0, to: bytes.count, limit: 160), fallback: true)
            ?? (nil, nil)
    }

    /// The age phrase in `all`, else (with `fallback`) a bare sex word; nil when neither is found.
    private static func ageAndSex(_ bytes: [UInt8], _ all: [(Int, Int)], fallback: Bool) -> (Int?, PatientSex?)? {
        var k = 0
        while k + 2 < all.count || (k + 1 < all.count) {
            let w = all[k]
            if w.1 - w.0 <= 3, DateText.isDigit(bytes[w.0]),
                let age = Int(String(decoding: bytes[w.0..<w.1], as: UTF8.self))
            {
                // "41 year old", "41-year-old", "41 years old", "41 yo"
                if k + 2 < all.count
                    && (equalsLower(bytes, all[k + 1], "year") || equalsLower(bytes, all[k + 1], "years"))
                    && equalsLower(bytes, all[k + 2], "old")
                {
                    return (age, sex(bytes, all, after: k + 3))
                }
                // "43 Y, F"
                if k + 2 < all.count && equalsLower(bytes, all[k + 1], "y") {
                    let s = all[k + 2]
                    let sex: PatientSex? =
                        equalsLower(bytes, s, "f") ? .female : equalsLower(bytes, s, "m") ? .male : nil
                    if sex != nil { return (age, sex) }
                }
            }
            k += 1
        }
        if !fallback { return nil }
        // No age phrase: "The injured worker is a female who ..."
        for j in 0..<max(0, all.count - 1)
        where equalsLower(bytes, all[j], "a") || equalsLower(bytes, all[j], "an") {
            for (word, sex) in sexWords where equalsLower(bytes, all[j + 1], word) { return (nil, sex) }
        }
        return nil
    }

    /// An explicit sex word among the few words after the age phrase.
    static func sex(_ bytes: [UInt8], _ all: [(Int, Int)], after k: Int) -> PatientSex? {
        var j = k
        while j < min(all.count, k + 3) {
            for (word, sex) in sexWords where equalsLower(bytes, all[j], word) { return sex }
            j += 1
        }
        return nil
    }

    /// The date of injury named in the summary.
    static func injuryDate(_ summary: String) -> Day? {
        let bytes = Array(summary.utf8)
        var from = 0
        while let at = LetterLines.find(Array("injury".utf8), in: bytes, from: from, to: bytes.count) {
            // A date right after it: "injury of 08/22/12", "injury on 3/28/11", "injury December 6, 2006".
            let window = min(bytes.count, at + 6 + 24)
            if let (day, start, _) = DateText.first(
                in: bytes, from: at + 6, to: bytes.count, startingBefore: window),
                words(bytes, from: at + 6, to: start, limit: 4).count <= 2
            {
                return day
            }
            from = at + 6
        }
        return nil
    }
}
