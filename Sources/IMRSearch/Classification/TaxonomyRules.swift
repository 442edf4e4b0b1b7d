// TaxonomyRules: the rule file (taxonomy.txt, compiled into the binary) read once into a byte trie over the
// shared Tokenizer's normalised tokens, and the matcher that runs for every disputed item.
//
// The trie's alphabet is the 36 token bytes [0-9a-z] plus a word separator, so a phrase "x ray*" is the path
// x · ␠ · r · a · y with a prefix mark at its last node. Matching starts a walk at every token of the text;
// most walks end after a byte or two. A walk records, per kind (category rule, topical-form word, region),
// the rules it completes: category rules by their file order (the first in the file wins), drug names and
// regions by their length (leftmost-longest, left to right). No allocation while matching except the
// result's strings and arrays.

final class TaxonomyRules: @unchecked Sendable {
    /// One category rule (a phrase or a drug name) as the file gives it.
    struct Rule {
        var category: String
        var subcategory: String?
        /// The generic name, for drug names; nil for other phrases.
        var generic: String?
        var line: Int
    }

    /// One line's problem, for the tests and `imrbench classify`.
    struct Problem: CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "taxonomy.txt:\(line): \(message)" }
    }

    /// Per trie node: the rule completed here (index into `rules`, `regionNames`, or 1 for a topical form;
    /// -1 for none), for an exact last word and for a prefix last word.
    struct Terminals {
        var ruleExact: Int32 = -1
        var rulePrefix: Int32 = -1
        var regionExact: Int32 = -1
        var regionPrefix: Int32 = -1
        var topicalExact: Int32 = -1
        var topicalPrefix: Int32 = -1
    }

    static let alphabet = 37
    static let separator = 36
    /// Token byte -> trie symbol; 0xFF for bytes outside [0-9a-z] (no phrase holds them).
    static let symbols: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for b in 48...57 { table[b] = UInt8(b - 48) }
        for b in 97...122 { table[b] = UInt8(b - 97 + 10) }
        return table
    }()

    private(set) var rules: [Rule] = []
    /// Per rule: whether it names a drug (the matcher's copy of `rules[i].generic != nil`).
    private var isDrug: [Bool] = []
    /// Frozen copies of the tables for the matcher (no reference counting while matching).
    private var frozenNext = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private var frozenTerminals = UnsafeMutableBufferPointer<Terminals>(start: nil, count: 0)
    private var frozenIsDrug = UnsafeMutableBufferPointer<Bool>(start: nil, count: 0)
    private var frozenSymbols = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var regionNames: [String] = []
    private(set) var problems: [Problem] = []
    /// Every phrase of the file (normalised, "*" kept) with its line, for duplicate checks and tests.
    private(set) var phrases: [String: Int] = [:]
    private var next: [Int32] = [Int32](repeating: 0, count: TaxonomyRules.alphabet)
    private var terminals: [Terminals] = [Terminals()]

    /// The embedded rule file.
    static let shared = TaxonomyRules(text: String(decoding: PackageResources.taxonomy_txt, as: UTF8.self))

    init(text: String) {
        parse(text)
        isDrug = rules.map { $0.generic != nil }
        func freeze<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let copy = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = copy.initialize(from: array)
            return copy
        }
        frozenNext = freeze(next)
        frozenTerminals = freeze(terminals)
        frozenIsDrug = freeze(isDrug)
        frozenSymbols = freeze(Self.symbols)
    }

    deinit {
        frozenNext.deallocate()
        frozenTerminals.deallocate()
        frozenIsDrug.deallocate()
        frozenSymbols.deallocate()
    }

    // MARK: - Reading the file

    private enum Section {
        case rules(category: String, subcategory: String?)
        case topicalForms
        case regions
        case none
    }

    private func problem(_ line: Int, _ message: String) {
        problems.append(Problem(line: line, message: message))
    }

    private func parse(_ text: String) {
        // Continuation lines (starting with white space) belong to the line before.
        var logical: [(number: Int, text: Substring)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.count < line.count, let last = logical.popLast() {
                logical.append((last.number, Substring(String(last.text) + " " + trimmed)))
            } else {
                logical.append((i + 1, trimmed))
            }
        }
        var section = Section.none
        for (number, line) in logical {
            let content = line.trimmingSpaces
            if content.hasPrefix("[") {
                guard content.hasSuffix("]") else {
                    problem(number, "a section header must end with ']'")
                    section = .none
                    continue
                }
                section = self.section(String(content.dropFirst().dropLast()).trimmingSpaces, line: number)
                continue
            }
            switch section {
            case .none:
                problem(number, "a rule outside any known section")
            case .topicalForms:
                for phrase in content.split(separator: ",") {
                    add(phrase, line: number) { exact, t, index in
                        if exact { t.topicalExact = index } else { t.topicalPrefix = index }
                    } index: {
                        1
                    }
                }
            case .regions:
                guard let colon = content.firstIndex(of: ":") else {
                    problem(number, "a region line reads 'region name: phrase, phrase, ...'")
                    continue
                }
                let name = String(content[..<colon]).trimmingSpaces
                guard TreatmentClassifier.regionNames.contains(name), regionNames.count < 16 else {
                    problem(number, "unknown region '\(name)' (known, at most 16: \(TreatmentClassifier.regionNames))")
                    continue
                }
                if regionNames.contains(name) { problem(number, "region '\(name)' given twice") }
                regionNames.append(TreatmentClassifier.regionNames.first { $0 == name }!)
                let index = Int32(regionNames.count - 1)
                for phrase in content[content.index(after: colon)...].split(separator: ",") {
                    add(phrase, line: number) { exact, t, index in
                        if exact { t.regionExact = index } else { t.regionPrefix = index }
                    } index: {
                        index
                    }
                }
            case .rules(let category, let subcategory):
                if content.hasPrefix("drug ") {
                    guard category == "Pharmaceuticals" else {
                        problem(number, "a drug line outside a Pharmaceuticals section")
                        continue
                    }
                    let body = content.dropFirst(5)
                    let colon = body.firstIndex(of: ":") ?? body.endIndex
                    let generic = String(body[..<colon]).trimmingSpaces
                    let components = generic.split(separator: "/", omittingEmptySubsequences: false)
                    let wellFormed =
                        !generic.isEmpty
                        && components.allSatisfy { c in
                            !c.isEmpty && c.first != " " && c.last != " "
                                && c.utf8.allSatisfy { (97...122).contains($0) || $0 == 32 || $0 == 45 }
                        }
                    guard wellFormed else {
                        problem(number, "a drug's generic name is lower-case words joined by '/': '\(generic)'")
                        continue
                    }
                    rules.append(Rule(category: category, subcategory: subcategory, generic: generic, line: number))
                    let index = Int32(rules.count - 1)
                    let setRule: (Bool, inout Terminals, Int32) -> Void = { exact, t, index in
                        if exact { t.ruleExact = index } else { t.rulePrefix = index }
                    }
                    // The generic is a name of the drug the first time it is listed.
                    if phrases[Self.key(Substring(generic))] == nil {
                        add(Substring(generic), line: number, set: setRule) { index }
                    }
                    if colon < body.endIndex {
                        for phrase in body[body.index(after: colon)...].split(separator: ",") {
                            add(phrase, line: number, set: setRule) { index }
                        }
                    }
                } else {
                    rules.append(Rule(category: category, subcategory: subcategory, generic: nil, line: number))
                    let index = Int32(rules.count - 1)
                    for phrase in content.split(separator: ",") {
                        add(phrase, line: number) { exact, t, index in
                            if exact { t.ruleExact = index } else { t.rulePrefix = index }
                        } index: {
                            index
                        }
                    }
                }
            }
        }
        if regionNames.count != TreatmentClassifier.regionNames.count {
            let missing = TreatmentClassifier.regionNames.filter { !regionNames.contains($0) }
            problems.append(Problem(line: 0, message: "regions without a line: \(missing)"))
        }
    }

    private func section(_ name: String, line: Int) -> Section {
        if name == "topical forms" { return .topicalForms }
        if name == "regions" { return .regions }
        let parts = name.split(separator: "/", maxSplits: 1).map { String($0).trimmingSpaces }
        // "PT/OT" and "EMG/NCV/NCS" hold slashes too: the category is what comes before " / ".
        var category = name
        var subcategory: String?
        let chars = Array(name)
        if let at = chars.indices.first(where: { $0 + 2 < chars.count && String(chars[$0...($0 + 2)]) == " / " }) {
            category = String(chars[..<at]).trimmingSpaces
            subcategory = String(chars[(at + 3)...]).trimmingSpaces
        } else if parts.count > 1 && TreatmentClassifier.taxonomy.contains(where: { $0.category == parts[0] }) {
            problem(line, "write a section as '[Category / Subcategory]', with spaces around the '/'")
            return .none
        }
        guard let entry = TreatmentClassifier.taxonomy.first(where: { $0.category == category }) else {
            problem(line, "unknown DWC category '\(category)'")
            return .none
        }
        if let subcategory {
            guard entry.subcategories.contains(subcategory) else {
                problem(line, "unknown subcategory '\(subcategory)' of \(category)")
                return .none
            }
        } else if !entry.subcategories.isEmpty {
            problem(line, "\(category) needs a subcategory: \(entry.subcategories)")
            return .none
        }
        // The taxonomy's own strings (literals: no reference counting when results copy them).
        return .rules(category: entry.category, subcategory: entry.subcategories.first { $0 == subcategory })
    }

    static func key(_ phrase: Substring) -> String {
        let trimmed = String(phrase).trimmingSpaces
        let prefix = trimmed.hasSuffix("*")
        let words = Tokenizer.tokens(of: prefix ? String(trimmed.dropLast()) : trimmed)
        return words.joined(separator: " ") + (prefix ? "*" : "")
    }

    /// Adds one phrase to the trie, `set` marking its last node.
    private func add(
        _ raw: Substring, line: Int, set: (Bool, inout Terminals, Int32) -> Void, index: () -> Int32
    ) {
        let trimmed = String(raw).trimmingSpaces
        guard !trimmed.isEmpty else {
            problem(line, "an empty phrase (two commas in a row, or a comma at the end)")
            return
        }
        let prefix = trimmed.hasSuffix("*")
        let body = prefix ? String(trimmed.dropLast()) : trimmed
        if body.contains("*") {
            problem(line, "'*' may only end a phrase: '\(trimmed)'")
            return
        }
        if prefix, let last = body.unicodeScalars.last, !last.properties.isAlphabetic && !("0"..."9").contains(last) {
            problem(line, "'*' must follow a letter: '\(trimmed)'")
            return
        }
        let words = Tokenizer.tokens(of: body)
        guard !words.isEmpty else {
            problem(line, "a phrase without words: '\(trimmed)'")
            return
        }
        let key = words.joined(separator: " ") + (prefix ? "*" : "")
        if let earlier = phrases[key] {
            problem(line, "'\(trimmed)' is already a phrase on line \(earlier)")
            return
        }
        var node = 0
        for (w, word) in words.enumerated() {
            if w > 0 { node = child(node, Self.separator) }
            for byte in word.utf8 {
                let symbol = Self.symbols[Int(byte)]
                guard symbol != 0xFF else {
                    problem(line, "'\(trimmed)': only letters a-z and digits can be matched")
                    return
                }
                node = child(node, Int(symbol))
            }
        }
        phrases[key] = line
        set(!prefix, &terminals[node], index())
    }

    private func child(_ node: Int, _ symbol: Int) -> Int {
        let slot = node * Self.alphabet + symbol
        if next[slot] != 0 { return Int(next[slot]) }
        let created = terminals.count
        terminals.append(Terminals())
        next.append(contentsOf: repeatElement(0, count: Self.alphabet))
        next[slot] = Int32(created)
        return created
    }

    // MARK: - Matching

    /// What one text holds: the winning category rule, the drug rules left to right, the regions in order
    /// of first mention, whether a topical-form word was seen.
    struct Matches {
        var bestRule: Int32 = .max
        var drugRules: [Int32] = []
        /// Region indices in order of first mention, 4 bits each (at most 16 regions), and how many.
        var regionOrder: UInt64 = 0
        var regionCount = 0
        var regionSeen: UInt32 = 0
        var topical = false

        /// The regions' indices in order of first mention.
        var regions: [Int] { (0..<regionCount).map { Int((regionOrder >> (4 * UInt64($0))) & 15) } }
    }

    /// The longest number of tokens the scratch holds; longer texts are matched on their first tokens.
    static let maxTokens = 512

    func match(_ text: UnsafeBufferPointer<UInt8>) -> Matches {
        var result = Matches()
        let capacity = min(text.count * 2 + 64, Self.maxTokens * 48)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { bytes in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.maxTokens + 1) { starts in
                var count = 0
                var used = 0
                starts[0] = 0
                Tokenizer.forEachToken(in: text) { token, _, _, _ in
                    guard count < Self.maxTokens && used + token.count <= capacity else { return }
                    for b in token {
                        bytes[used] = b
                        used += 1
                    }
                    count += 1
                    starts[count] = Int32(used)
                }
                walk(
                    UnsafeBufferPointer(bytes), UnsafeBufferPointer(starts), count, UnsafeBufferPointer(frozenNext),
                    UnsafeBufferPointer(frozenTerminals), UnsafeBufferPointer(frozenIsDrug),
                    UnsafeBufferPointer(frozenSymbols), &result)
            }
        }
        return result
    }

    @inline(__always)
    private func walk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int32>, _ count: Int,
        _ next: UnsafeBufferPointer<Int32>, _ terminals: UnsafeBufferPointer<Terminals>,
        _ isDrug: UnsafeBufferPointer<Bool>, _ symbols: UnsafeBufferPointer<UInt8>, _ result: inout Matches
    ) {
        let alphabet = Self.alphabet
        var drugEnd = 0
        var regionEnd = 0
        for k in 0..<count {
            var node = 0
            var longestDrug: Int32 = -1
            var longestDrugEnd = 0
            var longestRegion: Int32 = -1
            var longestRegionEnd = 0
            @inline(__always) func note(_ rule: Int32, _ region: Int32, _ topical: Int32, end: Int) {
                if rule >= 0 {
                    if rule < result.bestRule { result.bestRule = rule }
                    if isDrug[Int(rule)] && end >= longestDrugEnd {
                        longestDrug = rule
                        longestDrugEnd = end
                    }
                }
                if region >= 0 && end >= longestRegionEnd {
                    longestRegion = region
                    longestRegionEnd = end
                }
                if topical >= 0 { result.topical = true }
            }
            var j = k
            walking: while j < count {
                if j > k {
                    node = Int(next[node * alphabet + TaxonomyRules.separator])
                    if node == 0 { break }
                }
                var i = Int(starts[j])
                let end = Int(starts[j + 1])
                while i < end {
                    let symbol = symbols[Int(bytes[i])]
                    if symbol == 0xFF { break walking }
                    node = Int(next[node * alphabet + Int(symbol)])
                    if node == 0 { break walking }
                    i += 1
                    let t = terminals[node]
                    if t.rulePrefix >= 0 || t.regionPrefix >= 0 || t.topicalPrefix >= 0 {
                        note(t.rulePrefix, t.regionPrefix, t.topicalPrefix, end: j + 1)
                    }
                }
                let t = terminals[node]
                if t.ruleExact >= 0 || t.regionExact >= 0 || t.topicalExact >= 0 {
                    note(t.ruleExact, t.regionExact, t.topicalExact, end: j + 1)
                }
                j += 1
            }
            if longestDrug >= 0 && k >= drugEnd {
                result.drugRules.append(longestDrug)
                drugEnd = longestDrugEnd
            }
            if longestRegion >= 0 && k >= regionEnd {
                let bit = UInt32(1) << UInt32(longestRegion)
                if result.regionSeen & bit == 0 && result.regionCount < 16 {
                    result.regionSeen |= bit
                    result.regionOrder |= UInt64(longestRegion) << (4 * UInt64(result.regionCount))
                    result.regionCount += 1
                }
                regionEnd = longestRegionEnd
            }
        }
    }

    /// The drug rule whose name is all of `text` (used by `genericName(for:)`).
    func wholeDrugName(_ text: UnsafeBufferPointer<UInt8>) -> Rule? {
        var tokens: [String] = []
        Tokenizer.forEachToken(in: text) { token, _, _, _ in tokens.append(String(decoding: token, as: UTF8.self)) }
        guard !tokens.isEmpty else { return nil }
        var node = 0
        for (w, word) in tokens.enumerated() {
            if w > 0 {
                node = Int(next[node * Self.alphabet + Self.separator])
                if node == 0 { return nil }
            }
            for byte in word.utf8 {
                let symbol = Self.symbols[Int(byte)]
                guard symbol != 0xFF else { return nil }
                node = Int(next[node * Self.alphabet + Int(symbol)])
                if node == 0 { return nil }
            }
        }
        let rule = terminals[node].ruleExact
        guard rule >= 0, rules[Int(rule)].generic != nil else { return nil }
        return rules[Int(rule)]
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
