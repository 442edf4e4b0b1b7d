// Spelling suggestions: the OSA distance against hand-computed values, the pruned dictionary walk against a
// scan of every term (seeded random and mutated words, several fields), the term cursor and its seek, the
// ranking rule, which words get suggestions, and the CLI's "did you mean" line, exit status and stdout.
import Foundation
import IMRSynthesis
import Testing

@testable import IMRSearch

@Suite struct SpellingSuggestionTests {
    static let reader: IndexReader = try! IndexReader(path: TestSupport.corpusIndex)

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func distanceMatchesHandComputedValues() {
        let cases: [(String, String, Int)] = [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
            ("kitten", "sitting", 3),  // k→s, e→i, +g
            ("acupunture", "acupuncture", 1),  // one insertion
            ("ca", "ac", 1),  // a transposition counts 1
            ("abcd", "acbd", 1),
            ("ca", "abc", 3),  // OSA: the transposed pair is not edited again (unrestricted DL gives 2)
            ("abcdef", "badcfe", 3),  // three transpositions
            ("flaw", "lawn", 2),  // delete f, insert n
            ("tramadol", "tramdaol", 1),
            ("tramadol", "trmadl", 2),  // two deletions
            ("knee", "kene", 1),
            ("a", "b", 1), ("ab", "ba", 1), ("abc", "cba", 2),
        ]
        for (a, b, d) in cases {
            #expect(SpellingSuggester.distance(a, b) == d, "\(a) / \(b)")
            #expect(SpellingSuggester.distance(b, a) == d, "\(b) / \(a)")
        }
    }

    /// Every term of a field, by the block scan the rest of the engine uses.
    static func allTerms(_ field: IndexField) -> [[UInt8]] {
        var out: [[UInt8]] = []
        reader.dictionary(field).forEachTerm { _, term in
            out.append(term)
            return true
        }
        return out
    }

    @Test func termCursorDecodesEveryTermWithItsSharedPrefix() {
        for field in [IndexField.itemText, .summary, .drug, .caseNumber] {
            let terms = Self.allTerms(field)
            #expect(terms.count > 16, "\(field)")
            var cursor = TermCursor(Self.reader.dictionary(field))
            var i = 0
            while cursor.next() {
                #expect(cursor.ordinal == i)
                #expect(cursor.term == terms[i])
                let previous = i == 0 ? [] : terms[i - 1]
                let common = zip(previous, terms[i]).prefix { $0 == $1 }.count
                #expect(cursor.shared == common, "\(field) \(i)")
                i += 1
            }
            #expect(i == terms.count)
            #expect(!cursor.isDamaged)
        }
    }

    @Test func seekAndSkipReachTheFirstTermAfterThePrefix() {
        let terms = Self.allTerms(.itemText)
        var random = SyntheticRandom(seed: 11)
        var jumped = 0
        for _ in 0..<200 {
            let start = random.below(terms.count)
            let length = random.int(1...min(4, terms[start].count))
            var cursor = TermCursor(Self.reader.dictionary(.itemText))
            while cursor.next() && cursor.ordinal < start {}
            #expect(cursor.ordinal == start)
            cursor.seek(toFirstTermAfterPrefix: length)
            let prefix = terms[start].prefix(length)
            let firstAfter = terms.indices.first { $0 > start && !terms[$0].starts(with: prefix) } ?? terms.count
            // The terms the seek left of the prefix are passed over undecoded.
            let reached = cursor.next(skippingPrefix: length) ? cursor.ordinal : terms.count
            #expect(reached == firstAfter, "prefix \(String(decoding: prefix, as: UTF8.self)) from \(start)")
            if reached < terms.count {
                #expect(cursor.term == terms[reached])
                let common = zip(terms[reached - 1], terms[reached]).prefix { $0 == $1 }.count
                #expect(cursor.shared == common)
                #expect(cursor.next() == (reached + 1 < terms.count))
                if reached + 1 < terms.count { #expect(cursor.term == terms[reached + 1]) }
            }
            if firstAfter / 16 > start / 16 + 1 { jumped += 1 }
        }
        #expect(jumped > 0)  // some seeks crossed blocks
    }

    /// Words near the field's terms: terms with 1–3 random edits, and random strings.
    static func probeWords(_ field: IndexField, count: Int, seed: UInt64) -> [[UInt8]] {
        let terms = allTerms(field)
        var random = SyntheticRandom(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789 ".utf8)
        var words: [[UInt8]] = []
        for n in 0..<count {
            var word = random.pick(terms)
            if n % 5 == 4 {
                word = (0..<random.int(2...12)).map { _ in random.pick(Array(letters.prefix(26))) }
            } else {
                for _ in 0..<(n % 4) {
                    switch random.below(4) {
                    case 0 where word.count > 1: word.remove(at: random.below(word.count))
                    case 1: word.insert(random.pick(letters), at: random.below(word.count + 1))
                    case 2: word[random.below(word.count)] = random.pick(letters)
                    default: if word.count > 1 { word.swapAt(0 + random.below(word.count - 1), 0) }
                    }
                }
                if n % 7 == 3, word.count > 2 {
                    let i = random.below(word.count - 1)
                    word.swapAt(i, i + 1)
                }
            }
            words.append(word)
        }
        return words
    }

    @Test func dictionaryWalkFindsExactlyWhatAScanOfEveryTermFinds() {
        let suggester = SpellingSuggester(reader: Self.reader)
        var nonEmpty = 0
        for (field, seed) in [(IndexField.itemText, UInt64(1)), (.summary, 2), (.drug, 3), (.specialty, 4)] {
            for word in Self.probeWords(field, count: 40, seed: seed) {
                for k in 1...2 {
                    let walk = suggester.candidates(for: word, field: field, maxDistance: k)
                    let scan = suggester.bruteForceCandidates(for: word, field: field, maxDistance: k)
                    #expect(
                        walk.map(\.ordinal) == scan.map(\.ordinal),
                        "\(field) \(String(decoding: word, as: UTF8.self)) k=\(k)")
                    #expect(walk.map(\.distance) == scan.map(\.distance))
                    if !scan.isEmpty { nonEmpty += 1 }
                }
            }
        }
        #expect(nonEmpty > 100)  // the probes do land near terms
    }

    @Test func walkPrunesRatherThanVisitingEveryTerm() {
        let suggester = SpellingSuggester(reader: Self.reader)
        // Rows a walk without pruning computes: each term's bytes after the prefix it shares with the last.
        let terms = Self.allTerms(.itemText)
        let unpruned = zip([[]] + terms, terms).reduce(0) { sum, pair in
            sum + pair.1.count - zip(pair.0, pair.1).prefix { $0 == $1 }.count
        }
        for word in ["acupunture", "fucntional", "medicaly", "zzqxjvwkpy"] {
            var rows = 0
            _ = suggester.candidates(for: Self.bytes(word), field: .itemText, maxDistance: 2, rowsComputed: &rows)
            #expect(rows > 0)
            #expect(rows * 3 < unpruned, "\(word): \(rows) rows of \(unpruned)")
        }
    }

    @Test func rankingIsDistanceThenFirstLetterThenCountAndDropsRareCandidates() {
        func c(_ ordinal: Int, _ distance: Int, _ docFreq: Int, _ keepsFirst: Bool = true)
            -> SpellingSuggester.Candidate
        {
            SpellingSuggester.Candidate(
                ordinal: ordinal, distance: distance, docFreq: docFreq, keepsFirstByte: keepsFirst)
        }
        let ranked = SpellingSuggester.rank(
            [
                c(0, 2, 5000),
                c(1, 1, 30),  // 1% of 5000 is 50: dropped
                c(2, 1, 49, false),  // dropped too
                c(3, 1, 300),
                c(4, 2, 5000),  // tie with 0: term order
                c(5, 1, 50),
                c(6, 1, 4000, false),  // changes the first letter: after the d1 candidates that keep it
                c(7, 2, 60, false),
            ], limit: 10)
        #expect(ranked.map(\.ordinal) == [3, 5, 6, 0, 4, 7])
        #expect(SpellingSuggester.rank(ranked, limit: 2).map(\.ordinal) == [3, 5])
        #expect(SpellingSuggester.rank([], limit: 3).isEmpty)
    }

    @Test func suggestionsAreRankedWithCountsOfTheSearchedColumns() throws {
        let suggester = SpellingSuggester(reader: Self.reader)
        let dictionary = Self.reader.dictionary(.itemText)
        let found = suggester.suggestions(for: "acupunture", field: .itemText)
        #expect(found.first?.term == "acupuncture")
        #expect(found.first?.distance == 1)
        #expect(found.first?.docFreq == dictionary.lookup("acupuncture")?.docFreq)
        // A d1 candidate ranks above a more frequent d2 one.
        let indication = suggester.suggestions(for: "indicatiyn", field: .itemText)
        #expect(indication.first?.term == "indication")
        for pair in zip(indication, indication.dropFirst()) {
            #expect(
                pair.0.distance < pair.1.distance
                    || (pair.0.distance == pair.1.distance && pair.0.docFreq >= pair.1.docFreq))
        }
        #expect(indication.contains { $0.distance == 2 && $0.docFreq > indication[0].docFreq })
        #expect(suggester.suggestions(for: "acupunture", field: .itemText, limit: 1).count == 1)
        // treatment: counts the treatment column only.
        let treatment = suggester.suggestions(for: "acupunture", field: .itemText, columns: 0b001)
        let info = try #require(dictionary.lookup("acupuncture"))
        #expect(treatment.first?.docFreq == info.columnDocFreq[0])
        #expect(info.columnDocFreq[0] != info.docFreq)
        // Keyword field: drug.
        #expect(suggester.suggestions(for: "cyclobenzeprine", field: .drug).first?.term == "cyclobenzaprine")
    }

    @Test func wordsWithHitsNumbersAndSingleLettersGetNoSuggestions() {
        let suggester = SpellingSuggester(reader: Self.reader)
        #expect(!suggester.suggestions(for: "acupunture", field: .itemText).isEmpty)
        #expect(suggester.suggestions(for: "acupuncture", field: .itemText).isEmpty)
        #expect(suggester.suggestions(for: "knee", field: .itemText).isEmpty)
        #expect(!suggester.suggestions(for: "kne", field: .itemText).isEmpty)
        #expect(suggester.suggestions(for: "12345679", field: .itemText).isEmpty)
        #expect(suggester.suggestions(for: "q", field: .itemText).isEmpty)
        // Words of up to 4 bytes get distance 1 only.
        #expect(suggester.suggestions(for: "kne", field: .itemText).allSatisfy { $0.distance == 1 })
    }

    @Test func plannerRecordsOnlyPositiveWordsThatMatchNothing() throws {
        func unmatched(_ q: String) throws -> [String] {
            let searcher = Searcher(reader: Self.reader)
            _ = try searcher.count(try QueryParser.parse(q))
            return searcher.unmatchedWords.map { $0.label + $0.word }
        }
        #expect(try unmatched("acupuncture acupunture") == ["acupunture"])
        #expect(try unmatched("\"functonal improvment\"") == ["functonal", "improvment"])
        #expect(try unmatched("kne -acupunture NOT tramdol") == ["kne"])
        #expect(
            try unmatched("treatment:acupunture drug:cyclobenzeprine") == [
                "treatment:acupunture", "drug:cyclobenzeprine",
            ])
        #expect(try unmatched("acupuncture knee").isEmpty)
        // A word present only in other columns matches nothing in treatment:.
        let rationaleOnly = try #require(
            Self.allTerms(.itemText).first { term in
                let info = Self.reader.dictionary(.itemText).lookup(String(decoding: term, as: UTF8.self))
                return info.map { $0.columnDocFreq[0] == 0 && $0.columnDocFreq[1] > 0 } ?? false
                    && term.allSatisfy { $0 >= 97 && $0 <= 122 }
            })
        let word = String(decoding: rationaleOnly, as: UTF8.self)
        #expect(try unmatched("treatment:\(word)") == ["treatment:\(word)"])
        #expect(try unmatched("rationale:\(word)").isEmpty)
    }

    @Test func noHitsTextListsSuggestionsWithGroupedCounts() throws {
        let suggester = SpellingSuggester(reader: Self.reader)
        let text = try suggester.noHitsText(for: QueryParser.parse("kne acupunture"))
        let dictionary = Self.reader.dictionary(.itemText)
        let knee = try #require(dictionary.lookup("knee")).docFreq
        let one = try #require(dictionary.lookup("one")).docFreq
        // "knee" keeps the first letter: before "one" (also distance 1, whatever its count).
        #expect(
            text.hasPrefix(
                "imrsearch: no decisions match \"kne\"; did you mean \"knee\" (\(knee) decisions) or \"one\" (\(one) decisions)?\n"
            ))
        #expect(text.contains("\nimrsearch: no decisions match \"acupunture\"; did you mean \"acupuncture\" ("))
        #expect(text.split(separator: "\n").count == 2)
        #expect(try suggester.noHitsText(for: QueryParser.parse("zzqxjvwkpy")).isEmpty)
        #expect(StatsPrinter.grouped(14958) == "14,958")
    }

    // MARK: CLI

    @Test(arguments: [[], ["--json"], ["--csv"], ["--letters"]])
    func cliSuggestsOnStderrAndExitsOne(mode: [String]) throws {
        let out = try TestSupport.run(["acupunture", "--index", TestSupport.corpusIndex] + mode)
        #expect(out.status == 1)
        #expect(out.stderr.contains("imrsearch: no decisions match \"acupunture\"; did you mean \"acupuncture\" ("))
        if mode == ["--json"] || mode == ["--csv"] {
            #expect(out.stdout.isEmpty)
        } else {
            #expect(out.stdout.hasPrefix("0 matching decisions"))
        }
    }

    @Test func cliCountKeepsItsZeroAndSuggestsOnStderr() throws {
        let out = try TestSupport.run(["acupunture", "--index", TestSupport.corpusIndex, "--count"])
        #expect(out.status == 1)
        #expect(out.stdout == "0\n")
        #expect(out.stderr.contains("did you mean \"acupuncture\""))
    }

    @Test func cliNeverSuggestsWhenTheQueryHasHits() throws {
        let index = TestSupport.corpusIndex
        let either = try TestSupport.run(["acupuncture OR acupunture", "--index", index, "--json"])
        #expect(either.status == 0)
        #expect(!either.stdout.isEmpty)
        #expect(!either.stderr.contains("did you mean"))
        // No hits, but only the word that matched nothing gets a suggestion.
        let both = try TestSupport.run(["acupuncture", "acupunture", "--index", index])
        #expect(both.status == 1)
        #expect(both.stderr.contains("no decisions match \"acupunture\""))
        #expect(!both.stderr.contains("no decisions match \"acupuncture\""))
        // A CSV without hits and without suggestions keeps its header row.
        let nothing = try TestSupport.run(["zzqxjvwkpy", "--index", index, "--csv"])
        #expect(nothing.status == 1)
        #expect(nothing.stdout.hasPrefix("file,case_number"))
        #expect(!nothing.stderr.contains("did you mean"))
    }

    @Test func cliSuggestsFieldValuesWithTheirField() throws {
        let index = TestSupport.corpusIndex
        let drug = try TestSupport.run(["drug:cyclobenzeprine", "--index", index])
        #expect(drug.status == 1)
        #expect(drug.stderr.contains("did you mean \"drug:cyclobenzaprine\""))
        #expect(!drug.stderr.contains("note: no decision has drug:"))  // the suggestion replaces the note
        let treatment = try TestSupport.run(["treatment:acupunture", "--index", index])
        #expect(treatment.stderr.contains("did you mean \"treatment:acupuncture\""))
    }
}
