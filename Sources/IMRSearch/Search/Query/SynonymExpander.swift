// SynonymExpander: the query-time rewrite of synonyms and abbreviations (README "Synonyms and
// abbreviations"), a pass over a parsed QueryNode; QueryParser itself stays literal.
//
// - Terms and phrases of text clauses expand (default fields, treatment:, rationale:, guideline:, summary:),
//   also under a NOT (`-norco` excludes hydrocodone too); prefixes, keyword, numeric fields do not.
// - Inside a phrase, forms are matched left to right, longest first, across adjacent words ("physical
//   therapy sessions" -> "pt sessions"); the phrase becomes the alternatives obtained by substituting each
//   reached form (the literal one first), each a proper phrase, at most `maxAlternatives` of them (a form
//   that would pass the bound stays as written, with a note).
// - A proximity query "a b"~N keeps N: a substituted form's words join the window as separate words (in
//   any order, like every word of a proximity query), so the window grows by the words a form adds.
// - An ambiguous form ("!" line) is never expanded; a note names its senses.
// - The rewritten clause is a `.concept`: it scores as one term (ConceptIterator), not as an OR.
// A query with nothing to expand comes back unchanged (the same node), so it plans and runs as before.

public struct SynonymExpansion: Sendable, Equatable {
    /// The query to run.
    public var query: QueryNode
    /// What expanded, one entry per rewritten clause: `norco -> (norco | hydrocodone | vicodin)`.
    public var expansions: [String]
    /// Notes for the user (ambiguous forms, a bound reached), each one sentence.
    public var notes: [String]

    /// One line for `--explain`: "expanded: a -> (...); b -> (...)", or nil when nothing expanded.
    public var explainLine: String? {
        expansions.isEmpty ? nil : "expanded: " + expansions.joined(separator: "; ")
    }
}

public enum SynonymExpander {
    /// The most alternatives one phrase expands into.
    public static let maxAlternatives = 16

    /// Rewrites the text clauses of `query` into concepts of the bundled list's synonyms (see the file
    /// comment); what the search command runs unless --exact.
    public static func expand(_ query: QueryNode) -> SynonymExpansion {
        // A query none of whose words occurs in the list's text cannot expand: the list is not even parsed.
        var tokens: [String] = []
        collectTextTokens(query, into: &tokens)
        guard SynonymTable.bundledMayMention(anyOf: tokens) else {
            return SynonymExpansion(query: query, expansions: [], notes: [])
        }
        return expand(query, table: .bundled)
    }

    /// The tokens of every term and phrase (under a NOT too).
    static func collectTextTokens(_ node: QueryNode, into tokens: inout [String]) {
        switch node {
        case .term(_, let token): tokens.append(token)
        case .phrase(_, let ts, _): tokens.append(contentsOf: ts)
        case .and(let children), .or(let children): for c in children { collectTextTokens(c, into: &tokens) }
        case .not(let child), .boost(let child, _): collectTextTokens(child, into: &tokens)
        case .prefix, .keyword, .range, .matchAll, .concept: break
        }
    }

    /// Rewrites the text clauses of `query` into concepts of `table`'s synonyms.
    public static func expand(_ query: QueryNode, table: SynonymTable) -> SynonymExpansion {
        var state = State(table: table)
        let rewritten = state.rewrite(query)
        var notes: [String] = []
        for note in state.notes where !notes.contains(note) { notes.append(note) }
        return SynonymExpansion(query: rewritten, expansions: state.expansions, notes: notes)
    }

    struct State {
        let table: SynonymTable
        var expansions: [String] = []
        var notes: [String] = []

        mutating func rewrite(_ node: QueryNode) -> QueryNode {
            switch node {
            case .term(let field, let token):
                return expandTokens(field: field, tokens: [token], slop: nil) ?? node
            case .phrase(let field, let tokens, let slop):
                return expandTokens(field: field, tokens: tokens, slop: slop) ?? node
            case .and(let children): return .and(children.map { rewrite($0) })
            case .or(let children): return .or(children.map { rewrite($0) })
            case .not(let child): return .not(rewrite(child))
            case .boost(let child, let factor): return .boost(rewrite(child), factor)
            case .prefix, .keyword, .range, .matchAll, .concept: return node
            }
        }

        /// The concept of `tokens`, or nil when no form in them expands.
        mutating func expandTokens(field: TextField?, tokens: [String], slop: Int?) -> QueryNode? {
            // Segments: each a list of choices (the literal form first).
            var segments: [[[String]]] = []
            var expanded = false
            var i = 0
            while i < tokens.count {
                var matched = false
                var length = min(table.longestForm, tokens.count - i)
                while length >= 1 {
                    let key = tokens[i..<(i + length)].joined(separator: " ")
                    if let forms = table.reach[key] {
                        segments.append(forms)
                        expanded = true
                        matched = true
                        i += length
                        break
                    }
                    length -= 1
                }
                if matched { continue }
                if let ambiguity = table.ambiguous[tokens[i]] {
                    let senses = ambiguity.senses.map { "\($0) (search \"\($0)\")" }
                    notes.append(
                        "\(ambiguity.written) is ambiguous and was searched as written: it could mean "
                            + senses.joined(separator: " or ") + "; --exact silences this note")
                }
                segments.append([[tokens[i]]])
                i += 1
            }
            guard expanded else { return nil }
            var alternatives: [[String]] = [[]]
            for segment in segments {
                if segment.count > 1 && alternatives.count * segment.count > SynonymExpander.maxAlternatives {
                    notes.append(
                        "\(segment[0].joined(separator: " ")) was searched as written: expanding it too would make more than \(SynonymExpander.maxAlternatives) alternatives"
                    )
                    alternatives = alternatives.map { $0 + segment[0] }
                    continue
                }
                alternatives = alternatives.flatMap { prefix in segment.map { prefix + $0 } }
            }
            guard alternatives.count > 1 else { return nil }
            let prefix = field.map { $0.rawValue + ":" } ?? ""
            expansions.append(
                prefix + SynonymExpander.label(tokens, slop: slop) + " -> "
                    + SynonymExpander.label(alternatives, slop: slop))
            return .concept(field: field, alternatives: alternatives, slop: slop)
        }
    }

    /// `norco`, `"lumbar esi"`, `"red flag"~3`.
    static func label(_ tokens: [String], slop: Int?) -> String {
        if tokens.count == 1 && slop == nil { return tokens[0] }
        return "\"" + tokens.joined(separator: " ") + "\"" + (slop.map { "~\($0)" } ?? "")
    }

    /// `(norco | hydrocodone | vicodin)`.
    static func label(_ alternatives: [[String]], slop: Int?) -> String {
        "(" + alternatives.map { label($0, slop: slop) }.joined(separator: " | ") + ")"
    }
}
