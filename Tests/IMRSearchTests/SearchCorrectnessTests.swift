// Search correctness: for every operator and field, the exact match set equals a brute-force scan of the
// parsed records, and BM25 scores equal a straightforward reference implementation.
import Testing

@testable import IMRSearch

/// A deliberately naive evaluator of QueryNode over the parsed records.
struct BruteForce {
    struct Unit {
        var letter: Int
        var texts: [[String]]  // treatment, rationale, guideline tokens
        var summary: [String]
        var keywords: [KeywordField: Set<String>]
        var numbers: [NumericField: Int64]
    }
    var units: [Unit] = []
    var allKeywordValues: [KeywordField: Set<String>] = [:]

    init(_ records: [LetterRecord]) {
        for (l, r) in records.enumerated() {
            let numbers = NumericColumn.values(of: r)
            for it in r.items {
                var kw: [KeywordField: Set<String>] = [:]
                func add(_ f: KeywordField, _ field: IndexField, _ v: String) {
                    let n = KeywordValues.normalize(v, for: field)
                    if !n.isEmpty { kw[f, default: []].insert(n) }
                }
                add(.decision, .decision, it.decision.name)
                it.sources.forEach { add(.source, .source, $0) }
                it.sections.forEach { add(.section, .section, $0) }
                it.pages.forEach { p in KeywordValues.pages(in: p).forEach { add(.page, .page, String($0)) }
                }
                r.specialties.forEach { add(.specialty, .specialty, $0) }
                r.licensure.forEach { add(.state, .state, $0) }
                if let s = r.patientSex { add(.sex, .sex, s.rawValue) }
                if let p = r.priority { add(.priority, .priority, p) }
                if let c = r.caseNumber { add(.case, .caseNumber, c) }
                add(.file, .file, r.file)
                for (f, v) in kw { allKeywordValues[f, default: []].formUnion(v) }
                var nums: [NumericField: Int64] = [:]
                let order: [NumericField] = [.age, .injured, .decided, .assigned, .ur, .year]
                for (k, f) in order.enumerated() where numbers[k] != ColumnCodes.missing {
                    nums[f] = Int64(numbers[k])
                }
                units.append(
                    Unit(
                        letter: l,
                        texts: [it.treatment, it.rationale, it.guidelineText].map { Tokenizer.tokens(of: $0) },
                        summary: Tokenizer.tokens(of: r.summary), keywords: kw, numbers: nums))
            }
        }
    }

    func fields(_ u: Unit, _ f: TextField?) -> [[String]] {
        switch f {
        case nil: return u.texts
        case .treatment: return [u.texts[0]]
        case .rationale: return [u.texts[1]]
        case .guideline: return [u.texts[2]]
        case .summary: return [u.summary]
        }
    }

    static func phraseIn(_ tokens: [String], _ phrase: [String], slop: Int?) -> Bool {
        guard !phrase.isEmpty, tokens.count >= 1 else { return false }
        if let slop {
            // any order: some choice of one position per token spanning <= k - 1 + slop
            let lists = phrase.map { p in tokens.indices.filter { tokens[$0] == p } }
            if lists.contains(where: \.isEmpty) { return false }
            for start in lists.flatMap({ $0 }) {
                let end = start + phrase.count - 1 + slop
                if lists.allSatisfy({ l in l.contains { $0 >= start && $0 <= end } }) { return true }
            }
            return false
        }
        guard tokens.count >= phrase.count else { return false }
        for i in 0...(tokens.count - phrase.count) where Array(tokens[i..<(i + phrase.count)]) == phrase { return true }
        return false
    }

    func resolve(_ field: KeywordField, _ raw: String) -> String? {
        let indexField: IndexField =
            field == .case
            ? .caseNumber : (IndexField.allCases.first { $0.queryName == field.rawValue } ?? .decision)
        let v = KeywordValues.normalize(raw, for: indexField)
        let values = allKeywordValues[field] ?? []
        if values.contains(v) { return v }
        if field == .page { return nil }
        let c = values.filter { $0.hasPrefix(v) }
        return c.count == 1 ? c.first : nil
    }

    func matches(_ node: QueryNode, _ u: Unit) -> Bool {
        switch node {
        case .matchAll: return true
        case .term(let f, let t): return fields(u, f).contains { $0.contains(t) }
        case .phrase(let f, let tokens, let slop):
            return fields(u, f).contains {
                BruteForce.phraseIn($0, tokens, slop: tokens.count > 1 ? slop : nil)
            }
        case .prefix(let f, let p): return fields(u, f).contains { $0.contains { $0.hasPrefix(p) } }
        case .concept(let f, let alternatives, let slop):
            return alternatives.contains { matches(.phrase(field: f, tokens: $0, slop: slop), u) }
        case .keyword(let f, let v):
            guard let value = resolve(f, v) else { return false }
            return u.keywords[f]?.contains(value) ?? false
        case .range(let f, let lo, let hi):
            guard let v = u.numbers[f] else { return false }
            return v >= (lo ?? Int64.min) && v <= (hi ?? Int64.max)
        case .and(let cs): return cs.allSatisfy { matches($0, u) }
        case .or(let cs): return cs.contains { matches($0, u) }
        case .not(let c): return !matches(c, u)
        case .boost(let c, _): return matches(c, u)
        }
    }

    func matchSet(_ node: QueryNode) -> [Int] { units.indices.filter { matches(node, units[$0]) } }
}

@Suite struct SearchCorrectnessTests {
    let reader: IndexReader
    let searcher: Searcher
    let brute: BruteForce

    init() throws {
        reader = try IndexReader(path: TestSupport.corpusIndex)
        searcher = Searcher(reader: reader)
        brute = BruteForce(TestSupport.corpusRecords)
    }

    static let queries = [
        "mri", "acupuncture", "patient", "\"functional improvement\"", "\"not medically necessary\"",
        "\"medically necessary\" decision:overturned", "\"red flag\"~3", "\"improvement functional\"~2",
        "acupunct*",
        "med*", "treatment:mri", "treatment:acupuncture decision:over", "rationale:guidelines",
        "guideline:odg",
        "summary:shoulder", "summary:\"injured worker\"", "decision:upheld", "decision:overturned",
        "source:odg",
        "source:mtus", "section:\"special studies\"", "specialty:\"family practice\"",
        "state:california",
        "sex:female", "sex:male", "priority:standard", "age:40..60", "age:..30",
        "injured:2016-01-01..2016-12-31",
        "decided:2017", "year:2016..", "mri OR acupuncture", "tramadol OR hydrocodone OR norco",
        "mri -cervical",
        "NOT mri", "(knee OR shoulder) decision:upheld", "treatment:(mri OR acupuncture)", "page:98",
        "mri cervical spine", "\"physical therapy\" -decision:upheld", "chiro* OR massage",
        "case:CM16-0213037",
        "zzzznotaword", "mri zzzznotaword", "mri OR zzzznotaword",
        // Phrases of very common words, matched or not (the filters' order adapts as documents are read).
        "\"the injured worker\"", "\"the request is not medically necessary\"", "\"there is no documentation of\"",
        "\"medically necessary and appropriate\"", "\"documentation of functional improvement\"", "\"of the of\"",
        "\"is not medically necessary\" decision:upheld", "\"the the\"", "\"this request\"",
    ]

    @Test(arguments: queries)
    func matchSetEqualsBruteForce(_ text: String) throws {
        let query = try QueryParser.parse(text)
        let want = brute.matchSet(query)
        #expect(try searcher.count(query) == want.count, "count of \(text)")
        let hits = try searcher.search(query, limit: reader.itemCount + 1)
        #expect(hits.map(\.item).sorted() == want, "items of \(text)")
        // Ranking is consistent: scores non-increasing.
        for i in 1..<max(hits.count, 1) { #expect(hits[i - 1].score >= hits[i].score) }
    }

    @Test(arguments: ["mri", "acupuncture", "mri OR acupuncture", "patient", "knee shoulder", "pain"])
    func topKWithPruningEqualsExhaustiveRanking(_ text: String) throws {
        let query = try QueryParser.parse(text)
        let all = try searcher.search(query, limit: reader.itemCount + 1)
        for k in [1, 3, 10] {
            let top = try searcher.search(query, limit: k)
            #expect(top == Array(all.prefix(k)), "top \(k) of \(text)")
        }
        let page = try searcher.search(query, limit: 3, offset: 2)
        #expect(page == Array(all.dropFirst(2).prefix(3)))
    }

    /// BM25 computed the plain way over the records (lengths quantised by the same 1-byte norms).
    func referenceScore(term: String, unit: Int) -> Double {
        let units = brute.units
        let n = Double(units.count)
        var score = 0.0
        for c in 0..<3 {
            let df = Double(units.filter { $0.texts[c].contains(term) }.count)
            let tf = Double(units[unit].texts[c].filter { $0 == term }.count)
            guard tf > 0 else { continue }
            let avg = Double(units.reduce(0) { $0 + $1.texts[c].count }) / n
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            let length = Double(
                FieldNorms.length(ofCode: FieldNorms.code(forLength: units[unit].texts[c].count)))
            let weight = TextSubfield(rawValue: c)!.weight
            score += weight * idf * tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * length / avg))
        }
        return score
    }

    @Test(arguments: ["mri", "acupuncture", "guidelines", "knee"])
    func bm25ScoresEqualTheReference(_ term: String) throws {
        let hits = try searcher.search(.term(field: nil, token: term), limit: 1000)
        #expect(!hits.isEmpty)
        for hit in hits {
            let want = referenceScore(term: term, unit: hit.item)
            #expect(abs(hit.score - want) < 1e-9 * max(1, want), "score of item \(hit.item) for \(term)")
        }
    }

    @Test func aTreatmentHitOutranksARationaleMention() throws {
        let hits = try searcher.search(try QueryParser.parse("acupuncture"), limit: 5)
        let first = try #require(hits.first)
        let record = TestSupport.corpusRecords[reader.letter(ofItem: first.item)]
        let item = record.items[reader.itemNumber(ofItem: first.item)]
        #expect(Tokenizer.tokens(of: item.treatment).contains("acupuncture"))
    }

    @Test func theHeaderCountIsExactWithoutPositionsAndALowerBoundBeyondThePhraseLimit() throws {
        // Without positions: always the exact count, however many.
        for text in ["the", "acupuncture", "decision:upheld", "mri OR acupuncture", "year:2015..", "*"] {
            let query = try QueryParser.parse(text)
            #expect(!query.readsPositions, "\(text)")
            let header = try searcher.headerCount(query, positionalLimit: 3)
            #expect(header.exact)
            #expect(header.count == (try searcher.count(query)), "\(text)")
        }
        // With a phrase: exact up to the limit, else the limit and "more".
        for text in ["\"functional improvement\"", "\"the patient\" decision:upheld", "\"medical necessity\"~2"] {
            let query = try QueryParser.parse(text)
            #expect(query.readsPositions, "\(text)")
            let exact = try searcher.count(query)
            #expect(exact > 3, "\(text) should match more than the limit used here")
            let cut = try searcher.headerCount(query, positionalLimit: 3)
            #expect(cut.count == 3 && !cut.exact)
            let whole = try searcher.headerCount(query, positionalLimit: exact)
            #expect(whole.count == exact && whole.exact)
        }
        // A one-word "phrase" and a NOT over a phrase: the second still reads positions.
        #expect(!(try QueryParser.parse("\"acupuncture\"")).readsPositions)
        #expect((try QueryParser.parse("mri -\"low back\"")).readsPositions)
        // The header line says which it is.
        var printer = ResultPrinter(format: .human(color: false))
        let more = String(
            decoding: printer.header(
                ResultHeader(totalMatches: 1000, elapsedSeconds: 0.001, query: "", isLowerBound: true)),
            as: UTF8.self)
        #expect(more.hasPrefix("1000+ matching decisions (") && more.contains("--count for the exact number"))
        let one = String(
            decoding: printer.header(ResultHeader(totalMatches: 1, elapsedSeconds: 0.001, query: "")), as: UTF8.self)
        #expect(one.hasPrefix("1 matching decision (") && !one.contains("--count"))
    }

    @Test func ambiguousKeywordValuesAreQueryErrors() throws {
        #expect(throws: QueryPlanError.self) {
            try searcher.count(try QueryParser.parse("specialty:p"))
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
