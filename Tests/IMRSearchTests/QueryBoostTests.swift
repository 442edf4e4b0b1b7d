// "^N" boosts: the lexer and parser, a boosted clause scoring N times its score (a filter scoring N), and
// top-k with boosts equal to the exhaustive ranking.
import Testing

@testable import IMRSearch

@Suite struct QueryBoostTests {
    let searcher = Searcher(reader: try! IndexReader(path: TestSupport.corpusIndex))

    @Test func boostsParseAfterWordsPhrasesAndGroups() throws {
        #expect(try QueryParser.parse("mri^2") == .boost(.term(field: nil, token: "mri"), 2))
        #expect(
            try QueryParser.parse("\"red flag\"~3^0.5")
                == .boost(.phrase(field: nil, tokens: ["red", "flag"], slop: 3), 0.5))
        #expect(
            try QueryParser.parse("treatment:(mri OR ct)^3")
                == .boost(.or([.term(field: .treatment, token: "mri"), .term(field: .treatment, token: "ct")]), 3))
        #expect(
            try QueryParser.parse("decision:upheld^1.5") == .boost(.keyword(field: .decision, value: "upheld"), 1.5))
        #expect(try QueryParser.parse("x^y") == .phrase(field: nil, tokens: ["x", "y"], slop: nil))
        for bad in ["mri^0", "mri^1001", "^2", "mri ^2"] {
            #expect(throws: QuerySyntaxError.self, "\(bad)") { try QueryParser.parse(bad) }
        }
    }

    @Test func aBoostMultipliesTheScoreAndAFilterScoresItsBoost() throws {
        let plain = try searcher.search(QueryParser.parse("acupuncture"), limit: 1000)
        let boosted = try searcher.search(QueryParser.parse("acupuncture^2.5"), limit: 1000)
        #expect(plain.map(\.item) == boosted.map(\.item))
        for (p, b) in zip(plain, boosted) { #expect(abs(p.score * 2.5 - b.score) < 1e-9) }
        let filter = try searcher.search(QueryParser.parse("decision:overturned^4"), limit: 1000)
        #expect(!filter.isEmpty && filter.allSatisfy { $0.score == 4 })
        #expect(filter.count == (try searcher.count(QueryParser.parse("decision:overturned"))))
    }

    @Test(arguments: [
        "acupuncture^3 OR mri OR category:rehabilitation^2", "treatment:mri^4 OR \"functional improvement\" OR knee",
        "(physical therapy)^2 OR region:\"lumbar spine\"^1.5 OR pain",
    ])
    func topKWithBoostsEqualsTheExhaustiveRanking(query: String) throws {
        let node = try QueryParser.parse(query)
        let all = try searcher.search(node, limit: 100_000)
        #expect(all.count == (try searcher.count(node)))
        for k in [1, 5, 10] {
            let top = try searcher.search(node, limit: k)
            #expect(top.map(\.item) == all.prefix(k).map(\.item), "\(query) k=\(k)")
        }
    }
}
