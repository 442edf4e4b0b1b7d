// QueryLexer: cuts a query into tokens — parentheses, quoted phrases (with an optional ~N), Lucene ranges
// in brackets, unary -/+, the upper-case operators AND, OR, NOT, words (which may carry "field:"), and a
// boost "^N" right after a word, a phrase or a closing parenthesis.

struct QueryToken: Equatable {
    enum Kind: Equatable {
        case open, close
        case phrase(String, slop: Int?)
        case bracket(String)
        case minus, plus
        case and, or, not
        case word(String)
        case field(String)  // "name:" — the value follows
        case boost(Double)  // "^N" after a word, phrase or ")"

    }
    var kind: Kind
    var offset: Int
}

enum QueryLexer {
    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    static func lex(_ query: String) throws -> [QueryToken] {
        let bytes = Array(query.utf8)
        var tokens: [QueryToken] = []
        var i = 0
        let n = bytes.count
        var atTermStart = true
        while i < n {
            let b = bytes[i]
            if isSpace(b) {
                i += 1
                atTermStart = true
                continue
            }
            let start = i
            switch b {
            case 40:
                tokens.append(QueryToken(kind: .open, offset: i))
                i += 1
                atTermStart = true
                continue
            case 41:
                tokens.append(QueryToken(kind: .close, offset: i))
                i += 1
                atTermStart = false
                i = try boost(bytes, at: i, query: query, into: &tokens)
                continue
            case 34:
                var j = i + 1
                while j < n && bytes[j] != 34 { j += 1 }
                guard j < n else {
                    throw QuerySyntaxError(
                        query: query, offset: i, message: "this quote is never closed",
                        hint: "close the phrase with \"")
                }
                let text = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                j += 1
                var slop: Int?
                if j < n && bytes[j] == 126 {
                    var k = j + 1
                    var value = 0
                    while k < n && bytes[k] >= 48 && bytes[k] <= 57 && value < 10_000 {
                        value = value * 10 + Int(bytes[k] - 48)
                        k += 1
                    }
                    guard k > j + 1 else {
                        throw QuerySyntaxError(
                            query: query, offset: j, message: "~ needs a number of positions",
                            hint: "e.g. \"red flags\"~3")
                    }
                    slop = value
                    j = k
                }
                tokens.append(QueryToken(kind: .phrase(text, slop: slop), offset: start))
                i = try boost(bytes, at: j, query: query, into: &tokens)
                atTermStart = false
                continue
            case 91:
                var j = i + 1
                while j < n && bytes[j] != 93 { j += 1 }
                guard j < n else {
                    throw QuerySyntaxError(
                        query: query, offset: i, message: "this [ is never closed",
                        hint: "write a range as [2016 TO 2017] or 2016..2017")
                }
                tokens.append(
                    QueryToken(
                        kind: .bracket(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)), offset: start))
                i = j + 1
                atTermStart = false
                continue
            case 45, 43:
                if atTermStart && i + 1 < n && !isSpace(bytes[i + 1]) {
                    tokens.append(QueryToken(kind: b == 45 ? .minus : .plus, offset: i))
                    i += 1
                    continue
                }
            default: break
            }
            // A word: up to white space, a parenthesis or a quote.
            var j = i
            while j < n && !isSpace(bytes[j]) && bytes[j] != 40 && bytes[j] != 41 && bytes[j] != 34
                && bytes[j] != 91 && !(bytes[j] == 94 && j + 1 < n && isBoostStart(bytes[j + 1]))
            { j += 1 }
            if j == i {
                throw QuerySyntaxError(
                    query: query, offset: i, message: "a ^boost follows a word, a phrase or a ) without a space",
                    hint: "e.g. acupuncture^2")
            }
            let word = String(decoding: bytes[i..<j], as: UTF8.self)
            atTermStart = false
            if word == "AND" {
                tokens.append(QueryToken(kind: .and, offset: start))
            } else if word == "OR" {
                tokens.append(QueryToken(kind: .or, offset: start))
            } else if word == "NOT" {
                tokens.append(QueryToken(kind: .not, offset: start))
            } else if let colon = bytes[i..<j].firstIndex(of: 58), colon > i,
                bytes[i..<colon].allSatisfy({ isNameByte($0) })
            {
                tokens.append(
                    QueryToken(kind: .field(String(decoding: bytes[i..<colon], as: UTF8.self)), offset: start)
                )
                if colon + 1 < j {
                    tokens.append(
                        QueryToken(
                            kind: .word(String(decoding: bytes[(colon + 1)..<j], as: UTF8.self)),
                            offset: colon + 1))
                }
            } else {
                tokens.append(QueryToken(kind: .word(word), offset: start))
            }
            i = try boost(bytes, at: j, query: query, into: &tokens)
        }
        return tokens
    }

    static func isBoostStart(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || b == 46 }

    /// Lexes a "^N" boost at `at`, if there is one; returns the offset after it.
    static func boost(_ bytes: [UInt8], at: Int, query: String, into tokens: inout [QueryToken]) throws -> Int {
        guard at < bytes.count, bytes[at] == 94 else { return at }
        var k = at + 1
        var value = 0.0
        var scale = 0.0
        var digits = 0
        while k < bytes.count && (isBoostStart(bytes[k])) {
            if bytes[k] == 46 {
                if scale > 0 { break }
                scale = 1
            } else {
                digits += 1
                if scale > 0 {
                    scale /= 10
                    value += Double(bytes[k] - 48) * scale
                } else {
                    value = value * 10 + Double(bytes[k] - 48)
                }
            }
            k += 1
        }
        guard digits > 0, digits < 10, value > 0, value <= 1000 else {
            throw QuerySyntaxError(
                query: query, offset: at, message: "^ needs a boost above 0 and at most 1000",
                hint: "e.g. acupuncture^2 \"functional improvement\"^0.5")
        }
        tokens.append(QueryToken(kind: .boost(value), offset: at))
        return k
    }

    /// Field names are letters and underscores (so "10:30" is text, not a field).
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95
    }
}
