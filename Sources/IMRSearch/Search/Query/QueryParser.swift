// QueryParser: the query language (README "Query language"). Grammar, loosest binding first:
//   query   := clause (["AND"] clause)*          clauses side by side are ANDed
//   clause  := unary ("OR" unary)*               OR binds the clauses next to it
//   unary   := ("NOT" | "-") unary | "+" unary | primary ["^" N]
//   primary := "(" query ")" | field ":" value | "\"phrase\""["~"N] | word["*"]
// A field's value may be a group: treatment:(mri OR "x ray"). Words and phrases go through the shared
// Tokenizer, so a query matches exactly what indexing saw.

public enum QueryParser {
    enum Context {
        case text(TextField?)
        case keyword(KeywordField)
        case numeric(NumericField)
    }

    static var fieldList: String {
        (TextField.allCases.map(\.rawValue) + KeywordField.allCases.map(\.rawValue)
            + NumericField.allCases.map(\.rawValue))
            .joined(separator: ", ")
    }

    /// The deepest nesting of groups, NOT, - and + a query may have: the parser (and every pass over the
    /// parsed query) recurses once per level, and ten thousand "(" overflowed the stack.
    public static let maxDepth = 100

    public static func parse(_ query: String) throws -> QueryNode {
        var parser = Parser(query: query, tokens: try QueryLexer.lex(query))
        if parser.tokens.isEmpty {
            throw QuerySyntaxError(
                query: query, offset: 0, message: "the query is empty",
                hint: "e.g. imrsearch \"functional improvement\" decision:upheld")
        }
        let node = try parser.parseAnd(.text(nil))
        if parser.position < parser.tokens.count {
            throw parser.error("unexpected )", hint: "remove it or add a matching (")
        }
        guard let node else {
            throw QuerySyntaxError(
                query: query, offset: 0, message: "the query has no words to search for",
                hint: "words are letters and digits")
        }
        return node
    }

    /// Joins command-line arguments into one query. The shell has removed the user's quotes, so an argument
    /// with white space and no query syntax of its own is quoted back as a phrase.
    public static func joinArguments(_ arguments: [String]) -> String {
        arguments.map { arg -> String in
            let bytes = Array(arg.utf8)
            let hasSpace = bytes.contains { QueryLexer.isSpace($0) }
            let syntax =
                bytes.contains { $0 == 34 || $0 == 58 || $0 == 40 || $0 == 41 || $0 == 42 || $0 == 91 }
                || bytes.first == 45 || bytes.first == 43
                || arg.split(separator: " ").contains { $0 == "AND" || $0 == "OR" || $0 == "NOT" }
            return hasSpace && !syntax ? "\"" + arg + "\"" : arg
        }.joined(separator: " ")
    }

    struct Parser {
        let query: String
        let tokens: [QueryToken]
        var position = 0
        /// How many parseUnary calls are open: the nesting level.
        var depth = 0

        func error(_ message: String, hint: String? = nil, at offset: Int? = nil) -> QuerySyntaxError {
            let at = offset ?? (position < tokens.count ? tokens[position].offset : query.utf8.count)
            return QuerySyntaxError(query: query, offset: at, message: message, hint: hint)
        }

        var current: QueryToken.Kind? { position < tokens.count ? tokens[position].kind : nil }

        mutating func parseAnd(_ context: Context) throws -> QueryNode? {
            var clauses: [QueryNode] = []
            var any = false
            while let kind = current, kind != .close {
                if kind == .and {
                    guard any else { throw error("AND needs a clause before it") }
                    position += 1
                    guard current != nil, current != .close else {
                        throw error("AND needs a clause after it")
                    }
                    continue
                }
                any = true
                if let clause = try parseOr(context) { clauses.append(clause) }
            }
            if clauses.isEmpty { return nil }
            return clauses.count == 1
                ? clauses[0]
                : .and(clauses.flatMap { if case .and(let cs) = $0 { return cs } else { return [$0] } })
        }

        mutating func parseOr(_ context: Context) throws -> QueryNode? {
            var alternatives: [QueryNode] = []
            if let first = try parseUnary(context) { alternatives.append(first) }
            while current == .or {
                position += 1
                guard let kind = current, kind != .close, kind != .or, kind != .and else {
                    throw error("OR needs a clause after it")
                }
                if let next = try parseUnary(context) { alternatives.append(next) }
            }
            if alternatives.isEmpty { return nil }
            return alternatives.count == 1
                ? alternatives[0]
                : .or(alternatives.flatMap { if case .or(let cs) = $0 { return cs } else { return [$0] } })
        }

        mutating func parseUnary(_ context: Context) throws -> QueryNode? {
            guard let kind = current else { throw error("the query ends too early") }
            depth += 1
            defer { depth -= 1 }
            guard depth <= QueryParser.maxDepth else {
                throw error(
                    "the query nests more than \(QueryParser.maxDepth) levels of (, NOT, - or + here",
                    hint: "remove the extra levels")
            }
            switch kind {
            case .not, .minus:
                position += 1
                guard current != nil, current != .close else { throw error("NOT needs a clause after it") }
                return try parseUnary(context).map { QueryNode.not($0) }
            case .plus:
                position += 1
                return try parseUnary(context)
            default:
                let node = try parsePrimary(context)
                if case .boost(let factor) = current {
                    position += 1
                    return node.map { QueryNode.boost($0, factor) }
                }
                return node
            }
        }

        mutating func parsePrimary(_ context: Context) throws -> QueryNode? {
            let token = tokens[position]
            switch token.kind {
            case .open:
                position += 1
                let inner = try parseAnd(context)
                guard current == .close else {
                    throw error("this ( is never closed", hint: "add a )", at: token.offset)
                }
                position += 1
                return inner
            case .close:
                throw error("unexpected )")
            case .field(let name):
                position += 1
                let fieldContext = try resolveField(name, at: token.offset)
                guard let value = current, value != .close, value != .and, value != .or else {
                    throw error("\(name): needs a value", hint: "e.g. \(name):value")
                }
                if case .open = value { return try parsePrimary(fieldContext) }
                if case .field = value { throw error("\(name): needs a value before the next field") }
                return try parsePrimary(fieldContext)
            case .phrase(let text, let slop):
                position += 1
                return try value(text, isPhrase: true, slop: slop, context: context, offset: token.offset)
            case .bracket(let text):
                position += 1
                guard case .numeric(let field) = context else {
                    throw error(
                        "a [range] needs a numeric or date field", hint: "e.g. year:[2014 TO 2016]",
                        at: token.offset)
                }
                let parts = text.split(separator: " ").filter { !$0.isEmpty }
                guard parts.count == 3, parts[1] == "TO" else {
                    throw error(
                        "write a range as [LOW TO HIGH]", hint: "use * for an open end: [2016 TO *]",
                        at: token.offset)
                }
                return try range(field, String(parts[0]), String(parts[2]), offset: token.offset)
            case .word(let word):
                position += 1
                return try value(word, isPhrase: false, slop: nil, context: context, offset: token.offset)
            case .and, .or, .not, .minus, .plus:
                throw error("an operator cannot stand here")
            case .boost:
                throw error("a ^boost follows a word, a phrase or a )", hint: "e.g. acupuncture^2")
            }
        }

        func resolveField(_ name: String, at offset: Int) throws -> Context {
            let lower = name.lowercased()
            if let f = TextField(rawValue: lower) { return .text(f) }
            if let f = KeywordField(rawValue: lower) { return .keyword(f) }
            if let f = NumericField(rawValue: lower) { return .numeric(f) }
            // Names other tools and the DWC search use for our fields.
            let likely: [String: String] = [
                "body_part": "region", "bodypart": "region", "body": "region", "mtus_page": "page",
                "mtus_section": "section", "decision_date": "decided", "outcome": "decision",
                "medication": "drug", "drugs": "drug", "subcategory": "category",
            ]
            throw QuerySyntaxError(
                query: query, offset: offset,
                message: "unknown field '\(name)'" + (likely[lower].map { "; did you mean \($0):?" } ?? ""),
                hint: "fields: \(QueryParser.fieldList)")
        }

        func value(_ raw: String, isPhrase: Bool, slop: Int?, context: Context, offset: Int) throws
            -> QueryNode?
        {
            switch context {
            case .text(let field):
                if !isPhrase && raw == "*" { return .matchAll }
                if !isPhrase && raw.hasSuffix("*") {
                    let tokens = Tokenizer.tokens(of: String(raw.dropLast()))
                    guard let last = tokens.last else {
                        throw error("a prefix needs letters or digits before *", at: offset)
                    }
                    let prefix = QueryNode.prefix(field: field, prefix: last)
                    if tokens.count == 1 { return prefix }
                    return .and(tokens.dropLast().map { QueryNode.term(field: field, token: $0) } + [prefix])
                }
                let tokens = Tokenizer.tokens(of: raw)
                if tokens.isEmpty { return nil }
                if tokens.count == 1 && slop == nil { return .term(field: field, token: tokens[0]) }
                return .phrase(field: field, tokens: tokens, slop: slop)
            case .keyword(let field):
                let value =
                    raw.lowercased().hasSuffix("*") ? String(raw.lowercased().dropLast()) : raw.lowercased()
                if KeywordValues.normalize(value).isEmpty {
                    throw error("\(field.rawValue): needs a value with letters or digits", at: offset)
                }
                return .keyword(field: field, value: value)
            case .numeric(let field):
                let bytes = Array(raw.utf8)
                if let dots = LetterLines.find([46, 46], in: bytes, from: 0, to: bytes.count) {
                    let low = String(decoding: bytes[0..<dots], as: UTF8.self)
                    let high = String(decoding: bytes[(dots + 2)...], as: UTF8.self)
                    return try range(
                        field, low.isEmpty ? "*" : low, high.isEmpty ? "*" : high, offset: offset)
                }
                return try range(field, raw, raw, offset: offset)
            }
        }

        func range(_ field: NumericField, _ low: String, _ high: String, offset: Int) throws
            -> QueryNode
        {
            let lower = low == "*" ? nil : try bound(field, low, upper: false, offset: offset)
            let upper = high == "*" ? nil : try bound(field, high, upper: true, offset: offset)
            if let lower, let upper, lower > upper {
                throw error(
                    "the range \(low)..\(high) is empty (the low end is above the high end)", at: offset)
            }
            return .range(field: field, lower: lower, upper: upper)
        }

        func bound(_ field: NumericField, _ text: String, upper: Bool, offset: Int) throws -> Int64 {
            switch field {
            case .age, .year:
                guard let v = Int64(text), v >= 0, v < 100_000 else {
                    throw error(
                        "\(field.rawValue): takes a whole number, not '\(text)'",
                        hint: "e.g. \(field == .age ? "age:40..60" : "year:2014..2016")", at: offset)
                }
                return v
            default:
                let parts = text.split(separator: "-")
                guard (1...3).contains(parts.count), let day = Day(iso: text) else {
                    throw error(
                        "\(field.rawValue): takes a date YYYY, YYYY-MM or YYYY-MM-DD, not '\(text)'",
                        hint: "e.g. \(field.rawValue):2016-01-01..2016-06-30", at: offset)
                }
                guard upper else { return Int64(day.daysSinceEpoch) }
                // An upper bound covers its whole period: 2017 -> 2017-12-31, 2017-02 -> 2017-02-28.
                let (y, m, _) = day.civil
                switch parts.count {
                case 1: return Int64(Day(year: y, month: 12, day: 31)!.daysSinceEpoch)
                case 2:
                    return Int64(
                        Day(year: y, month: m, day: Day.daysInMonth(year: y, month: m))!.daysSinceEpoch)
                default: return Int64(day.daysSinceEpoch)
                }
            }
        }
    }
}
