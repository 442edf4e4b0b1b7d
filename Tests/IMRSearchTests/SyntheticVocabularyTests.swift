// The synthetic corpus must have a real vocabulary: measured the way ../shared/bench/vocab.py measures
// (lower-cased runs of [a-z0-9] over the first N word tokens, files in sorted order), the synthetic letters
// (seed 42, first 3,000) must reach 0.9x the distinct words and 0.7x the words seen once of the bundled real
// letters at 60,000 tokens, and keep gaining words as the corpus grows, as real text does.
import Foundation
import IMRSynthesis
import Testing

@testable import IMRSearch

@Suite struct SyntheticVocabularyTests {
    struct Figures: CustomStringConvertible {
        var tokens = 0
        var distinct = 0
        var once = 0
        var top100Share = 0.0
        var description: String {
            "tokens \(tokens) distinct \(distinct) once \(once) top100_share \(top100Share)"
        }
    }

    /// vocab.py's figures over the first `limit` tokens of `documents`, in order.
    static func figures(_ documents: [[UInt8]], limit: Int) -> Figures {
        var counts: [String: Int] = [:]
        var seen = 0
        var word: [UInt8] = []
        func flush() {
            if !word.isEmpty {
                counts[String(decoding: word, as: UTF8.self), default: 0] += 1
                seen += 1
                word.removeAll(keepingCapacity: true)
            }
        }
        outer: for bytes in documents {
            for b in bytes {
                switch b {
                case 97...122, 48...57: word.append(b)
                case 65...90: word.append(b + 32)
                default:
                    flush()
                    if seen >= limit { break outer }
                }
            }
            flush()  // a file ends a word
            if seen >= limit { break }
        }
        let top = counts.values.sorted(by: >).prefix(100).reduce(0, +)
        return Figures(
            tokens: seen, distinct: counts.count, once: counts.values.filter { $0 == 1 }.count,
            top100Share: Double(top) / Double(max(seen, 1)))
    }

    /// The 65 real letters: ../shared/real/txt when present, else corpus/real (the same letters).
    static let realLetters: [[UInt8]] = {
        let shared = (TestSupport.packageRoot as NSString).deletingLastPathComponent + "/shared/real/txt"
        var folder = shared
        if (try? FileManager.default.contentsOfDirectory(atPath: shared))?.contains(where: { $0.hasSuffix(".txt") })
            != true
        {
            folder = TestSupport.corpus + "/real"
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        return names.map { (try? FileIO.readAll(folder + "/" + $0)) ?? [] }
    }()

    /// The first 3,000 synthetic letters of seed 42, in the order of their sorted paths.
    static let syntheticLetters: [[UInt8]] = {
        (0..<3000).map { SyntheticLetters.letter(index: $0, seed: 42) }
            .sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }.map(\.bytes)
    }()

    @Test func distinctAndOnceWordsAreNearTheRealLetters() {
        #expect(Self.realLetters.count == 65)
        let real = Self.figures(Self.realLetters, limit: 60_000)
        let synthetic = Self.figures(Self.syntheticLetters, limit: 60_000)
        #expect(real.tokens == 60_000 && synthetic.tokens == 60_000)
        #expect(real.distinct > 2500, "real: \(real)")
        #expect(Double(synthetic.distinct) >= 0.9 * Double(real.distinct), "synthetic \(synthetic), real \(real)")
        #expect(Double(synthetic.once) >= 0.7 * Double(real.once), "synthetic \(synthetic), real \(real)")
        // Not a closed vocabulary's heavy head either.
        #expect(synthetic.top100Share < real.top100Share + 0.05, "synthetic \(synthetic), real \(real)")
    }

    @Test func theVocabularyKeepsGrowingWithTheCorpus() {
        let at60k = Self.figures(Self.syntheticLetters, limit: 60_000)
        let at200k = Self.figures(Self.syntheticLetters, limit: 200_000)
        let at1m = Self.figures(Self.syntheticLetters, limit: 1_000_000)
        #expect(at200k.tokens == 200_000 && at1m.tokens == 1_000_000)
        #expect(Double(at200k.distinct) >= 1.3 * Double(at60k.distinct), "\(at60k) -> \(at200k)")
        #expect(Double(at1m.distinct) >= 1.5 * Double(at200k.distinct), "\(at200k) -> \(at1m)")
    }
}
