// RequestExtractor: finds the requested treatment(s) in a dispute document a user pastes — a UR denial, a
// request for authorization (RFA), a progress report or an IMR letter — in this order of trust:
// 1. the decided items of an IMR letter (its item headers, the decided portion of a partial one);
// 2. labelled lines: "Request:", "Requested treatment:", "Treatment requested:", "RFA for …",
//    "Requested service(s):", "Item(s) requested:", "Disputed treatment:", "Retrospective request for …";
// 3. denial sentences: "The request for X is not medically necessary", "X is non-certified", "X is denied";
// 4. failing those, the shortest lines and sentences the treatment classifier recognises.
// At most `limit` treatments, in document order, without duplicates. One document per command: plain
// Strings are fine here.

public enum RequestExtractor {
    /// How a treatment was found (printed with --explain).
    public enum Source: String, Sendable {
        case letterItem = "item header of a letter"
        case labelledLine = "labelled line"
        case denialSentence = "denial sentence"
        case classifiedPhrase = "phrase the classifier recognises"
    }

    public struct Request: Sendable, Equatable {
        public var text: String
        public var source: Source
    }

    static let labels = [
        "requested treatments", "requested treatment", "treatments requested", "treatment requested",
        "requested services", "requested service", "services requested", "service requested",
        "requested items", "items requested", "item requested", "disputed treatments", "disputed treatment",
        "disputed items", "disputed item", "treatment in dispute", "request for authorization for",
        "request for authorization", "requested", "requests", "request", "rfa for", "rfa",
        "retrospective request for", "prospective request for",
    ]

    static let denials = [
        " is not medically necessary", " are not medically necessary", " is non-certified", " is noncertified",
        " is not certified", " are non-certified", " is denied", " are denied", " was denied", " was non-certified",
        " is not recommended", " not medically necessary",
    ]

    public static func requests(in text: String, limit: Int = 5) -> [Request] {
        var found: [Request] = []
        func add(_ raw: String, _ source: Source) {
            let t = clean(raw)
            guard Tokenizer.tokens(of: t).count >= 1, t.utf8.count <= 300, found.count < limit,
                !found.contains(where: { $0.text.lowercased() == t.lowercased() })
            else { return }
            found.append(Request(text: t, source: source))
        }
        let letter = LetterParser.parse(bytes: Array(text.utf8), file: "-")
        for item in letter.items { add(item.decidedTreatment, .letterItem) }
        if !found.isEmpty { return found }

        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" }.map {
            String($0).trimmingWhiteSpace()
        }
        for line in lines {
            let lower = line.lowercased()
            for label in labels where lower.hasPrefix(label) {
                var rest = line.dropFirst(label.count)
                guard let first = rest.first, first == ":" || first == " " || first == "-" || first == "#" else {
                    continue
                }
                rest = rest.drop { $0 == ":" || $0 == " " || $0 == "-" || $0 == "#" || $0 == "\t" }
                // "Request: 1. X" / "Request #1: X"
                while let f = rest.first, f.isNumber || f == "." || f == ")" || f == ":" || f == " " {
                    rest = rest.dropFirst()
                }
                if !rest.isEmpty { add(String(rest), .labelledLine) }
                break
            }
        }
        if !found.isEmpty { return found }

        for sentence in sentences(text) {
            let bytes = Array(sentence.utf8)
            let lower = Array(sentence.lowercased().utf8)
            guard lower.count == bytes.count else { continue }
            for denial in denials {
                guard let at = LetterLines.find(Array(denial.utf8), in: lower, from: 0, to: lower.count) else {
                    continue
                }
                var start = 0
                for lead in [
                    "the request for ", "request for ", "the requested ", "therefore, ", "thus, ", "as such, ",
                ] {
                    if let r = LetterLines.find(Array(lead.utf8), in: lower, from: 0, to: at) {
                        start = r + lead.utf8.count
                        break
                    }
                }
                let subject = String(decoding: bytes[start..<at], as: UTF8.self)
                if Tokenizer.tokens(of: subject).count <= 20 { add(subject, .denialSentence) }
                break
            }
        }
        if !found.isEmpty { return found }

        // Last resort: lines and sentences the classifier recognises, those that plan or recommend first,
        // then in document order.
        var candidates: [(text: String, cue: Bool, order: Int)] = []
        for (order, piece) in (lines + sentences(text)).enumerated() {
            let words = Tokenizer.tokens(of: piece)
            guard !words.isEmpty, words.count <= 14 else { continue }
            if TreatmentClassifier.classify(piece).category != nil {
                let cue = words.contains { ["plan", "recommend", "recommended", "recommends", "request"].contains($0) }
                candidates.append((piece, cue, order))
            }
        }
        candidates.sort { $0.cue != $1.cue ? $0.cue : $0.order < $1.order }
        for c in candidates.prefix(3) {
            var piece = Substring(c.text)
            // "Plan: X" -> "X"
            if let colon = piece.firstIndex(of: ":"), Tokenizer.tokens(of: String(piece[..<colon])).count <= 2 {
                piece = piece[piece.index(after: colon)...]
            }
            add(String(piece), .classifiedPhrase)
        }
        return found
    }

    /// Sentences: cut at ". " or a line end, keeping decimals ("7.5mg") together.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            if s == "\n" || s == "\r" {
                if !current.isEmpty { out.append(current) }
                current = ""
                continue
            }
            current.unicodeScalars.append(s)
            if s == "." && (k + 1 == scalars.count || scalars[k + 1] == " ") {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { $0.trimmingWhiteSpace() }.filter { !$0.isEmpty }
    }

    /// Trims spaces and trailing punctuation, and a leading "the".
    static func clean(_ raw: String) -> String {
        var t = raw.trimmingWhiteSpace()
        while let last = t.last, last == "." || last == "," || last == ";" || last == ":" { t.removeLast() }
        if t.lowercased().hasPrefix("the ") { t.removeFirst(4) }
        return t.trimmingWhiteSpace()
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhiteSpace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
