// SynonymTable: the synonyms and abbreviations of Classification/synonyms.txt (format in that file's top
// comment), compiled into the binary with SwiftPM's embedInCode and parsed once. Every form is cut into
// tokens by the shared Tokenizer, so a form matches exactly what indexing saw ("x-ray" is x ray).

public struct SynonymFileError: Error, CustomStringConvertible, Equatable {
    /// Line number from 1.
    public var line: Int
    public var message: String
    public var description: String { "synonyms line \(line): \(message)" }
}

public struct SynonymTable: Sendable {
    /// An ambiguous form ("!" line): never expanded; its senses are named in a note.
    public struct Ambiguity: Sendable, Equatable {
        /// The form as written in the file ("RFA").
        public var written: String
        public var senses: [String]
    }

    /// For each form (its tokens joined by one space): every form it reaches, itself first, as token lists.
    public private(set) var reach: [String: [[String]]] = [:]
    /// Ambiguous forms by their tokens joined by one space.
    public private(set) var ambiguous: [String: Ambiguity] = [:]
    /// Forms that came from "?" lines (unverified pairings), by their tokens joined by one space.
    public private(set) var unverified: Set<String> = []
    /// The most tokens of any form (the longest match tried inside a phrase).
    public private(set) var longestForm = 1

    /// The bundled list (Classification/synonyms.txt, embedded in the binary).
    public static let bundled: SynonymTable = {
        do {
            return try SynonymTable(parsing: String(decoding: PackageResources.synonyms_txt, as: UTF8.self))
        } catch {
            fatalError("the bundled synonyms.txt is malformed: \(error)")
        }
    }()

    /// The text of the bundled list.
    public static var bundledText: String { String(decoding: PackageResources.synonyms_txt, as: UTF8.self) }

    /// The bundled list's bytes with ASCII letters lower-cased (the list is ASCII, a test checks it).
    static let bundledLowercased: [UInt8] = PackageResources.synonyms_txt.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }

    /// Whether any of `tokens` occurs in the bundled list's text at all. Every token of a form is a piece of its
    /// line lower-cased (the list is ASCII), so when this is false nothing in a query of these tokens can
    /// expand: most queries are then answered without parsing the list (about 0.3 ms).
    static func bundledMayMention(anyOf tokens: [String]) -> Bool {
        bundledLowercased.withUnsafeBufferPointer { text in
            for token in tokens {
                let word = Array(token.utf8)
                guard let first = word.first, word.count <= text.count else { continue }
                var i = 0
                while i + word.count <= text.count {
                    if text[i] == first {
                        var k = 1
                        while k < word.count && text[i + k] == word[k] { k += 1 }
                        if k == word.count { return true }
                    }
                    i += 1
                }
            }
            return false
        }
    }

    /// Parses the list (format: the top comment of Classification/synonyms.txt). Works on UTF-8 bytes (the
    /// bundled list is parsed at the first query of every process: about 0.1 ms).
    public init(parsing text: String) throws {
        var groups: [[[String]]] = []
        var groupOf: [String: Int] = [:]
        var oneWay: [(from: [String], to: [String], line: Int)] = []
        let bytes = Array(text.utf8)
        func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
        func form(_ r: Range<Int>, _ line: Int) throws -> [String] {
            let tokens = Tokenizer.tokens(of: string(r))
            if tokens.isEmpty {
                throw SynonymFileError(line: line, message: "a form without letters or digits: '\(string(r))'")
            }
            return tokens
        }
        /// The pieces of `r` between bytes `separator`.
        func pieces(_ r: Range<Int>, _ separator: UInt8) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var start = r.lowerBound
            for i in r where bytes[i] == separator {
                out.append(start..<i)
                start = i + 1
            }
            out.append(start..<r.upperBound)
            return out
        }
        var number = 0
        var lineStart = 0
        while lineStart < bytes.count {
            number += 1
            var end = lineStart
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            let next = end + 1
            if let hash = bytes[lineStart..<end].firstIndex(of: 35) { end = hash }
            var line = trimmed(bytes, lineStart..<end)
            lineStart = next
            if line.isEmpty { continue }
            var isUnverified = false
            if bytes[line.lowerBound] == 63 {  // ?
                isUnverified = true
                line = trimmed(bytes, (line.lowerBound + 1)..<line.upperBound)
                if line.isEmpty { continue }
            }
            if bytes[line.lowerBound] == 33 {  // !
                let body = (line.lowerBound + 1)..<line.upperBound
                guard let eq = bytes[body].firstIndex(of: 61) else {
                    throw SynonymFileError(
                        line: number, message: "write an ambiguous form as '! FORM = sense | sense'")
                }
                let key = try form(body.lowerBound..<eq, number).joined(separator: " ")
                let senses = pieces((eq + 1)..<body.upperBound, 124).map { string(trimmed(bytes, $0)) }
                guard senses.count >= 2, senses.allSatisfy({ !$0.isEmpty }) else {
                    throw SynonymFileError(line: number, message: "an ambiguous form needs two senses or more")
                }
                if ambiguous[key] != nil {
                    throw SynonymFileError(line: number, message: "'\(key)' is already ambiguous above")
                }
                ambiguous[key] = Ambiguity(
                    written: string(trimmed(bytes, body.lowerBound..<eq)), senses: senses)
                continue
            }
            if let arrow = line.dropLast().first(where: { bytes[$0] == 126 && bytes[$0 + 1] == 62 }) {  // ~>
                let rest = (arrow + 2)..<line.upperBound
                if bytes[line].contains(61)
                    || rest.dropLast().contains(where: { bytes[$0] == 126 && bytes[$0 + 1] == 62 })
                {
                    throw SynonymFileError(line: number, message: "a one-way line is 'FORM ~> FORM'")
                }
                let from = try form(line.lowerBound..<arrow, number)
                let to = try form(rest, number)
                oneWay.append((from, to, number))
                if isUnverified { unverified.insert(to.joined(separator: " ")) }
                continue
            }
            let forms = try pieces(line, 61).map { try form($0, number) }
            guard forms.count >= 2 else {
                throw SynonymFileError(
                    line: number, message: "expected 'a = b', 'a ~> b' or '! a = sense | sense'")
            }
            var group: [[String]] = []
            for f in forms {
                let key = f.joined(separator: " ")
                if groupOf[key] != nil {
                    throw SynonymFileError(line: number, message: "'\(key)' is already on an '=' line above")
                }
                groupOf[key] = groups.count
                group.append(f)
                if isUnverified { unverified.insert(key) }
            }
            groups.append(group)
        }
        // A one-way source not on any "=" line is a group of its own.
        for edge in oneWay where groupOf[edge.from.joined(separator: " ")] == nil {
            groupOf[edge.from.joined(separator: " ")] = groups.count
            groups.append([edge.from])
        }
        var targets = [[[String]]](repeating: [], count: groups.count)
        for edge in oneWay {
            let g = groupOf[edge.from.joined(separator: " ")]!
            if groups[g].contains(edge.to) || targets[g].contains(edge.to) {
                throw SynonymFileError(
                    line: edge.line, message: "'\(edge.to.joined(separator: " "))' is reached already")
            }
            targets[g].append(edge.to)
        }
        for key in ambiguous.keys where groupOf[key] != nil {
            throw SynonymFileError(line: 0, message: "'\(key)' is both ambiguous and on an '=' or '~>' line")
        }
        for (g, group) in groups.enumerated() {
            let all = group + targets[g]
            for a in all {
                for b in all where a != b && SynonymTable.contains(a, run: b) {
                    throw SynonymFileError(
                        line: 0,
                        message:
                            "'\(a.joined(separator: " "))' contains '\(b.joined(separator: " "))', which it also reaches (one mention would count twice)"
                    )
                }
            }
            for f in group {
                reach[f.joined(separator: " ")] = [f] + all.filter { $0 != f }
                longestForm = max(longestForm, f.count)
            }
        }
    }

    /// Whether `tokens` holds `run` as consecutive tokens.
    static func contains(_ tokens: [String], run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= tokens.count else { return false }
        for i in 0...(tokens.count - run.count) {
            var k = 0
            while k < run.count && tokens[i + k] == run[k] { k += 1 }
            if k == run.count { return true }
        }
        return false
    }
}

/// `r` without the spaces, tabs and carriage returns at either end.
private func trimmed(_ bytes: [UInt8], _ r: Range<Int>) -> Range<Int> {
    var lower = r.lowerBound
    var upper = r.upperBound
    while lower < upper && (bytes[lower] == 32 || bytes[lower] == 9 || bytes[lower] == 13) { lower += 1 }
    while upper > lower && (bytes[upper - 1] == 32 || bytes[upper - 1] == 9 || bytes[upper - 1] == 13) { upper -= 1 }
    return lower..<upper
}
