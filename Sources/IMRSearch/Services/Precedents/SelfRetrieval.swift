// SelfRetrieval: the measure that keeps `similar` honest. A letter of the index is turned back into the
// dispute a user would bring — its item headers as "Request:" lines and its clinical case summary, with
// every decision line, guideline line and rationale removed — and given to PrecedentSearch: its own items
// should come first. `imrbench similar` reports the rates; a test holds them.

public enum SelfRetrieval {
    /// The letter as a request: one "Request: X" line per item (the decided portion), then the summary.
    public static func dispute(from letter: LetterRecord) -> String {
        var lines = letter.items.map { "Request: " + $0.decidedTreatment }
        if !letter.summary.isEmpty { lines.append(letter.summary) }
        return lines.joined(separator: "\n") + "\n"
    }

    public struct Rates: Sendable {
        public var letters = 0
        /// Letters whose first precedent is one of their own items.
        public var top1 = 0
        /// Letters with one of their own items among the first three precedents.
        public var top3 = 0
        /// Letters whose first precedent came from another letter, by file.
        public var misses: [String] = []
    }

    /// Runs every letter of `letters` (with at least one item) against `reader`. A hit is the letter's own
    /// when it has the letter's case number, or its file when the letter has none.
    public static func measure(_ letters: [LetterRecord], reader: IndexReader) throws -> Rates {
        var rates = Rates()
        let search = PrecedentSearch(reader: reader)
        for letter in letters where !letter.items.isEmpty {
            rates.letters += 1
            let result = try search.run(document: dispute(from: letter), limit: 3, topN: 3)
            let own = result.hits.map { hit -> Bool in
                let l = reader.letter(ofItem: hit.item)
                if let c = letter.caseNumber { return reader.caseNumber(ofLetter: l) == c }
                return reader.file(ofLetter: l) == letter.file
            }
            if own.first == true { rates.top1 += 1 } else { rates.misses.append(letter.file) }
            if own.prefix(3).contains(true) { rates.top3 += 1 }
        }
        return rates
    }
}
