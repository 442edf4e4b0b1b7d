// QueryNode: the parsed form of a query — what QueryParser produces and QueryPlanner executes.

/// The text fields a query can name.
public enum TextField: String, CaseIterable, Sendable {
    case treatment, rationale, guideline, summary
}

/// The keyword fields: exact values (case-insensitive; unambiguous prefixes accepted except for `page`).
public enum KeywordField: String, CaseIterable, Sendable {
    case decision, source, page, section, specialty, state, sex, priority, `case`, file, category, drug, region
}

/// The numeric fields; dates are days since 1970-01-01. `added` is the day the letter first entered the
/// index (for alerts on new precedents).
public enum NumericField: String, CaseIterable, Sendable {
    case age, injured, decided, assigned, ur, year, added
}

public indirect enum QueryNode: Equatable, Sendable {
    /// A token in one text field, or in the default fields (treatment, rationale, guideline) when nil.
    case term(field: TextField?, token: String)
    /// Tokens at consecutive positions (slop nil), or all within a window of `slop` extra positions, any order.
    case phrase(field: TextField?, tokens: [String], slop: Int?)
    case prefix(field: TextField?, prefix: String)
    /// One concept written several ways (built by `SynonymExpander`, never by the parser): a document matches
    /// when any alternative does, each alternative a term (one token, no slop) or a phrase with `slop`; it
    /// scores as one term whose frequency is the alternatives' frequencies summed (see `ConceptIterator`).
    case concept(field: TextField?, alternatives: [[String]], slop: Int?)
    /// A keyword value as typed, lower-cased (normalised when planned).
    case keyword(field: KeywordField, value: String)
    /// Inclusive bounds; nil is open.
    case range(field: NumericField, lower: Int64?, upper: Int64?)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)
    /// The clause's score times the factor; a clause that scores nothing (a keyword or range filter)
    /// scores the factor itself.
    case boost(QueryNode, Double)
    case matchAll
}

extension QueryNode {
    /// Tokens of the terms and phrases not under a NOT (prefixes with a trailing "*"), for highlighting.
    public var positiveTextTokens: [String] {
        var out: [String] = []
        collect(into: &out, negated: false)
        return out
    }

    private func collect(into out: inout [String], negated: Bool) {
        switch self {
        case .term(_, let t): if !negated { out.append(t) }
        case .phrase(_, let ts, _): if !negated { out.append(contentsOf: ts) }
        case .prefix(_, let p): if !negated { out.append(p + "*") }
        case .concept(_, let alternatives, _): if !negated { for a in alternatives { out.append(contentsOf: a) } }
        case .and(let cs), .or(let cs): for c in cs { c.collect(into: &out, negated: negated) }
        case .not(let c): c.collect(into: &out, negated: !negated)
        case .boost(let c, _): c.collect(into: &out, negated: negated)
        case .keyword, .range, .matchAll: break
        }
    }
}

extension QueryNode {
    /// Whether matching reads positions: a phrase or proximity, or a concept with a multi-word alternative
    /// (counting such a query verifies every candidate's positions).
    public var readsPositions: Bool {
        switch self {
        case .phrase(_, let tokens, _): return tokens.count > 1
        case .concept(_, let alternatives, _): return alternatives.contains { $0.count > 1 }
        case .and(let cs), .or(let cs): return cs.contains { $0.readsPositions }
        case .not(let c), .boost(let c, _): return c.readsPositions
        case .term, .prefix, .keyword, .range, .matchAll: return false
        }
    }
}
