// PrecedentSearch: the engine of `imrsearch similar`. From a dispute document it finds the requested
// treatments (RequestExtractor), builds a more-like-this query in the query language (so a user can run
// and refine it with `imrsearch`), ranks decided items by it, and works out the odds:
// - the query: each treatment word twice (`treatment:word^2 OR word`); the document's distinctive words
//   by tf·idf against the index's own statistics (words in more than `commonShare` of the decisions are
//   dropped: stop words by document frequency, not by a list; so are numbers alone), on the default
//   fields and, at half weight, on the case summaries (where they are not common either); the treatment's category path and body region as constant-score signals;
// - the odds: the overturn rate (95% Wilson interval) among the top `topN` precedents and among every
//   decision of the same category and region, and how many overturned precedents cite each guideline
//   source.

public struct PrecedentResult: Sendable {
    public struct Treatment: Sendable {
        public var request: RequestExtractor.Request
        public var treatmentClass: TreatmentClass
    }
    public var treatments: [Treatment]
    /// The query that ranked the hits, in the query language.
    public var query: String
    public var hits: [SearchHit]
    /// Outcomes of the top `topN` precedents.
    public var topN: Int
    public var top: OutcomeCounts
    /// Every decision of the first classified treatment's category (and region), with the query that
    /// selects them; nil when no treatment was classified.
    public var sameClass: (query: String, label: String, counts: OutcomeCounts)?
    /// Guideline sources cited by the overturned precedents among the top `topN`, most cited first.
    public var overturnedSources: [(source: String, count: Int)]
}

public struct PrecedentSearch {
    public let index: IndexSnapshot
    /// Words in more than this share of the decisions say nothing about a dispute.
    public static let commonShare = 0.15
    /// Treatment words in more than this share of the decisions are dropped.
    public static let treatmentCommonShare = 0.5
    /// How many distinctive words of the document the query keeps.
    public static let documentTerms = 25

    public init(index: IndexSnapshot) { self.index = index }
    public init(reader: IndexReader) { self.init(index: IndexSnapshot(reader: reader)) }

    /// - Parameter exact: run the query as written, without expanding synonyms and abbreviations (the
    ///   search command's default expansion applies otherwise, so the printed query reruns identically).
    public func run(document: String, treatment override: String? = nil, limit: Int, topN: Int, exact: Bool = false)
        throws -> PrecedentResult
    {
        let requests =
            override.map { [RequestExtractor.Request(text: $0, source: .labelledLine)] }
            ?? RequestExtractor.requests(in: document)
        let treatments = requests.map {
            PrecedentResult.Treatment(request: $0, treatmentClass: TreatmentClassifier.classify($0.text))
        }
        let query = moreLikeThis(document: document, treatments: treatments)
        // A document naming no treatment and no word the index knows has no precedent (not every decision).
        var node = query.isEmpty ? QueryNode.or([]) : try QueryParser.parse(query)
        if !exact { node = SynonymExpander.expand(node).query }
        let searcher = Searcher(index: index)
        let ranked = query.isEmpty ? [] : try searcher.search(node, limit: max(limit, topN))
        var top = OutcomeCounts()
        var sources: [String: Int] = [:]
        for hit in ranked.prefix(topN) {
            let reader = index.reader(of: hit)
            let code = reader.decisionCode(ofItem: hit.item)
            top.add(code: code)
            if code == 1, let record = reader.record(ofLetter: reader.letter(ofItem: hit.item)) {
                let number = reader.itemNumber(ofItem: hit.item)
                if number < record.items.count {
                    for s in Set(record.items[number].sources) { sources[s, default: 0] += 1 }
                }
            }
        }
        var sameClass: (String, String, OutcomeCounts)?
        if let first = treatments.first(where: { $0.treatmentClass.category != nil }) {
            let c = first.treatmentClass
            let path = c.category! + (c.subcategory.map { "/" + $0 } ?? "")
            var q = "category:" + Self.quoted(path)
            var label = c.category! + (c.subcategory.map { " / " + $0 } ?? "")
            if let region = c.region {
                q += " region:" + Self.quoted(region)
                label += ", " + region
            }
            var statistics = OutcomeStatistics(index: index)
            sameClass = (q, label, try statistics.run(QueryParser.parse(q), by: []).totals)
        }
        return PrecedentResult(
            treatments: treatments, query: query, hits: Array(ranked.prefix(limit)), topN: topN, top: top,
            sameClass: sameClass,
            overturnedSources: sources.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { ($0.key, $0.value) })
    }

    /// The more-like-this query text.
    func moreLikeThis(document: String, treatments: [PrecedentResult.Treatment]) -> String {
        let items = max(1, index.itemCount)
        let letters = max(1, index.letterCount)
        /// The token's live document frequency in the item text, when the token is usable.
        func usable(_ token: String, share: Double = PrecedentSearch.commonShare) -> Int? {
            guard token.utf8.count > 1, let df = index.documentFrequency(.itemText, token), df > 0,
                Double(df) <= share * Double(items)
            else { return nil }
            return df
        }
        func inSummaries(_ token: String) -> Bool {
            guard let df = index.documentFrequency(.summary, token) else { return false }
            return Double(df) <= PrecedentSearch.commonShare * Double(letters)
        }
        var clauses: [String] = []
        var seen = Set<String>()
        for t in treatments {
            // A treatment's words name the request: only words in most decisions ("the", "of") are dropped.
            for token in Tokenizer.tokens(of: t.request.text)
            where !seen.contains(token) && usable(token, share: PrecedentSearch.treatmentCommonShare) != nil {
                seen.insert(token)
                clauses.append("treatment:\(token)^2")
                clauses.append(token)
            }
        }
        var counts: [String: Int] = [:]
        for token in Tokenizer.tokens(of: document) where !seen.contains(token) { counts[token, default: 0] += 1 }
        var weighted: [(String, Double)] = []
        for (token, tf) in counts {
            // Numbers alone (dates, ids, page numbers) say little about the facts of a dispute.
            guard !token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let df = usable(token) else { continue }
            let idf = BM25.idf(documentCount: df, total: items)
            weighted.append((token, Double(tf).squareRoot() * idf))
        }
        weighted.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let best = weighted.first?.1 ?? 1
        for (token, w) in weighted.prefix(PrecedentSearch.documentTerms) {
            let boost = 0.3 + 0.7 * w / best
            clauses.append("\(token)^\(format(boost, 2))")
            if inSummaries(token) { clauses.append("summary:\(token)^\(format(boost / 2, 2))") }
        }
        var classes = Set<String>()
        for t in treatments {
            let c = t.treatmentClass
            guard let category = c.category else { continue }
            let path = "category:" + Self.quoted(category + (c.subcategory.map { "/" + $0 } ?? "")) + "^4"
            if classes.insert(path).inserted { clauses.append(path) }
            for region in c.regions where classes.insert(region).inserted {
                clauses.append("region:" + Self.quoted(region) + "^2")
            }
        }
        return clauses.joined(separator: " OR ")
    }

    static func quoted(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        return plain ? value : "\"" + value + "\""
    }
}
