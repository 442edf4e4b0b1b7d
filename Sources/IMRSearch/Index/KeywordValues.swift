// KeywordValues: how a keyword field value is normalised, the same way at index time and at query time:
// the value's tokens (by the shared Tokenizer) joined by single spaces, so "Internal Medicine",
// "internal  medicine" and "INTERNAL-MEDICINE" are one value. Also the expansion of cited page ranges
// ("63-66" -> 63, 64, 65, 66) for the `page` field.

public enum KeywordValues {
    /// The normalised form of a keyword value; "" when it has no letters or digits.
    public static func normalize(_ value: String) -> String {
        Tokenizer.tokens(of: value).joined(separator: " ")
    }

    /// The value as the `field` stores it: the lower-cased basename for `file`, else `normalize`,
    /// cut to 255 bytes at a character boundary.
    public static func normalize(_ raw: String, for field: IndexField) -> String {
        var bytes: [UInt8]
        if field == .file {
            bytes = Array(basename(raw).utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        } else {
            bytes = Array(normalize(raw).utf8)
        }
        if bytes.count > 255 {
            var cut = 255
            while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.removeSubrange(cut...)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The basename of a path (the part after the last "/").
    public static func basename(_ path: String) -> String {
        var utf8 = Array(path.utf8)
        while utf8.count > 1 && utf8.last == 47 { utf8.removeLast() }
        if let slash = utf8.lastIndex(of: 47) {
            return String(decoding: utf8[(slash + 1)...], as: UTF8.self)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Every page number cited by a "Page(s):" string: ranges "63-66" expand to each page (at most
    /// `IndexFormat.maxPageRange` pages; a longer or reversed range keeps its two ends), lone numbers stay.
    public static func pages(in text: String) -> [Int] {
        var numbers: [(value: Int, dashAfter: Bool)] = []
        var current = -1
        var sawDash = false
        var bytes: [UInt8] = []
        let raw = Array(text.utf8)
        var k = 0
        while k < raw.count {  // en and em dashes count as '-'
            if raw[k] == 0xE2 && k + 2 < raw.count && raw[k + 1] == 0x80
                && (raw[k + 2] == 0x93 || raw[k + 2] == 0x94)
            {
                bytes.append(45)
                k += 3
            } else {
                bytes.append(raw[k])
                k += 1
            }
        }
        for byte in bytes {
            if byte >= 48 && byte <= 57 {
                if current < 0 { current = 0 }
                if current < 1_000_000 { current = current * 10 + Int(byte - 48) }
                sawDash = false
            } else {
                if current >= 0 {
                    numbers.append((current, false))
                    current = -1
                }
                if byte == 45 {
                    if !numbers.isEmpty && !sawDash { numbers[numbers.count - 1].dashAfter = true }
                    sawDash = true
                } else if byte != 32 {
                    sawDash = false
                    if !numbers.isEmpty { numbers[numbers.count - 1].dashAfter = false }
                }
            }
        }
        if current >= 0 { numbers.append((current, false)) }
        var result: [Int] = []
        var i = 0
        while i < numbers.count {
            let first = numbers[i].value
            if numbers[i].dashAfter, i + 1 < numbers.count {
                let last = numbers[i + 1].value
                if last >= first && last - first < IndexFormat.maxPageRange {
                    result.append(contentsOf: first...last)
                } else {
                    result.append(first)
                    result.append(last)
                }
                i += 2
            } else {
                result.append(first)
                i += 1
            }
        }
        return result
    }
}
