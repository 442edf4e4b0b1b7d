// Synonyms and abbreviations: the embedded list is well formed; DOMAIN §4 examples expand as documented
// (ambiguous forms never, one-way forms one way); expanded queries match exactly what a brute-force scan of
// the expanded query finds (terms, phrases with a multi-word synonym inside, proximity, AND/OR/NOT); a
// concept scores as one term with summed frequencies; pruned top-k equals the exhaustive ranking.
import Foundation
import IMRSynthesis
import Testing

@testable import IMRSearch

@Suite struct SynonymFileTests {
    @Test func theEmbeddedFileParsesAndIsWellFormed() throws {
        let text = SynonymTable.bundledText
        #expect(text.contains("PT = physical therapy = physiotherapy"))
        let table = try SynonymTable(parsing: text)
        #expect(table.reach.count > 150, "forms: \(table.reach.count)")
        for (key, forms) in table.reach {
            // The key is tokenized text, and reaches itself first and something else.
            #expect(Tokenizer.tokens(of: key) == key.split(separator: " ").map(String.init))
            #expect(forms.first == key.split(separator: " ").map(String.init), "\(key)")
            #expect(forms.count >= 2, "\(key) reaches nothing")
            #expect(Set(forms.map { $0.joined(separator: " ") }).count == forms.count, "\(key) repeats a form")
            for a in forms {
                #expect(!a.isEmpty)
                for b in forms where a != b {
                    #expect(!SynonymTable.contains(a, run: b), "\(key): '\(a)' contains '\(b)'")
                }
            }
            #expect(table.ambiguous[key] == nil, "\(key) is ambiguous and expands")
        }
        #expect(table.ambiguous["rfa"]?.senses == ["radiofrequency ablation", "request for authorization"])
        #expect(table.unverified.contains("tabradol"))
        // ASCII, so every token of a form is a piece of its line lower-cased (the shortcut of expand relies on it).
        #expect(text.utf8.allSatisfy { $0 < 128 })
        // Every data line is one of the documented kinds.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            #expect(line.contains(" = ") || line.contains(" ~> "), "line '\(line)'")
        }
    }

    @Test func malformedListsAreRejectedWithTheirLine() {
        let bad: [(String, String)] = [
            ("PT = physical therapy\nphysiotherapy = PT\n", "already"),
            ("norco = hydrocodone = hydrocodone/apap\n", "contains"),
            ("! RFA = radiofrequency ablation\n", "two senses"),
            ("just words\n", "expected"),
            ("a = \n", "without letters"),
            ("! rfa = x | y\nrfa = radiofrequency ablation\n", "ambiguous"),
        ]
        for (text, message) in bad {
            do {
                _ = try SynonymTable(parsing: text)
                Issue.record("accepted: \(text)")
            } catch let error as SynonymFileError {
                #expect(error.message.contains(message), "\(text): \(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(throws: Never.self) {
            try SynonymTable(parsing: "# only a comment\n\nPT = physical therapy # trailing\n")
        }
    }
}

@Suite struct SynonymExpansionTests {
    func expand(_ text: String) throws -> SynonymExpansion {
        SynonymExpander.expand(try QueryParser.parse(text))
    }

    func alternatives(_ text: String) throws -> [[String]] {
        guard case .concept(_, let alternatives, _) = try expand(text).query else { return [] }
        return alternatives
    }

    @Test func domainExamplesExpand() throws {
        #expect(
            try expand("PT").query
                == .concept(
                    field: nil,
                    alternatives: [["pt"], ["physical", "therapy"], ["physiotherapy"], ["physical", "medicine"]],
                    slop: nil))
        #expect(try alternatives("physiotherapy").contains(["pt"]))
        #expect(try alternatives("ESI").contains(["epidural", "steroid", "injection"]))
        #expect(try alternatives("\"epidural steroid injection\"").contains(["esi"]))
        let norco = try alternatives("Norco")
        #expect(norco.contains(["hydrocodone"]) && norco.contains(["vicodin"]))
        #expect(try alternatives("hydrocodone").contains(["norco"]))
        #expect(try alternatives("Flexeril").contains(["cyclobenzaprine"]))
        #expect(try alternatives("FRP").contains(["functional", "restoration", "program"]))
        #expect(try alternatives("TENS").contains(["transcutaneous", "electrical", "nerve", "stimulation"]))
        #expect(try alternatives("x-ray").contains(["radiograph"]))
        #expect(try expand("norco").explainLine == "expanded: norco -> (norco | vicodin | hydrocodone)")
        // The parser itself stays literal.
        #expect(try QueryParser.parse("norco") == .term(field: nil, token: "norco"))
    }

    @Test func theShortcutForWordsNotInTheListChangesNothing() throws {
        #expect(!SynonymTable.bundledMayMention(anyOf: ["acupuncture", "zzzz"]))
        #expect(SynonymTable.bundledMayMention(anyOf: ["acupuncture", "norco"]))
        for text in [
            "acupuncture", "norco", "PT -knee", "\"lumbar ESI\"", "RFA", "acupuncture decision:upheld", "summary:IW",
            "-hydrocodone", "\"independent medical review organization\"",
        ] {
            let query = try QueryParser.parse(text)
            #expect(SynonymExpander.expand(query) == SynonymExpander.expand(query, table: .bundled), "\(text)")
        }
    }

    @Test func ambiguousFormsNeverExpandAndSayWhy() throws {
        let rfa = try expand("RFA")
        #expect(rfa.query == .term(field: nil, token: "rfa"))
        #expect(rfa.expansions.isEmpty)
        #expect(rfa.notes.count == 1)
        let note = try #require(rfa.notes.first)
        #expect(note.contains("RFA is ambiguous"))
        #expect(note.contains("\"radiofrequency ablation\"") && note.contains("\"request for authorization\""))
        // Inside a phrase too, once per query.
        let phrase = try expand("\"lumbar rfa\" OR rfa")
        #expect(phrase.notes.count == 1)
        #expect(phrase.expansions.isEmpty)
    }

    @Test func oneWayFormsReachOnlyOneWay() throws {
        // [~]: the group reaches "physical medicine"; "physical medicine" reaches nothing.
        #expect(try alternatives("PT").contains(["physical", "medicine"]))
        let back = try expand("\"physical medicine\"")
        #expect(back.query == .phrase(field: nil, tokens: ["physical", "medicine"], slop: nil))
        #expect(back.expansions.isEmpty)
        #expect(try alternatives("FRP").contains(["help", "program"]))
        #expect(try expand("\"HELP program\"").expansions.isEmpty)
        // [?] kits: the generic reaches the kit, the kit is searched as written.
        #expect(try alternatives("cyclobenzaprine").contains(["tabradol"]))
        #expect(try expand("tabradol").query == .term(field: nil, token: "tabradol"))
    }

    @Test func phrasesExpandLongestFirstIntoProperPhrases() throws {
        let lumbar = try alternatives("\"lumbar ESI\"")
        #expect(lumbar.first == ["lumbar", "esi"])
        #expect(lumbar.contains(["lumbar", "epidural", "steroid", "injection"]))
        // Across adjacent words: "physical therapy" inside a longer phrase is one form (not "physical" alone).
        let sessions = try alternatives("\"physical therapy sessions\"")
        #expect(sessions.contains(["pt", "sessions"]))
        #expect(sessions.contains(["physiotherapy", "sessions"]))
        #expect(sessions.count == 4)
        // "independent medical review organization" is IMRO (longest), not IMR + organization.
        #expect(try alternatives("\"independent medical review organization\"").contains(["imro"]))
        // Two forms in one phrase: every combination.
        #expect(try alternatives("\"norco ur\"").count == 3 * 2)
        // The bound: at most maxAlternatives, with a note.
        let many = try expand("\"pt ot esi tens\"")
        guard case .concept(_, let alternatives, _) = many.query else {
            Issue.record("not expanded")
            return
        }
        #expect(alternatives.count <= SynonymExpander.maxAlternatives && alternatives.count > 1)
        #expect(many.notes.contains { $0.contains("more than") })
        // Proximity keeps its slop on every alternative.
        #expect(try expand("\"lumbar ESI\"~3").query.description(contains: "~3"))
    }

    @Test func whatExpandsAndWhatDoesNot() throws {
        #expect(try expand("-norco").query == .not(try expand("norco").query))
        #expect(
            try expand("treatment:norco").query
                == .concept(field: .treatment, alternatives: try alternatives("norco"), slop: nil))
        #expect(try expand("summary:norco").query != .term(field: .summary, token: "norco"))
        #expect(try expand("norc*").query == .prefix(field: nil, prefix: "norc"))
        #expect(try expand("decision:upheld year:2016").expansions.isEmpty)
        let plain = try QueryParser.parse("acupuncture \"functional improvement\" -knee decision:upheld")
        #expect(SynonymExpander.expand(plain).query == plain)
        #expect(SynonymExpander.expand(plain).expansions.isEmpty)
        // Highlighting takes the synonym forms.
        let tokens = Set(try expand("norco").query.positiveTextTokens)
        #expect(tokens.contains("hydrocodone"))
        let snippet = SnippetBuilder.best(in: "Hydrocodone was prescribed.", matching: tokens)
        #expect(snippet.highlights.count == 1)
        #expect(!Set(try expand("-norco tramadol").query.positiveTextTokens).contains("hydrocodone"))
    }
}

extension QueryNode {
    fileprivate func description(contains text: String) -> Bool {
        guard case .concept(_, let alternatives, let slop) = self else { return false }
        return alternatives.count > 1 && slop.map { "~\($0)" } == text
    }
}

/// Counts, match sets and rankings of expanded queries on an index, against brute force.
struct SynonymSearchChecks {
    let reader: IndexReader
    let searcher: Searcher
    let brute: BruteForce

    func expanded(_ text: String) throws -> QueryNode {
        let expansion = SynonymExpander.expand(try QueryParser.parse(text))
        #expect(!expansion.expansions.isEmpty, "\(text) should expand")
        return expansion.query
    }

    func matchSetEqualsBruteForce(_ text: String) throws {
        let query = try expanded(text)
        let want = brute.matchSet(query)
        #expect(try searcher.count(query) == want.count, "count of \(text)")
        let hits = try searcher.search(query, limit: reader.itemCount + 1)
        #expect(hits.map(\.item).sorted() == want, "items of \(text)")
        for i in 1..<max(hits.count, 1) { #expect(hits[i - 1].score >= hits[i].score) }
    }
}

@Suite struct SynonymCorpusTests {
    let checks: SynonymSearchChecks

    init() throws {
        let reader = try IndexReader(path: TestSupport.corpusIndex)
        checks = SynonymSearchChecks(
            reader: reader, searcher: Searcher(reader: reader), brute: BruteForce(TestSupport.corpusRecords))
    }

    static let queries = [
        "PT", "\"physical therapy\"", "physiotherapy", "norco", "ESI", "\"lumbar ESI\"",
        "\"physical therapy sessions\"", "\"PT visits\"~3", "\"visits PT\"~2", "PT -chiropractic", "-PT",
        "norco OR tramadol", "treatment:PT", "rationale:\"physical therapy\"", "(PT OR OT) decision:upheld",
        "\"EMG/NCV\"", "MRI -\"x-ray\"", "TENS OR acupuncture", "summary:IW", "UR IMR", "\"home exercise program\"",
        "PT AND NOT (norco OR MRI)",
    ]

    @Test(arguments: queries)
    func expandedMatchSetEqualsBruteForce(_ text: String) throws {
        try checks.matchSetEqualsBruteForce(text)
    }

    @Test func expansionFindsMoreThanTheLiteralQuery() throws {
        let literal = try checks.searcher.count(try QueryParser.parse("PT"))
        let expanded = try checks.searcher.count(try checks.expanded("PT"))
        #expect(expanded > literal)
        #expect(expanded >= (try checks.searcher.count(try QueryParser.parse("\"physical therapy\""))))
    }
}

@Suite struct SynonymSyntheticTests {
    static let setup: (records: [LetterRecord], index: String) = {
        let index = PrunedRankingTests.index
        let letters = (index as NSString).deletingLastPathComponent + "/letters"
        let records = CorpusWalker(paths: [letters]).files.map { file in
            LetterParser.parse(bytes: (try? FileIO.readAll(file)) ?? [], file: file)
        }
        return (records, index)
    }()
    static let brute = BruteForce(setup.records)

    let checks: SynonymSearchChecks

    init() throws {
        let reader = try IndexReader(path: Self.setup.index)
        checks = SynonymSearchChecks(reader: reader, searcher: Searcher(reader: reader), brute: Self.brute)
        #expect(reader.itemCount == Self.brute.units.count)
    }

    static let queries = [
        "ESI", "\"lumbar ESI\"", "\"cervical ESI\"", "\"ESI lumbar\"~2", "\"lumbar esi\"~1", "flexeril", "norco",
        "TENS", "FRP", "\"FRP is recommended\"~4", "PT", "MRI", "ESI decision:upheld", "ESI -\"lumbar ESI\"",
        "norco OR flexeril", "(TENS OR PT) -decision:overturned", "rationale:ESI guideline:ESI",
        "\"functional restoration program\" OR chiropractic", "\"lumbar ESI\" decision:upheld",
        "MRI decision:overturned",
    ]

    @Test(arguments: queries)
    func expandedMatchSetEqualsBruteForce(_ text: String) throws {
        try checks.matchSetEqualsBruteForce(text)
    }

    static let rankingQueries = [
        "ESI", "\"lumbar ESI\"", "flexeril", "cyclobenzaprine", "TENS", "PT", "FRP OR TENS", "ESI decision:upheld",
        "norco knee", "MRI lumbar", "\"lumbar ESI\" decision:upheld", "TENS decision:overturned",
        "MRI -decision:upheld",
        "\"cervical ESI\" OR TENS", "\"ESI lumbar\"~2", "flexeril -decision:upheld",
        "\"physical therapy\" OR chiropractic",
    ]

    @Test(arguments: rankingQueries)
    func prunedTopKEqualsTheExhaustiveRanking(_ text: String) throws {
        let searcher = checks.searcher
        let query = try checks.expanded(text)
        let all = try searcher.search(query, limit: checks.reader.itemCount + 1)
        #expect(all.count == (try searcher.count(query)), "count of \(text)")
        #expect(all.count > 20, "\(text) should match enough items to prune")
        for k in [1, 10, 25] {
            #expect(try searcher.search(query, limit: k) == Array(all.prefix(k)), "top \(k) of \(text)")
        }
        #expect(try searcher.search(query, limit: 5, offset: 7) == Array(all.dropFirst(7).prefix(5)))
    }

    /// How often `phrase` starts in `tokens`.
    static func frequency(_ phrase: [String], in tokens: [String]) -> Int {
        guard tokens.count >= phrase.count else { return 0 }
        return (0...(tokens.count - phrase.count)).filter { Array(tokens[$0..<($0 + phrase.count)]) == phrase }.count
    }

    /// The concept's BM25 the plain way: per column, tf summed over the alternatives, weight × the smallest
    /// column idf of the alternatives that occur (a phrase's idf: the summed idf of its words). Returns the
    /// scorer of one unit (the collection statistics are computed once).
    static func referenceScorer(_ alternatives: [[String]]) -> (Int) -> Double {
        let units = brute.units
        let n = Double(units.count)
        func idf(_ token: String, _ c: Int) -> Double {
            let df = Double(units.filter { $0.texts[c].contains(token) }.count)
            return log(1 + (n - df + 0.5) / (df + 0.5))
        }
        // The alternatives that occur in the queried fields at all (the others are not planned).
        let occurring = alternatives.filter { a in
            units.contains { u in u.texts.contains { frequency(a, in: $0) > 0 } }
        }
        let idfs = (0..<3).map { c in occurring.map { a in a.reduce(0) { $0 + idf($1, c) } }.min() }
        let averages = (0..<3).map { c in Double(units.reduce(0) { $0 + $1.texts[c].count }) / n }
        return { unit in
            var score = 0.0
            for c in 0..<3 {
                guard let idfConcept = idfs[c] else { continue }
                let tf = Double(alternatives.reduce(0) { $0 + frequency($1, in: units[unit].texts[c]) })
                guard tf > 0 else { continue }
                let length = Double(
                    FieldNorms.length(ofCode: FieldNorms.code(forLength: units[unit].texts[c].count)))
                let weight = TextSubfield(rawValue: c)!.weight
                score += weight * idfConcept * tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * length / averages[c]))
            }
            return score
        }
    }

    @Test(arguments: ["flexeril", "ESIs", "TENS"])
    func aConceptScoresAsOneTermWithSummedFrequencies(_ text: String) throws {
        let query = try checks.expanded(text)
        guard case .concept(_, let alternatives, _) = query else {
            Issue.record("\(text) did not expand")
            return
        }
        let literalOr = QueryNode.or(
            alternatives.map {
                $0.count == 1 ? .term(field: nil, token: $0[0]) : .phrase(field: nil, tokens: $0, slop: nil)
            })
        let orScores = Dictionary(
            uniqueKeysWithValues: try checks.searcher.search(literalOr, limit: 100_000).map { ($0.item, $0.score) })
        var both = 0
        let referenceScore = Self.referenceScorer(alternatives)
        for hit in try checks.searcher.search(query, limit: 100_000) {
            let want = referenceScore(hit.item)
            #expect(abs(hit.score - want) < 1e-9 * max(1, want), "score of item \(hit.item) for \(text)")
            let unit = Self.brute.units[hit.item]
            let forms = alternatives.filter { a in unit.texts.contains { Self.frequency(a, in: $0) > 0 } }
            if forms.count >= 2 {
                both += 1
                // An item holding two forms is not scored as two matched clauses.
                #expect(hit.score < orScores[hit.item]! - 1e-9, "item \(hit.item) scored like an OR")
            }
        }
        #expect(both > 0, "no item of \(text) holds two forms; the test would prove nothing")
    }
}

@Suite struct SynonymCommandLineTests {
    func count(_ arguments: [String]) throws -> Int {
        let out = try TestSupport.run(arguments + ["--index", TestSupport.corpusIndex, "--count"])
        return Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func theSearchCommandExpandsUnlessExact() throws {
        let expanded = try count(["PT"])
        let exact = try count(["PT", "--exact"])
        #expect(exact >= 0 && expanded > exact, "PT: \(expanded) expanded, \(exact) exact")
        #expect(try count(["pt"]) == expanded)
        // -norco excludes every form of the concept.
        #expect(try count(["-norco"]) == (try count(["NOT (norco OR vicodin OR hydrocodone)", "--exact"])))
        #expect(try count(["\"physical therapy\" OR PT", "--exact"]) <= expanded)
    }

    @Test func explainShowsTheExpansionAndTheConcept() throws {
        let out = try TestSupport.run(["PT", "--index", TestSupport.corpusIndex, "--explain", "--limit", "3"])
        #expect(out.status == 0)
        #expect(
            out.stderr.contains("expanded: pt -> (pt | \"physical therapy\" | physiotherapy | \"physical medicine\")"))
        #expect(out.stdout.contains(":concept ("))
        let exact = try TestSupport.run(["PT", "--index", TestSupport.corpusIndex, "--explain", "--exact"])
        #expect(!exact.stderr.contains("expanded"))
        #expect(!exact.stdout.contains("concept"))
    }

    @Test func ambiguousFormsPrintANote() throws {
        let out = try TestSupport.run(["RFA", "--index", TestSupport.corpusIndex, "--count"])
        #expect(out.stderr.contains("RFA is ambiguous"))
        #expect(out.stderr.contains("request for authorization"))
        let exact = try TestSupport.run(["RFA", "--index", TestSupport.corpusIndex, "--count", "--exact"])
        #expect(!exact.stderr.contains("ambiguous"))
        #expect(exact.stdout == out.stdout)
    }

    @Test func helpDocumentsExact() throws {
        let out = try TestSupport.run(["search", "--help"])
        #expect(out.stdout.contains("--exact"))
    }
}
