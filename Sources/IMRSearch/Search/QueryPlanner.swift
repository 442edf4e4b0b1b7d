// QueryPlanner: turns a parsed query (QueryNode) into a tree of DocIterators over one index: resolves
// terms in the dictionaries, keyword values by exact or unambiguous prefix match, prefixes into bitsets,
// and NOT clauses into exclusions. Errors it finds (an ambiguous keyword value) are query errors.

public struct QueryPlanError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
}

struct QueryPlanner {
    let reader: IndexReader
    /// Every segment of the index this reader belongs to (itself alone for a single file): keyword values
    /// and synonym alternatives are resolved against the whole live collection, so each segment plans the
    /// query a full build would.
    let segments: [IndexSegment]
    /// Keyword values that matched nothing, for a hint when there are no hits.
    var notes: [String] = []
    /// Words outside NOT clauses that matched nothing in their field, for spelling suggestions.
    var unmatched: [UnmatchedQueryWord] = []
    /// When false, phrases ignore the word pairs (`IndexField.itemPairs`): the tests compare the two ways.
    var usesWordPairs = true
    /// The stretch of items the plan will be asked about (`Searcher` cuts a heavy query's items among
    /// threads): the words of plain terms and phrases start at its first item and end after the block
    /// holding its end (a letter-level word at those items' letters), so that a phrase verifies no
    /// candidate far outside it, not even while it is built. Only where that cannot change the plan: the
    /// alternatives of a synonym concept see every item (whether one matches at all decides the concept's
    /// weights). The caller still ignores any document outside the stretch that an iterator yields.
    var stretch: Range<UInt32> = 0..<DocIterator.end
    /// How many NOT clauses enclose the node being planned.
    private var negation = 0

    init(reader: IndexReader) {
        self.reader = reader
        segments = [IndexSegment(reader: reader, deleted: nil, deletedLetters: [])]
    }

    init(reader: IndexReader, segments: [IndexSegment]) {
        self.reader = reader
        self.segments = segments
    }

    static func mask(for field: TextField?) -> (IndexField, Int) {
        switch field {
        case nil: return (.itemText, 0b111)
        case .treatment: return (.itemText, 0b001)
        case .rationale: return (.itemText, 0b010)
        case .guideline: return (.itemText, 0b100)
        case .summary: return (.summary, 0b1)
        }
    }

    mutating func plan(_ node: QueryNode) throws -> DocIterator {
        switch node {
        case .matchAll:
            return AllItemsIterator(count: reader.itemCount)
        case .term(let field, let token):
            let (indexField, mask) = QueryPlanner.mask(for: field)
            guard let term = termIterator(indexField, mask: mask, token: token) else {
                recordUnmatched(field, token)
                return EmptyIterator()
            }
            start(term, indexField)
            // treatment:x where x occurs only in other columns matches nothing either.
            if indexField == .itemText, let info = reader.dictionary(indexField).lookup(token),
                !info.columnDocFreq.indices.contains(where: { mask & (1 << $0) != 0 && info.columnDocFreq[$0] > 0 })
            {
                recordUnmatched(field, token)
            }
            return lift(term, indexField)
        case .phrase(let field, let tokens, let slop):
            if tokens.isEmpty { return EmptyIterator() }
            if tokens.count == 1 { return try plan(.term(field: field, token: tokens[0])) }
            let (indexField, mask) = QueryPlanner.mask(for: field)
            guard let phrase = phraseIterator(indexField, mask: mask, tokens: tokens, slop: slop, outsideConcept: true)
            else {
                // Every missing word of the phrase is recorded, not only the first.
                for token in tokens where reader.dictionary(indexField).lookup(token) == nil {
                    recordUnmatched(field, token)
                }
                return EmptyIterator()
            }
            return lift(phrase, indexField)
        case .concept(let field, let alternatives, let slop):
            let (indexField, mask) = QueryPlanner.mask(for: field)
            var children: [DocIterator] = []
            var labels: [String] = []
            var otherWeights: [[Double]] = []
            var present = 0
            for tokens in alternatives where !tokens.isEmpty {
                var child = alternative(reader, indexField, mask: mask, tokens: tokens, slop: slop)
                if let own = ownSegment, own.deleted != nil, child != nil,
                    let probe = alternative(reader, indexField, mask: mask, tokens: tokens, slop: slop),
                    !QueryPlanner.matchesLive(probe, own, indexField)
                {
                    child = nil  // it matches deleted items only: as if absent here
                }
                if let child, child.doc != DocIterator.end {
                    children.append(child)
                    labels.append(SynonymExpander.label(tokens, slop: tokens.count == 1 ? nil : slop))
                    present += 1
                } else if segments.count > 1, let weights = weightsElsewhere(indexField, mask, tokens, slop) {
                    // Present in another segment only: its weight still counts, as in a full build.
                    otherWeights.append(weights)
                    present += 1
                }
            }
            if children.isEmpty { return EmptyIterator() }
            // One alternative present in the collection: the concept's score is that alternative's own.
            if present == 1 { return lift(children[0], indexField) }
            return lift(
                ConceptIterator(
                    children: children, labels: labels, reader: reader, field: indexField, mask: mask,
                    otherWeights: otherWeights),
                indexField)
        case .prefix(let field, let prefix):
            let (indexField, mask) = QueryPlanner.mask(for: field)
            return lift(prefixSet(indexField, mask: mask, prefix: prefix), indexField)
        case .keyword(let field, let value):
            return try keyword(field, value)
        case .range(let field, let lower, let upper):
            let column: NumericColumn
            switch field {
            case .age: column = .age
            case .injured: column = .injured
            case .decided: column = .decided
            case .assigned: column = .assigned
            case .ur: column = .ur
            case .year: column = .year
            case .added: column = .added
            }
            return RangeIterator(reader: reader, column: column, lower: lower, upper: upper)
        case .and(let children):
            var positive: [DocIterator] = []
            var negative: [DocIterator] = []
            for child in children {
                if case .not(let inner) = child {
                    negation += 1
                    defer { negation -= 1 }
                    negative.append(try plan(inner))
                } else {
                    positive.append(try plan(child))
                }
            }
            if positive.contains(where: { $0 is EmptyIterator }) { return EmptyIterator() }
            var base: DocIterator =
                positive.isEmpty
                ? AllItemsIterator(count: reader.itemCount)
                : (positive.count == 1 ? positive[0] : IntersectionIterator(positive))
            negative.removeAll { $0 is EmptyIterator }
            if !negative.isEmpty {
                base = ExclusionIterator(
                    positive: base, negative: negative.count == 1 ? negative[0] : UnionIterator(negative))
            }
            return base
        case .or(let children):
            let planned = try children.map { try plan($0) }.filter { !($0 is EmptyIterator) }
            if planned.isEmpty { return EmptyIterator() }
            return planned.count == 1 ? planned[0] : UnionIterator(planned)
        case .boost(let inner, let factor):
            let child = try plan(inner)
            if child is EmptyIterator { return child }
            return BoostIterator(child, factor: factor)
        case .not(let inner):
            negation += 1
            defer { negation -= 1 }
            let negative = try plan(inner)
            if negative is EmptyIterator { return AllItemsIterator(count: reader.itemCount) }
            return ExclusionIterator(
                positive: AllItemsIterator(count: reader.itemCount), negative: negative)
        }
    }

    /// A synonym alternative's iterator over `reader`: a term, or a phrase.
    private func alternative(_ reader: IndexReader, _ field: IndexField, mask: Int, tokens: [String], slop: Int?)
        -> DocIterator?
    {
        var planner = QueryPlanner(reader: reader, segments: segments)
        planner.usesWordPairs = usesWordPairs
        return tokens.count == 1
            ? planner.termIterator(field, mask: mask, token: tokens[0])
            : planner.phraseIterator(field, mask: mask, tokens: tokens, slop: slop)
    }

    /// The column weights of an alternative that matches a live item of another segment; nil when it
    /// matches none.
    private func weightsElsewhere(_ field: IndexField, _ mask: Int, _ tokens: [String], _ slop: Int?) -> [Double]? {
        for segment in segments where segment.reader !== reader {
            guard let child = alternative(segment.reader, field, mask: mask, tokens: tokens, slop: slop) else {
                continue
            }
            if QueryPlanner.matchesLive(child, segment, field) { return child.columnWeights }
        }
        return nil
    }

    /// Whether `iterator` (fresh, over `segment`) matches a document that is not deleted.
    static func matchesLive(_ iterator: DocIterator, _ segment: IndexSegment, _ field: IndexField) -> Bool {
        var doc = iterator.doc
        while doc != DocIterator.end
            && (field.isLetterLevel ? segment.isDeleted(letter: Int(doc)) : segment.isDeleted(item: Int(doc)))
        {
            doc = iterator.next()
        }
        return doc != DocIterator.end
    }

    /// This reader's segment.
    private var ownSegment: IndexSegment? { segments.first { $0.reader === reader } }

    /// A term's iterator (not lifted to items), nil when the term is not in the dictionary.
    private func termIterator(_ indexField: IndexField, mask: Int, token: String) -> TermIterator? {
        guard let info = reader.dictionary(indexField).lookup(token) else { return nil }
        return TermIterator(reader: reader, info: info, field: indexField, term: token, mask: mask)
    }

    /// A phrase's iterator over two tokens or more (not lifted to items), nil when a token is not in the
    /// dictionary or when the phrase cannot match: an exact item-text phrase whose two adjacent common words
    /// never stand side by side (their pair is not in the dictionary). A two-word phrase of common words is
    /// its pair's postings, scored as the phrase (`TermIterator`'s phrase weights); a longer one adds the
    /// pairs it holds to the conjunction of its words (`PhraseIterator.pairs`), matches nothing when one of
    /// its triples of common words is absent (`IndexField.itemTriples`), and follows a rare one. Outside a
    /// synonym concept (`outsideConcept`) its iterators are bounded to `stretch` and triples may filter it.
    private func phraseIterator(
        _ indexField: IndexField, mask: Int, tokens: [String], slop: Int?, outsideConcept: Bool = false
    ) -> DocIterator? {
        var terms: [TermIterator] = []
        var distinct: [String] = []
        var tokenTerm: [Int] = []
        for token in tokens {
            if let i = distinct.firstIndex(of: token) {
                tokenTerm.append(i)
                continue
            }
            guard let info = reader.dictionary(indexField).lookup(token) else { return nil }
            distinct.append(token)
            tokenTerm.append(terms.count)
            terms.append(TermIterator(reader: reader, info: info, field: indexField, term: token, mask: mask))
            if outsideConcept { start(terms[terms.count - 1], indexField) }
        }
        let label = "\"" + tokens.joined(separator: " ") + "\"" + (slop.map { "~\($0)" } ?? "")
        var pairs: [TermIterator] = []
        if slop == nil && indexField == .itemText && usesWordPairs && reader.hasWordPairs {
            var seen: Set<String> = []
            for i in 1..<tokens.count {
                guard let pair = CommonWords.pairTerm(tokens[i - 1], tokens[i]), seen.insert(pair).inserted else {
                    continue
                }
                guard let info = reader.dictionary(.itemPairs).lookup(pair) else { return nil }
                if tokens.count == 2 {
                    let phrase = TermIterator(
                        reader: reader, info: info, field: .itemPairs, term: label, mask: mask,
                        phraseWeights: PhraseIterator.phraseWeights(terms, tokenTerm))
                    if outsideConcept { start(phrase, .itemPairs) }
                    return phrase
                }
                pairs.append(TermIterator(reader: reader, info: info, field: .itemPairs, term: pair, mask: mask))
                if outsideConcept { start(pairs[pairs.count - 1], .itemPairs) }
            }
        }
        var triples: [KeywordIterator] = []
        if !pairs.isEmpty && tokens.count >= 3 {
            var seen: Set<String> = []
            for i in 2..<tokens.count {
                guard let triple = CommonWords.tripleTerm(tokens[i - 2], tokens[i - 1], tokens[i]),
                    seen.insert(triple).inserted
                else { continue }
                guard let info = reader.dictionary(.itemTriples).lookup(triple) else { return nil }
                // A triple in more than a quarter of the items keeps no postings and would never filter.
                guard IndexFormat.keepsTriplePostings(docFreq: info.docFreq, items: reader.itemCount) else { continue }
                triples.append(KeywordIterator(reader: reader, info: info, field: .itemTriples))
            }
        }
        // The triples that hold at most a quarter of the phrase's candidates filter them first: the phrase
        // follows the rarest (its positions read only where the triple stands); the scores are the phrase's.
        // Not inside a synonym concept, which reads its phrase alternatives' frequencies directly.
        let candidates = (terms + pairs).map(\.cursor.docCount).min() ?? Int.max
        let filters = triples.filter { $0.cost * 4 <= candidates }.sorted { $0.cost < $1.cost }.prefix(2)
        let filtered = outsideConcept && !filters.isEmpty
        // Filtered, the phrase starts on its first candidate, unverified, as a two-phase follower may: its
        // own first match could lie past every document the filters leave.
        let phrase = PhraseIterator(
            terms: terms, tokenTerm: tokenTerm, slop: slop, mask: mask, field: indexField, label: label, pairs: pairs,
            approximateStart: filtered)
        guard filtered else { return phrase }
        for filter in filters { start(filter, filter.cursor, .itemTriples) }
        return IntersectionIterator([phrase] + Array(filters))
    }

    /// Bounds a new word's iterator to `stretch` (for a letter-level field, to its items' letters).
    private func start(_ term: TermIterator, _ field: IndexField) { start(term, term.cursor, field) }

    /// Bounds `iterator`, reading `cursor` alone, to `stretch` and moves it to the stretch's first document.
    private func start(_ iterator: DocIterator, _ cursor: PostingsCursor, _ field: IndexField) {
        let items = UInt32(reader.itemCount)
        if stretch.upperBound < items {
            cursor.bound =
                field.isLetterLevel ? UInt32(reader.letter(ofItem: Int(stretch.upperBound))) + 1 : stretch.upperBound
        }
        if stretch.lowerBound > 0 && stretch.lowerBound < items {
            iterator.seek(
                field.isLetterLevel ? UInt32(reader.letter(ofItem: Int(stretch.lowerBound))) : stretch.lowerBound)
        }
    }

    /// Records a word of a text field that matched nothing (unless under a NOT).
    private mutating func recordUnmatched(_ field: TextField?, _ token: String) {
        guard negation == 0 else { return }
        let (indexField, mask) = QueryPlanner.mask(for: field)
        unmatched.append(
            UnmatchedQueryWord(
                field: indexField, columns: mask, word: token, label: field.map { $0.rawValue + ":" } ?? ""))
    }

    /// Letter-level matches become the letter's items.
    private func lift(_ iterator: DocIterator, _ field: IndexField) -> DocIterator {
        field.isLetterLevel ? LetterItemsIterator(inner: iterator, reader: reader) : iterator
    }

    private func prefixSet(_ field: IndexField, mask: Int, prefix: String) -> DocIterator {
        let count = field.isLetterLevel ? reader.letterCount : reader.itemCount
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        let dictionary = reader.dictionary(field)
        let columns = field.frequencyColumns
        let full = mask == (1 << columns) - 1
        var any = false
        dictionary.forEachTerm(withPrefix: Array(prefix.utf8)) { ordinal, _ in
            guard let info = dictionary.info(ordinal) else { return true }
            let cursor = PostingsCursor(reader: reader, info: info, field: field)
            if full {
                words.withUnsafeMutableBufferPointer { bits in
                    cursor.forEachRemainingBlock { docs in
                        for d in docs where Int(d) < count { bits[Int(d) >> 6] |= 1 << UInt64(d & 63) }
                    }
                }
                any = any || info.docFreq > 0
                return true
            }
            while cursor.doc != PostingsCursor.end {
                var hit = full
                if !hit {
                    for c in 0..<columns where mask & (1 << c) != 0 && cursor.tf(c) > 0 { hit = true }
                }
                if hit {
                    let d = Int(cursor.doc)
                    words[d >> 6] |= 1 << UInt64(d & 63)
                    any = true
                }
                cursor.next()
            }
            return true
        }
        if !any { return EmptyIterator() }
        return BitSetIterator(words: words, count: count, constant: 1.0, label: prefix + "*")
    }

    private mutating func keyword(_ field: KeywordField, _ raw: String) throws -> DocIterator {
        let indexField: IndexField
        switch field {
        case .decision: indexField = .decision
        case .source: indexField = .source
        case .page: indexField = .page
        case .section: indexField = .section
        case .specialty: indexField = .specialty
        case .state: indexField = .state
        case .sex: indexField = .sex
        case .priority: indexField = .priority
        case .case: indexField = .caseNumber
        case .file: indexField = .file
        case .category: indexField = .category
        case .drug: indexField = .drug
        case .region: indexField = .region
        }
        var value = KeywordValues.normalize(raw, for: indexField)
        // A brand name stands for its generic: drug:norco is drug:"hydrocodone/acetaminophen".
        if indexField == .drug, let generic = TreatmentClassifier.genericName(for: raw) {
            value = KeywordValues.normalize(generic, for: .drug)
        }
        guard let resolved = try resolveKeyword(indexField, value, field: field, raw: raw) else {
            return EmptyIterator()
        }
        // The value is live somewhere in the collection; this segment may not hold it.
        guard let info = reader.dictionary(indexField).lookup(resolved) else { return EmptyIterator() }
        return KeywordIterator(reader: reader, info: info, field: indexField)
    }

    /// Whether `term` of `field` is held by a live item of the collection.
    private func isLive(_ field: IndexField, _ term: String) -> Bool {
        if let collection = reader.collection { return collection.docFreq(field, term) > 0 }
        return reader.dictionary(field).lookup(term) != nil
    }

    /// The live terms of `field` starting with `prefix` across the segments, sorted, at most `limit`
    /// (`body` may narrow them first).
    private func liveTerms(
        _ field: IndexField, prefix: [UInt8], limit: Int, where keep: ([UInt8]) -> Bool = { _ in true }
    )
        -> [String]
    {
        var found = Set<String>()
        for segment in segments {
            var taken = 0
            segment.reader.dictionary(field).forEachTerm(withPrefix: prefix) { _, term in
                guard keep(term) else { return true }
                found.insert(String(decoding: term, as: UTF8.self))
                taken += 1
                return taken <= limit
            }
        }
        let sorted = found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return Array(sorted.filter { segments.count == 1 || isLive(field, $0) }.prefix(limit + 1))
    }

    /// The keyword term a query value names: the value itself, a subcategory's "category subcategory"
    /// term, or the one term it is an unambiguous prefix of; nil (with a note) when it names nothing.
    private mutating func resolveKeyword(_ indexField: IndexField, _ value: String, field: KeywordField, raw: String)
        throws -> String?
    {
        if isLive(indexField, value) { return value }
        // category:opioids names a subcategory alone: the one "category subcategory" term ending in it.
        if indexField == .category, !value.isEmpty {
            let suffix = Array((" " + value).utf8)
            let matches = liveTerms(indexField, prefix: [], limit: Int.max - 1) { term in
                term.count > suffix.count && term.suffix(suffix.count).elementsEqual(suffix)
            }
            if matches.count == 1 { return matches[0] }
        }
        if indexField == .page || value.isEmpty {
            notes.append("no decision has \(field.rawValue):\(raw)")
            return nil
        }
        let candidates = liveTerms(indexField, prefix: Array(value.utf8), limit: 64)
        if candidates.count == 1 { return candidates[0] }
        // category:pharm is the category, not one of its "category subcategory" terms: a candidate that is
        // a whole-word prefix of every other one is the value meant.
        if candidates.count <= 64, let shortest = candidates.min(by: { $0.utf8.count < $1.utf8.count }),
            candidates.allSatisfy({ $0 == shortest || $0.hasPrefix(shortest + " ") })
        {
            return shortest
        }
        if candidates.isEmpty {
            let note = "no decision has \(field.rawValue):\(raw)"
            notes.append(note)
            if indexField == .drug && negation == 0 {
                unmatched.append(UnmatchedQueryWord(field: .drug, columns: 0, word: value, label: "drug:", note: note))
            }
            return nil
        }
        let shown = candidates.prefix(8).joined(separator: ", ")
        throw QueryPlanError(
            message:
                "\(field.rawValue):\(raw) is ambiguous; it could be \(shown)\(candidates.count > 8 ? ", ..." : "")"
        )
    }
}
