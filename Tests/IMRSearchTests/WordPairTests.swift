// The pairs and triples of common words (`IndexField.itemPairs`, `itemTriples`, `CommonWords`): the index
// holds exactly the pairs that stand side by side in one column, with their frequency per column, and the
// triples with their documents, and phrases read with them give the counts, hits and scores of phrases read
// from their words alone. Runs on the real letters of the bundled
// corpus and on a few thousand synthetic letters (the index of `PrunedRankingTests`, where lists span many
// blocks and top-k prunes).
import Foundation
import Testing

@testable import IMRSearch

@Suite struct WordPairTests {
    static var indexes: [String] { [TestSupport.corpusIndex, PrunedRankingTests.index] }

    /// Per document, per column: how often `first` stands right before `second`, from the words' own
    /// positions.
    static func adjacentCounts(_ reader: IndexReader, _ first: String, _ second: String) -> [UInt32: [UInt32]] {
        let dictionary = reader.dictionary(.itemText)
        guard let a = dictionary.lookup(first), let b = dictionary.lookup(second) else { return [:] }
        let left = PostingsCursor(reader: reader, info: a, field: .itemText)
        let right = PostingsCursor(reader: reader, info: b, field: .itemText)
        var counts: [UInt32: [UInt32]] = [:]
        var firstPositions: [UInt32] = []
        var secondPositions: [UInt32] = []
        while left.doc != PostingsCursor.end {
            let d = left.doc
            if right.seek(d) == d {
                var row: [UInt32] = [0, 0, 0]
                for c in 0..<3 where left.tf(c) > 0 && right.tf(c) > 0 {
                    let readLeft: Bool = left.positions(column: c, into: &firstPositions)
                    let readRight: Bool = right.positions(column: c, into: &secondPositions)
                    precondition(readLeft && readRight, "positions of \(first), \(second) at \(d) unreadable")
                    let following = Set(secondPositions)
                    row[c] = UInt32(firstPositions.filter { following.contains($0 + 1) }.count)
                }
                if row != [0, 0, 0] { counts[d] = row }
            }
            left.next()
        }
        return counts
    }

    @Test(arguments: indexes)
    func pairsAreExactlyTheAdjacentCommonWords(_ path: String) throws {
        let reader = try IndexReader(path: path)
        let pairs = reader.dictionary(.itemPairs)
        var checked = 0
        var indexed = 0
        for first in CommonWords.words {
            for second in CommonWords.words {
                let expected = WordPairTests.adjacentCounts(reader, first, second)
                let info = pairs.lookup(first + " " + second)
                #expect((info != nil) == !expected.isEmpty, "pair \(first) \(second) indexed iff adjacent somewhere")
                guard let info else { continue }
                indexed += 1
                var actual: [UInt32: [UInt32]] = [:]
                let cursor = PostingsCursor(reader: reader, info: info, field: .itemPairs)
                while cursor.doc != PostingsCursor.end {
                    actual[cursor.doc] = [cursor.tf(0), cursor.tf(1), cursor.tf(2)]
                    cursor.next()
                }
                let wrong = expected.keys.sorted().first { actual[$0] != expected[$0] }
                #expect(
                    actual.count == expected.count && wrong == nil,
                    "postings of \(first) \(second): \(actual.count) documents, \(expected.count) expected; first wrong \(wrong.map { "\($0): \(actual[$0] ?? []) vs \(expected[$0]!)" } ?? "-")"
                )
                checked += expected.count
            }
        }
        // Real letters hold hundreds of such pairs: the test cannot pass on an index without them.
        #expect(indexed > 100)
        #expect(checked > 1000)
        var terms = 0
        pairs.forEachTerm { _, _ in
            terms += 1
            return true
        }
        #expect(terms == indexed, "no other term in the pair field")
    }

    /// Per triple of common words standing side by side in one column ("request is not"), the documents
    /// holding it, from the words' own positions.
    static func adjacentTriples(_ reader: IndexReader) -> [String: Set<UInt32>] {
        // Per document and column: the common words by position.
        var words: [UInt32: [[UInt32: String]]] = [:]
        var positions: [UInt32] = []
        for word in CommonWords.words {
            guard let info = reader.dictionary(.itemText).lookup(word) else { continue }
            let cursor = PostingsCursor(reader: reader, info: info, field: .itemText)
            while cursor.doc != PostingsCursor.end {
                for c in 0..<3 where cursor.tf(c) > 0 {
                    let read: Bool = cursor.positions(column: c, into: &positions)
                    precondition(read, "positions of \(word) at \(cursor.doc) unreadable")
                    var columns = words[cursor.doc] ?? [[:], [:], [:]]
                    for p in positions { columns[c][p] = word }
                    words[cursor.doc] = columns
                }
                cursor.next()
            }
        }
        var triples: [String: Set<UInt32>] = [:]
        for (doc, columns) in words {
            for column in columns {
                for (p, first) in column {
                    guard let second = column[p + 1], let third = column[p + 2] else { continue }
                    triples[first + " " + second + " " + third, default: []].insert(doc)
                }
            }
        }
        return triples
    }

    @Test(arguments: indexes)
    func triplesAreExactlyTheAdjacentCommonWords(_ path: String) throws {
        let reader = try IndexReader(path: path)
        let expected = WordPairTests.adjacentTriples(reader)
        var indexed: [String: Set<UInt32>] = [:]
        var dense = 0
        reader.dictionary(.itemTriples).forEachTerm { _, term in
            let text = String(decoding: term, as: UTF8.self)
            let info = reader.dictionary(.itemTriples).lookup(text)!
            guard IndexFormat.keepsTriplePostings(docFreq: info.docFreq, items: reader.itemCount) else {
                // In more than a quarter of the items: its count, and no postings.
                #expect(info.docFreq == expected[text]?.count && info.postingsLength == 0, "dense triple \(text)")
                indexed[text] = expected[text]
                dense += 1
                return true
            }
            let cursor = PostingsCursor(reader: reader, info: info, field: .itemTriples)
            var docs: Set<UInt32> = []
            while cursor.doc != PostingsCursor.end {
                docs.insert(cursor.doc)
                cursor.next()
            }
            indexed[text] = docs
            return true
        }
        let missing = expected.keys.filter { indexed[$0] == nil }.sorted()
        let extra = indexed.keys.filter { expected[$0] == nil }.sorted()
        let wrong = expected.keys.filter { indexed[$0] != nil && indexed[$0] != expected[$0] }.sorted()
        #expect(missing.isEmpty, "triples not indexed: \(missing.prefix(5))")
        #expect(extra.isEmpty, "triples indexed that stand nowhere: \(extra.prefix(5))")
        #expect(wrong.isEmpty, "triples with other documents: \(wrong.prefix(5))")
        // Real letters hold hundreds of such triples: the test cannot pass on an index without them. Boilerplate
        // triples ("decision based on") stand in most decisions: both kinds are checked.
        #expect(expected.count > 100)
        #expect(dense > 0 && dense < indexed.count)
    }

    @Test func aRareTripleFiltersItsPhrase() throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        for text in ["\"the request is not medically necessary\"", "\"documentation of functional improvement\""] {
            let root = try searcher.plan(QueryParser.parse(text))[0]
            let filtered = (root as? IntersectionIterator)?.children.contains { $0 is KeywordIterator } ?? false
            #expect(filtered, "\(text) is filtered by a triple")
            let plain = Searcher(reader: reader)
            plain.usesWordPairs = false
            #expect(try plain.plan(QueryParser.parse(text))[0] is PhraseIterator)
        }
        // A triple that stands nowhere though both its pairs do: the phrase matches nothing.
        var pairs: [[String]] = []
        reader.dictionary(.itemPairs).forEachTerm { _, term in
            pairs.append(String(decoding: term, as: UTF8.self).split(separator: " ").map(String.init))
            return true
        }
        let absent = pairs.lazy.flatMap { ab in
            pairs.lazy.filter { $0[0] == ab[1] }.map { bc in ab + [bc[1]] }
        }.first { reader.dictionary(.itemTriples).lookup($0.joined(separator: " ")) == nil }
        let words = try #require(absent)
        let phrase = "\"" + words.joined(separator: " ") + "\""
        #expect(try searcher.count(QueryParser.parse(phrase)) == 0, "\(phrase)")
        let plain = Searcher(reader: reader)
        plain.usesWordPairs = false
        #expect(try plain.count(QueryParser.parse(phrase)) == 0, "\(phrase), read from its words")
    }

    static let phrases = [
        // Two common words: the pair's postings alone, scored as the phrase.
        "\"the injured\"", "\"the request\"", "\"not medically\"", "\"medically necessary\"", "\"the patient\"",
        "\"this request\"", "\"the guidelines\"", "\"is recommended\"", "\"functional improvement\"",
        "treatment:\"the request\"", "rationale:\"functional improvement\" decision:upheld",
        "guideline:\"based on\"", "\"the guidelines\" OR \"the request\"", "\"the patient\" -knee",
        // Longer: the pairs join the conjunction or lead it.
        "\"the injured worker\"", "\"not medically necessary\"", "\"the request for\"", "\"there is no\"",
        "\"for the treatment\"", "\"in this case\"", "\"the medical records\"", "\"as an option\"",
        "\"medically necessary and appropriate\"", "\"there is no documentation of\"",
        "\"the request is not medically necessary\"", "\"is not medically necessary\"",
        "\"there is no evidence of\"", "\"the guidelines recommend a\"", "\"documentation of functional improvement\"",
        "\"is not supported by the\"", "\"the injured worker\" decision:overturned",
        "\"not medically necessary\" decision:overturned", "\"there is no documentation of\" decision:upheld",
        "treatment:\"for the treatment\"", "\"physical therapy\" \"the request for\"",
        // Slop and the summary field never read pairs; a synonym concept holds a phrase alternative.
        "\"the request\"~2", "summary:\"the injured worker\"", "iw", "iw decision:upheld",
        "claimant OR \"the request\"",
        // Filtered by a rare triple, alone, in AND, OR and NOT, with a filter, inside a concept.
        "\"request is not medically\"", "\"the request is not medically necessary\" OR knee",
        "\"documentation of functional improvement\" decision:upheld",
        "pain -\"documentation of functional improvement\"",
        "\"documentation of functional improvement\"^2 acupuncture", "\"the the the\"", "\"is not the\"",
    ]

    @Test(arguments: phrases)
    func phrasesRankTheSameWithAndWithoutPairs(_ text: String) throws {
        for path in WordPairTests.indexes {
            let reader = try IndexReader(path: path)
            let query = try QueryParser.parse(text)
            let withPairs = Searcher(reader: reader)
            let withoutPairs = Searcher(reader: reader)
            withoutPairs.usesWordPairs = false
            let all = try withoutPairs.search(query, limit: reader.itemCount + 1)
            let count = try withPairs.count(query)
            #expect(count == all.count, "count of \(text)")
            let every = try withPairs.search(query, limit: reader.itemCount + 1)
            let firstDifference = zip(every, all).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(every.count == all.count && firstDifference == nil, "every hit of \(text)")
            for k in [1, 10, 25] {
                let top = try withPairs.search(query, limit: k)
                #expect(top == Array(all.prefix(k)), "top \(k) of \(text)")
            }
        }
    }

    @Test func aPairExplainsItselfAsThePhrase() throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let query = try QueryParser.parse("\"functional improvement\"")
        let withPairs = Searcher(reader: reader)
        let withoutPairs = Searcher(reader: reader)
        withoutPairs.usesWordPairs = false
        let top = try withPairs.search(query, limit: 3)
        #expect(top.count == 3)
        for hit in top {
            let lines = try withPairs.explain(query, item: hit.item)
            #expect(lines == (try withoutPairs.explain(query, item: hit.item)))
            #expect(lines.contains { $0.contains("phrase frequency") })
        }
    }

    @Test func phrasesOfCommonWordsFindSomething() throws {
        // The comparison above would pass on empty results: the common phrases must match.
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        for text in ["\"the request\"", "\"the injured worker\"", "\"there is no documentation of\""] {
            #expect(try searcher.count(QueryParser.parse(text)) > 100, "\(text)")
        }
    }

    @Test func aPairThatNeverOccursMatchesNothingAndSuggestsNoSpelling() throws {
        let reader = try IndexReader(path: TestSupport.corpusIndex)
        let searcher = Searcher(reader: reader)
        let dictionary = reader.dictionary(.itemText)
        #expect(dictionary.lookup("worker") != nil)
        #expect(reader.dictionary(.itemPairs).lookup("worker worker") == nil)
        let query = try QueryParser.parse("\"worker worker\"")
        #expect(try searcher.search(query, limit: 10).isEmpty)
        #expect(searcher.unmatchedWords.isEmpty, "both words are in the index: nothing to correct")
        let either = try searcher.search(QueryParser.parse("\"the worker worker\" OR \"the injured\""), limit: 100)
        #expect(!either.isEmpty)
        #expect(
            either.map(\.item) == (try searcher.search(QueryParser.parse("\"the injured\""), limit: 100)).map(\.item))
    }
}
