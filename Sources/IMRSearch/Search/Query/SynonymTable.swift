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

    public init(parsing text: String) throws {
        var groups: [[[String]]] = []
        var groupOf: [String: Int] = [:]
        var oneWay: [(from: [String], to: [String], line: Int)] = []
        func form(_ raw: Substring, _ line: Int) throws -> [String] {
            let tokens = Tokenizer.tokens(of: String(raw))
            if tokens.isEmpty {
                throw SynonymFileError(line: line, message: "a form without letters or digits: '\(raw)'")
            }
            return tokens
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            line = trimmed(line)
            if line.isEmpty { continue }
            var isUnverified = false
            if line.first == "?" {
                isUnverified = true
                line = trimmed(line.dropFirst())
            }
            if line.first == "!" {
                let body = line.dropFirst()
                guard let eq = body.firstIndex(of: "=") else {
                    throw SynonymFileError(line: number, message: "write an ambiguous form as '! FORM = sense | sense'")
                }
                let key = try form(body[..<eq], number).joined(separator: " ")
                let senses = body[body.index(after: eq)...].split(separator: "|").map { String(trimmed($0)) }
                guard senses.count >= 2, senses.allSatisfy({ !$0.isEmpty }) else {
                    throw SynonymFileError(line: number, message: "an ambiguous form needs two senses or more")
                }
                if ambiguous[key] != nil {
                    throw SynonymFileError(line: number, message: "'\(key)' is already ambiguous above")
                }
                ambiguous[key] = Ambiguity(written: String(trimmed(body[..<eq])), senses: senses)
                continue
            }
            if let arrow = line.firstRange(of: "~>") {
                let from = try form(line[..<arrow.lowerBound], number)
                let to = try form(line[arrow.upperBound...], number)
                if line[arrow.upperBound...].contains("~>") || line.contains("=") {
                    throw SynonymFileError(line: number, message: "a one-way line is 'FORM ~> FORM'")
                }
                oneWay.append((from, to, number))
                if isUnverified { unverified.insert(to.joined(separator: " ")) }
                continue
            }
            let forms = try line.split(separator: "=", omittingEmptySubsequences: false).map { try form($0, number) }
            guard forms.count >= 2 else {
                throw SynonymFileError(line: number, message: "expected 'a = b', 'a ~> b' or '! a = sense | sense'")
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
        guard run.count <= tokens.count else { return false }
        for i in 0...(tokens.count - run.count) where Array(tokens[i..<(i + run.count)]) == run { return true }
        return false
    }
}

private func trimmed(_ s: Substring) -> Substring {
    var s = s
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return s
}
