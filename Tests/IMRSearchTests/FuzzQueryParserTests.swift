// FuzzQueryParserTests: the seeded fuzzing of the query language (issue 12). Owns QueryFuzz — the real
// queries (README examples, Benchmarks/*.tsv) and the mutations of them — and the checks every input must
// pass: QueryParser.parse returns a well-formed QueryNode or throws a QuerySyntaxError whose offset lies
// on a character of the query and whose rendering has one caret line and a message; parsing is
// deterministic; a query that parses expands its synonyms, plans and searches the bundled corpus index
// without trapping. Also the regression tests of what fuzzing found (nesting depth, control characters
// in the rendered error). IMRSEARCH_LONG_TESTS=1 runs ten times as many inputs.
import Foundation
import Testing

@testable import IMRSearch

enum QueryFuzz {
    /// Real queries: the README's examples and the benchmark's query sets, plus each syntax form once.
    static let seeds: [String] = {
        var out = [
            "\"functional improvement\" decision:upheld", "treatment:acupuncture decision:overturned",
            "\"red flag\"~3 source:mtus", "norco OR hydrocodone -tramadol year:2016..", "acupunct* page:8",
            "case:CM16-0213037", "specialty:\"family practice\"", "category:pharmaceuticals", "PT",
            "\"lumbar ESI\"", "a b OR c d", "NOT a", "+a", "a^2 \"a b\"^0.5 (a OR b)^3 category:surgery^2", "*",
            "treatment:(mri OR \"x ray\")", "summary:\"injured worker\"", "decision:over",
            "section:\"special studies\"", "state:california", "sex:male priority:expedited",
            "category:\"pharmaceuticals/opioids\"", "drug:norco", "region:\"lumbar spine\"", "age:40..60",
            "injured:2012-01-01..2013-06-30", "decided:2016..2017", "assigned:2016", "ur:..2015",
            "year:[2014 TO 2016]", "year:[2016 TO *]", "decided:..2016-06", "bodypart:knee",
            "file:CM16-0224814.txt", "acupuncture AND NOT (massage OR chiropractic)", "10:30 t8 10mg",
            "\"physical therapy sessions\"~2^4", "-\"medically necessary\" +patient", "résumé naïve ß Œ",
        ]
        for name in ["queries.tsv", "stats_queries.tsv"] {
            let path = TestSupport.packageRoot + "/Benchmarks/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                if let query = line.split(separator: "\t").last { out.append(String(query)) }
            }
        }
        return out
    }()

    /// Pieces of query syntax a mutation inserts.
    static let fragments: [String] = [
        "(", ")", "\"", "[", "]", ":", "^", "^2", "^0.5", "^1000", "^1001", "^0", "^.", "~", "~3", "~99999",
        "*", "-", "+", " AND ", " OR ", " NOT ", "AND", "OR", "NOT", " TO ", "..", "...", " ", "\t", "\n",
        "\r\n", "year:", "age:", "decided:", "injured:", "ur:", "treatment:", "summary:", "decision:", "page:",
        "category:", "drug:", "region:", "case:", "nosuch:", "body_part:", "2016", "2016-02-29", "2017-02-29",
        "99999", "-1", "0", "00000000000000000000", "é", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{2028}", "漢字",
        "👩‍⚕️", "e\u{301}", "\u{FFFD}", "a*", "x", "\"\"", "()", "[]", "[* TO *]", "((", "))",
    ]

    /// Syntax bytes and a few others that replace one byte.
    static let bytes: [UInt8] = Array("()\"[]:^~*-+.0123456789 \t\nAaZz_/,".utf8) + [0, 0x7F, 0xC3, 0xA9, 0xFF]

    static func pick<T>(_ array: [T], _ rng: inout SplitMix) -> T { array[Int(rng.next() % UInt64(array.count))] }
    static func below(_ n: Int, _ rng: inout SplitMix) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    /// One to four mutations of `query`: insert, delete, duplicate, replace, splice with another seed,
    /// truncate, wrap, or a fresh string of random syntax.
    static func mutate(_ query: String, _ rng: inout SplitMix) -> String {
        var b = Array(query.utf8)
        for _ in 0...below(4, &rng) {
            let n = b.count
            switch below(11, &rng) {
            case 0, 1:
                b.insert(contentsOf: Array(pick(fragments, &rng).utf8), at: below(n + 1, &rng))
            case 2:
                let s = below(n + 1, &rng)
                b.removeSubrange(s..<min(n, s + 1 + below(6, &rng)))
            case 3:
                let s = below(n + 1, &rng)
                let e = min(n, s + 1 + below(12, &rng))
                b.insert(contentsOf: Array(b[s..<e]), at: below(n + 1, &rng))
            case 4:
                if n > 0 { b[below(n, &rng)] = pick(bytes, &rng) }
            case 5:
                let other = Array(pick(seeds, &rng).utf8)
                b = Array(b[0..<below(n + 1, &rng)]) + Array(other[below(other.count + 1, &rng)...])
            case 6:
                b.removeSubrange(below(n + 1, &rng)...)
            case 7:
                let (open, close) = pick(
                    [("(", ")"), ("NOT ", ""), ("-", ""), ("treatment:(", ")"), ("\"", "\""), ("(", ")^2")], &rng)
                b = Array(open.utf8) + b + Array(close.utf8)
            case 8:
                b = []
                for _ in 0..<below(24, &rng) { b += Array(pick(fragments, &rng).utf8) }
            case 9:
                if n > 0 { b[below(n, &rng)] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                b += Array(" ".utf8) + Array(pick(seeds, &rng).utf8)
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// What went wrong with `query`, if anything; the parsed query when it parsed.
    static func check(_ query: String, problems: inout [String]) -> QueryNode? {
        let node: QueryNode
        do {
            node = try QueryParser.parse(query)
        } catch let error as QuerySyntaxError {
            if let problem = problem(with: error, of: query) { problems.append("\(problem): \(debug(query))") }
            do {
                _ = try QueryParser.parse(query)
                problems.append("parsed the second time: \(debug(query))")
            } catch let again as QuerySyntaxError {
                if again != error { problems.append("a different error the second time: \(debug(query))") }
            } catch {}
            return nil
        } catch {
            problems.append("not a QuerySyntaxError (\(error)): \(debug(query))")
            return nil
        }
        if let problem = problem(with: node, depth: 0) { problems.append("\(problem): \(debug(query))") }
        if (try? QueryParser.parse(query)) != node { problems.append("another node the second time: \(debug(query))") }
        return node
    }

    static func debug(_ query: String) -> String { String(reflecting: query) }

    /// A syntax error must point at a character of the query and render as message, query, caret (, hint).
    static func problem(with error: QuerySyntaxError, of query: String) -> String? {
        let utf8 = Array(query.utf8)
        guard error.query == query else { return "the error quotes another query" }
        guard (0...utf8.count).contains(error.offset) else { return "offset \(error.offset) outside the query" }
        if error.offset < utf8.count && utf8[error.offset] & 0xC0 == 0x80 {
            return "offset \(error.offset) inside a character"
        }
        guard !error.message.isEmpty, !error.message.contains("\n") else { return "empty or multi-line message" }
        let lines = Array(error.rendered().utf8).split(separator: 10, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count == (error.hint == nil ? 3 : 4) else { return "rendered in \(lines.count) lines" }
        guard lines[0] == "imrsearch: query error: " + error.message else { return "no message line" }
        let caret = lines[2]
        guard caret.hasPrefix("  "), caret.hasSuffix("^"), caret.dropLast().allSatisfy({ $0 == " " }) else {
            return "no caret line"
        }
        // The caret stands under the character at the offset (or just past the end).
        let column = caret.unicodeScalars.count - 3
        let shown = Array(lines[1].unicodeScalars.dropFirst(2))
        let before = String(decoding: utf8[0..<error.offset], as: UTF8.self).unicodeScalars.count
        guard column == before, column <= shown.count else { return "caret at column \(column), not \(before)" }
        return nil
    }

    /// The parser's output is well formed: no empty groups, tokens as the tokenizer makes them, boosts and
    /// ranges in bounds, nesting bounded.
    static func problem(with node: QueryNode, depth: Int) -> String? {
        // Each level of the query (a group, NOT) makes at most a boost, an AND and an OR and the NOT.
        if depth > 4 * QueryParser.maxDepth + 4 { return "nested \(depth) deep" }
        func isToken(_ t: String) -> Bool { Tokenizer.tokens(of: t) == [t] }
        switch node {
        case .term(_, let token): return isToken(token) ? nil : "term '\(token)' is not a token"
        case .phrase(_, let tokens, let slop):
            if tokens.count < (slop == nil ? 2 : 1) || !tokens.allSatisfy(isToken) { return "bad phrase \(tokens)" }
            return (slop ?? 0) >= 0 ? nil : "negative slop"
        case .prefix(_, let prefix): return isToken(prefix) ? nil : "prefix '\(prefix)' is not a token"
        case .concept: return "the parser made a concept"
        case .keyword(_, let value): return KeywordValues.normalize(value).isEmpty ? "empty keyword value" : nil
        case .range(_, let lower, let upper):
            if let lower, let upper, lower > upper { return "empty range" }
            return nil
        case .and(let children), .or(let children):
            if children.count < 2 { return "a group of \(children.count)" }
            for child in children { if let p = problem(with: child, depth: depth + 1) { return p } }
            return nil
        case .not(let child): return problem(with: child, depth: depth + 1)
        case .boost(let child, let factor):
            if !(factor > 0 && factor <= 1000) { return "boost \(factor)" }
            return problem(with: child, depth: depth + 1)
        case .matchAll: return nil
        }
    }

    /// Expands, plans and runs `node` on `searcher`: it may throw a QueryPlanError, nothing else, and its
    /// hits must be real items, in order, no more than asked.
    static func run(_ node: QueryNode, on searcher: Searcher, query: String, problems: inout [String]) {
        for q in [node, SynonymExpander.expand(node).query] {
            do {
                let hits = try searcher.search(q, limit: 5, offset: 1)
                let count = try searcher.count(q)
                if hits.count > 5 || hits.count > max(0, count - 1)
                    || !hits.allSatisfy({ $0.item >= 0 && $0.item < searcher.reader.itemCount && $0.score.isFinite })
                    || !zip(hits, hits.dropFirst()).allSatisfy({ $0.score >= $1.score })
                {
                    problems.append("odd hits \(hits) of \(count): \(debug(query))")
                }
            } catch is QueryPlanError {
            } catch {
                problems.append("search threw \(error): \(debug(query))")
            }
        }
    }

    static var inputs: Int { ProcessInfo.processInfo.environment["IMRSEARCH_LONG_TESTS"] == "1" ? 1_000_000 : 100_000 }
}

@Suite struct FuzzQueryParserTests {
    /// ≥ 100,000 mutated queries (a million with IMRSEARCH_LONG_TESTS=1); every 16th that parses is also
    /// expanded, planned and run on the bundled corpus index; every 4th is also read as shell arguments.
    @Test func mutatedQueriesParseOrFailWithACaret() throws {
        let searcher = Searcher(reader: try IndexReader(path: TestSupport.corpusIndex))
        var rng = SplitMix(seed: 12)
        var problems: [String] = []
        var parsed = 0
        var failed = 0
        var searched = 0
        var current = QueryFuzz.seeds[0]
        for i in 0..<QueryFuzz.inputs {
            // Mostly a fresh mutation of a real query; sometimes a mutation of the last mutant.
            current = QueryFuzz.mutate(
                QueryFuzz.below(3, &rng) == 0 ? current : QueryFuzz.pick(QueryFuzz.seeds, &rng), &rng)
            if let node = QueryFuzz.check(current, problems: &problems) {
                parsed += 1
                if parsed % 16 == 0 {
                    searched += 1
                    QueryFuzz.run(node, on: searcher, query: current, problems: &problems)
                }
            } else {
                failed += 1
            }
            if i % 4 == 0 {
                let arguments = current.split(separator: " ").map(String.init)
                _ = QueryFuzz.check(QueryParser.joinArguments(arguments), problems: &problems)
            }
            if problems.count > 20 { break }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, the first: \(problems.prefix(20))")
        // The mutations reach both outcomes in earnest.
        #expect(parsed > QueryFuzz.inputs / 10 && failed > QueryFuzz.inputs / 10, "parsed \(parsed), failed \(failed)")
        #expect(searched > 1000)
    }

    /// Found by fuzzing: ten thousand "(" (or NOT, -, +) overflowed the stack of the recursive parser.
    @Test func deepNestingIsASyntaxErrorNotACrash() throws {
        for (open, close) in [("(", ")"), ("NOT ", ""), ("-", ""), ("+", ""), ("treatment:(", ")"), ("(-", ")^2")] {
            for levels in [QueryParser.maxDepth + 1, 10_000, 100_000] {
                let query = String(repeating: open, count: levels) + "a" + String(repeating: close, count: levels)
                var problems: [String] = []
                #expect(QueryFuzz.check(query, problems: &problems) == nil, "\(open) x \(levels) parsed")
                #expect(problems.isEmpty, "\(problems.map { $0.prefix(200) })")
                #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(query) }
            }
            // As deep as allowed ("(-" is two levels) parses, expands and searches.
            let depth = QueryParser.maxDepth / 2 - 1
            let query = String(repeating: open, count: depth) + "acupuncture" + String(repeating: close, count: depth)
            let node = try QueryParser.parse(query)
            let searcher = Searcher(reader: try IndexReader(path: TestSupport.corpusIndex))
            #expect(try searcher.count(SynonymExpander.expand(node).query) >= 0)
        }
        do {
            _ = try QueryParser.parse(String(repeating: "(", count: 200) + "a")
        } catch let error as QuerySyntaxError {
            #expect(error.offset == QueryParser.maxDepth, "the caret under the first ( too many")
            #expect(error.message.contains("nests more than 100 levels"))
        }
    }

    /// Found by fuzzing: a line break in the query (or quoted in the message) broke the caret display.
    @Test func controlCharactersKeepTheCaretUnderTheProblem() throws {
        for query in ["a\n\"b", "a\r\n(b", "\tx nosuch:y", "age:[5\n6 TO 1]", "a\u{2028}\"b", "year:20\u{0B}16"] {
            do {
                _ = try QueryParser.parse(query)
                Issue.record("\(query.debugDescription) parsed")
            } catch let error as QuerySyntaxError {
                #expect(QueryFuzz.problem(with: error, of: query) == nil, "\(error.rendered().debugDescription)")
            }
        }
        let error = QuerySyntaxError(query: "a\n\"b", offset: 2, message: "this quote is never closed")
        #expect(error.rendered() == "imrsearch: query error: this quote is never closed\n  a \"b\n    ^")
    }

    /// Every seed parses or fails as the README says, and the parsing ones search.
    @Test func theSeedQueriesPass() throws {
        let searcher = Searcher(reader: try IndexReader(path: TestSupport.corpusIndex))
        var problems: [String] = []
        for query in QueryFuzz.seeds {
            if let node = QueryFuzz.check(query, problems: &problems) {
                QueryFuzz.run(node, on: searcher, query: query, problems: &problems)
            } else {
                #expect(query == "bodypart:knee", "\(query) does not parse")
            }
        }
        #expect(problems.isEmpty, "\(problems)")
    }
}
