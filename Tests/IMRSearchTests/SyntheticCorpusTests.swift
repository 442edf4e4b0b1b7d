import IMRSynthesis
// The benchmark's synthetic letters: deterministic for a seed, realistic in shape, and parsed by the
// real parser without warnings into exactly the decisions their labels say.
import Testing

@testable import IMRSearch

@Suite struct SyntheticCorpusTests {
    @Test func theSameSeedGivesTheSameBytes() {
        for index in [0, 1, 57, 999, 123_456] {
            let a = SyntheticLetters.letter(index: index, seed: 9)
            let b = SyntheticLetters.letter(index: index, seed: 9)
            #expect(a.bytes == b.bytes && a.label == b.label && a.path == b.path)
            #expect(a.bytes != SyntheticLetters.letter(index: index, seed: 10).bytes)
        }
    }

    @Test func shapeIsRealistic() {
        let letters = (0..<600).map { SyntheticLetters.letter(index: $0, seed: 42) }
        let sizes = letters.map(\.bytes.count).sorted()
        let items = letters.map(\.label.items.count)
        let decisions = letters.flatMap(\.label.items).map(\.decision)
        let upheld = Double(decisions.filter { $0 == .upheld }.count) / Double(decisions.count)
        let meanItems = Double(items.reduce(0, +)) / Double(items.count)
        #expect(sizes[sizes.count / 2] > 3500 && sizes[sizes.count / 2] < 7000)
        #expect(sizes.first! >= 1500 && sizes.last! <= 30_000)
        #expect(items.min() == 1 && items.max()! <= 10)
        #expect(meanItems > 1.6 && meanItems < 2.5)
        #expect(upheld > 0.82 && upheld < 0.93)
        #expect(Set(letters.map(\.label.layout)) == [.full, .bodyOnly])
        #expect(Set(letters.map(\.path)).count == letters.count)
    }

    @Test func everyLetterParsesWithoutWarningsIntoItsLabel() {
        for index in 0..<800 {
            let letter = SyntheticLetters.letter(index: index, seed: 42)
            let record = LetterParser.parse(bytes: letter.bytes, file: letter.path)
            #expect(record.warnings == [], "\(letter.path)")
            #expect(
                record.items.map(\.treatment) == letter.label.items.map(\.treatment), "\(letter.path)")
            #expect(record.items.map(\.decision) == letter.label.items.map(\.decision), "\(letter.path)")
            #expect(record.caseNumber == letter.label.caseNumber)
            #expect(record.layout == letter.label.layout)
            #expect(record.dates.decision == letter.label.decisionDate)
        }
    }

    @Test func everyBenchmarkQueryWordOccursInTheVocabulary() throws {
        var text = ""
        for index in 0..<3000 {
            text += String(decoding: SyntheticLetters.letter(index: index, seed: 42).bytes, as: UTF8.self)
        }
        let tokens = Set(Tokenizer.tokens(of: text))
        let queryWords = [
            "acupuncture", "kyphoplasty", "vertebroplasty", "polysomnography", "biofeedback", "botox",
            "orthotics",
            "meniscectomy", "zolpidem", "ambien", "percocet", "oxycontin", "baclofen", "soma", "celebrex",
            "meloxicam",
            "flurbiprofen", "compounded", "ncv", "emg", "ct", "transcutaneous", "radiofrequency",
            "inhibitor",
        ]
        for w in queryWords { #expect(tokens.contains(w), "\(w)") }
    }
}
