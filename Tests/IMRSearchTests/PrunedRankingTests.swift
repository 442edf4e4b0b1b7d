// Top-k with pruning (block-max skips, per-document bounds in AND, required clauses in OR, two-phase
// phrases behind filters, the constant-score path of a prefix) must return exactly the first k of the
// exhaustive ranking. The bundled corpus is too small for a block to be skipped, so these tests index a
// few thousand synthetic letters, where common terms span many 128-item blocks.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct PrunedRankingTests {
    static let index: String = {
        // A phrase's lead switches to its table bound after two blocks here, not 128: these rankings cover
        // both per-document lead bounds.
        PhraseIterator.leadTableAfter = 2
        let dir = TestSupport.temporaryDirectory("imrsearch-pruning")
        for i in 0..<3000 { TestSupport.writeSyntheticLetter(i, seed: 7, under: dir + "/letters") }
        let path = dir + "/synthetic.idx"
        _ = try! IndexBuilder.build(IndexBuildOptions(paths: [dir + "/letters"], indexPath: path, jobs: 2))
        return path
    }()

    static let queries = [
        "pain", "knee", "acupuncture", "knee OR shoulder", "acupuncture OR chiropractic", "mri OR ct OR emg",
        "physical therapy sessions", "acupuncture functional improvement", "lumbar epidural injection",
        "\"functional improvement\" decision:upheld", "\"functional improvement\" decision:overturned",
        "\"not medically necessary\"", "\"home exercise program\"", "lumbar mri decision:upheld",
        "\"epidural steroid injection\" epidural", "acupunct*", "medic*", "therap* decision:overturned",
        "(knee OR shoulder) decision:upheld", "treatment:knee OR rationale:shoulder",
        // Two plain words: the dedicated loops (the weaker word optional, then both required).
        "cervical OR lumbar", "tramadol OR hydrocodone", "emg OR ncv", "naproxen OR ibuprofen",
        "lidoderm OR lidocaine", "pain OR treatment",
        // Two-word phrases leading a filter: the phrase's own loop over its two cursors.
        "\"physical therapy\" decision:upheld", "\"medically necessary\" decision:overturned",
        "\"home exercise\" year:2014..", "rationale:\"functional improvement\" decision:upheld",
        // Phrases of very common words: the lead token's own bound, per document and per block.
        "\"the injured worker\"", "\"there is no documentation of\"", "\"is not medically necessary\"",
        "\"the patient\"", "\"the request for\"", "\"there is no\" decision:overturned",
        // A phrase leading a dense filter (it costs at most twice the filter, so it leads).
        "\"is not medically necessary\" decision:upheld", "\"the injured worker\" decision:upheld",
        // ... and one following a sparse filter (its rarest word moves alone; the others when bounds allow).
        "\"the injured worker\" decision:overturned", "\"there is no\" year:2016..",
        // A phrase of the one-column summary field (its bounds read column 0 of the skip entries only).
        "summary:\"the injured worker\"", "summary:\"date of injury\"", "summary:\"is being treated for\"",
    ]

    @Test(arguments: queries)
    func topKEqualsTheExhaustiveRanking(_ text: String) throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        let query = try QueryParser.parse(text)
        // A limit above the item count never fills the heap: nothing is pruned.
        let all = try searcher.search(query, limit: reader.itemCount + 1)
        #expect(all.count == (try searcher.count(query)), "count of \(text)")
        #expect(all.count > 20, "\(text) should match enough items to prune")
        for k in [1, 10, 25] {
            let top = try searcher.search(query, limit: k)
            #expect(top == Array(all.prefix(k)), "top \(k) of \(text)")
        }
        #expect(try searcher.search(query, limit: 5, offset: 7) == Array(all.dropFirst(7).prefix(5)))
    }

    /// Two plain words (`twoTermTopK`): the k-th score decides window by window whether either word, one of
    /// them or both together can compete, so every depth changes which windows are skipped, led by one word
    /// or intersected.
    @Test(arguments: [
        "cervical OR lumbar", "knee OR shoulder", "pain OR treatment", "tramadol OR hydrocodone",
        "acupuncture OR chiropractic", "emg OR ncv",
    ])
    func twoWordDisjunctionsEqualTheExhaustiveRankingAtEveryDepth(_ text: String) throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        let query = try QueryParser.parse(text)
        let all = try searcher.search(query, limit: reader.itemCount + 1)
        for k in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377] where k < all.count {
            #expect(try searcher.search(query, limit: k) == Array(all.prefix(k)), "top \(k) of \(text)")
        }
    }

    /// A phrase of words nearly every item holds is led by the word whose blocks bound it lowest, not
    /// always by the rarest ("not medically necessary": "not"): the rankings above cover such phrases, and
    /// a phrase of rare words keeps its rarest word.
    @Test func aPhraseIsLedByTheWordWhoseBlocksBoundItLowest() throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        searcher.usesWordPairs = false  // the words' own machinery (a pair of common words is a term)
        func phrase(_ text: String) throws -> PhraseIterator {
            try #require(try searcher.plan(QueryParser.parse(text)).first as? PhraseIterator)
        }
        let swapped = try PrunedRankingTests.queries.filter { text in
            guard text.hasPrefix("\""), text.hasSuffix("\""), text.split(separator: "\"").count == 1 else {
                return false
            }
            return try phrase(text).leadIsNotTheRarest
        }
        #expect(!swapped.isEmpty, "no phrase of the ranking tests is led by a word other than its rarest")
        #expect(try !phrase("\"epidural steroid injection\"").leadIsNotTheRarest)
    }

    /// A phrase beside a dense filter leads the intersection; beside a sparse one it follows.
    @Test func aPhraseLeadsADenseFilterAndFollowsASparseOne() throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        let dense = try #require(
            try searcher.plan(QueryParser.parse("\"the injured worker\" decision:upheld")).first
                as? IntersectionIterator)
        #expect(dense.children[0] is PhraseIterator)
        let sparse = try #require(
            try searcher.plan(QueryParser.parse("\"the injured worker\" decision:overturned")).first
                as? IntersectionIterator)
        #expect(!(sparse.children[0] is PhraseIterator))
        // As a follower it moves its rarest word alone while pruning (the rankings above cover that path).
        #expect((sparse.children[1] as? PhraseIterator)?.followsLazily == true)
        #expect((dense.children[0] as? PhraseIterator)?.followsLazily == false)
    }

    /// Both of the phrase's block bounds hold for every matching document of their stretch: the lead's
    /// (its block maximum and impacts alone) and every token's (from all the tokens' impacts, often below
    /// their block maxima summed); and so does the bound the phrase gives, whichever of the two it picks.
    @Test(arguments: [
        "\"functional improvement\"", "\"not medically necessary\"", "\"home exercise program\"",
        "treatment:\"physical therapy\"", "\"epidural steroid\"~2", "\"the injured worker\"", "\"there is no\"",
    ])
    func phraseBlockBoundsHoldForEveryMatch(_ text: String) throws {
        // From the words alone, and with the pairs of common words (which may lead the phrase; a phrase
        // of two common words is then its pair's term and has no phrase bounds to check).
        for usesWordPairs in [false, true] {
            try phraseBlockBoundsHold(text, usesWordPairs: usesWordPairs)
        }
    }

    func phraseBlockBoundsHold(_ text: String, usesWordPairs: Bool) throws {
        let reader = try IndexReader(path: PrunedRankingTests.index)
        let searcher = Searcher(reader: reader)
        searcher.usesWordPairs = usesWordPairs
        let query = try QueryParser.parse(text)
        if try usesWordPairs && !(searcher.plan(query).first is PhraseIterator) { return }
        let count = try searcher.count(query)
        let summing = try #require(try searcher.plan(query).first as? PhraseIterator)
        var tighter = 0
        for kind in ["tokens", "lead", "either"] {
            let phrase = try #require(try searcher.plan(query).first as? PhraseIterator)
            var matches = 0
            var stretches = 0
            var target: UInt32 = 0
            while phrase.doc != DocIterator.end {
                let (last, bound) =
                    kind == "tokens"
                    ? phrase.tokensBlockBound(from: target)
                    : kind == "lead" ? phrase.leadBlockBound(from: target) : phrase.blockBound(from: target)
                #expect(last >= target)
                stretches += 1
                if kind == "tokens" && bound < summing.sumOfTokenMaxima(from: target).bound { tighter += 1 }
                if phrase.doc < target { _ = phrase.seek(target) }
                while phrase.doc != DocIterator.end && phrase.doc <= last {
                    #expect(
                        phrase.score() <= bound, "\(text): item \(phrase.doc) scores above its \(kind) bound")
                    matches += 1
                    _ = phrase.next()
                }
                guard last < DocIterator.end - 1 else { break }
                target = last + 1
            }
            #expect(matches == count, "\(kind)")
            #expect(stretches > 1, "\(kind)")
        }
        #expect(count > 20)
        if text.hasPrefix("\"functional") { #expect(tighter > 0) }
    }
}
