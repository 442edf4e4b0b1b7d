// OutcomeStatistics: the engine of `imrsearch stats`. Runs a query exactly (every matching item, never a
// sample or the top k), counts the outcomes, and breaks them down by one or two fields:
// - single-valued fields are read from columns, one load per matching item: `category`, `subcategory`,
//   `drug` (the item classes section), `year` and `priority` (letter columns);
// - multi-valued fields are counted from their postings, as a terms aggregation does: `region`,
//   `specialty`, `state`, `source`, `page`, `section`. An item naming two regions counts in both rows, so
//   such rows can add up to more than the total; items with no value form the row `value: nil`.
// Complexity: O(matches) for a column field; O(matches + the field's postings) for a multi-valued one;
// a second field repeats the work inside each row of the first.

/// A field `stats` can break results down by.
public enum StatsField: String, CaseIterable, Sendable {
    case category, subcategory, drug, region, year, specialty, state, source, page, section, priority

    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The keyword field whose postings hold a multi-valued field's values.
    var postingsField: IndexField? {
        switch self {
        case .region: return .region
        case .specialty: return .specialty
        case .state: return .state
        case .source: return .source
        case .page: return .page
        case .section: return .section
        default: return nil
        }
    }
}

/// One row of a breakdown: a value (nil: the items without one), its counts, and the rows of the second
/// field inside it.
public struct StatsRow: Sendable {
    public var value: String?
    public var counts: OutcomeCounts
    public var rows: [StatsRow]
}

public struct StatsResult: Sendable {
    public var totals: OutcomeCounts
    public var fields: [StatsField]
    /// Rows of `fields[0]`, each holding rows of `fields[1]` when there are two.
    public var rows: [StatsRow]
}

public struct OutcomeStatistics {
    public let reader: IndexReader
    /// Keyword values of the last query that matched nothing (for a hint).
    public private(set) var notes: [String] = []

    public init(reader: IndexReader) { self.reader = reader }

    /// The outcome counts of every item matching `query`, broken down by `fields` (zero, one or two).
    public mutating func run(_ query: QueryNode, by fields: [StatsField]) throws -> StatsResult {
        var planner = QueryPlanner(reader: reader)
        let root = try planner.plan(query)
        notes = planner.notes
        var docs: [UInt32] = []
        var totals = OutcomeCounts()
        var doc = root.doc
        while doc != DocIterator.end {
            docs.append(doc)
            totals.add(code: reader.decisionCode(ofItem: Int(doc)))
            doc = root.next()
        }
        return StatsResult(totals: totals, fields: fields, rows: breakdown(docs, fields[...]))
    }

    private func breakdown(_ docs: [UInt32], _ fields: ArraySlice<StatsField>) -> [StatsRow] {
        guard let field = fields.first else { return [] }
        let rest = fields.dropFirst()
        let groups = group(docs, by: field, keepDocs: !rest.isEmpty)
        return groups.map { StatsRow(value: $0.value, counts: $0.counts, rows: breakdown($0.docs, rest)) }
    }

    private struct Group {
        var value: String?
        var counts = OutcomeCounts()
        var docs: [UInt32] = []
    }

    private func group(_ docs: [UInt32], by field: StatsField, keepDocs: Bool) -> [Group] {
        var groups: [Group]
        if let indexField = field.postingsField {
            groups = groupByPostings(docs, indexField, keepDocs: keepDocs)
        } else {
            groups = groupByColumn(docs, field, keepDocs: keepDocs)
        }
        groups.removeAll { $0.counts.total == 0 }
        // Years read in order; every other field by count (then value). The items without a value last.
        groups.sort { a, b in
            if (a.value == nil) != (b.value == nil) { return b.value == nil }
            if field == .year { return (a.value ?? "") < (b.value ?? "") }
            if a.counts.total != b.counts.total { return a.counts.total > b.counts.total }
            return (a.value ?? "") < (b.value ?? "")
        }
        return groups
    }

    /// Buckets by a single-valued column: key 0 is "no value".
    private func groupByColumn(_ docs: [UInt32], _ field: StatsField, keepDocs: Bool) -> [Group] {
        let classes = reader.classes
        let keyCount: Int
        let key: (Int) -> Int
        let name: (Int) -> String?
        switch field {
        case .category, .subcategory, .drug:
            let column: ItemClassColumn =
                field == .category ? .category : field == .subcategory ? .subcategory : .drug
            keyCount = classes.values.count + 1
            key = { classes.id(column, item: $0) }
            name = { classes.value($0) }
        case .year:
            // Years 1900...2199 (a letter states nothing else); anything outside counts as no value.
            keyCount = 301
            key = { item in
                let y = Int(reader.numeric(.year, letter: reader.letter(ofItem: item)))
                return y >= 1900 && y < 2200 ? y - 1899 : 0
            }
            name = { String($0 + 1899) }
        default:  // priority
            keyCount = 4
            key = { item in Int(min(reader.priorityCode(letter: reader.letter(ofItem: item)), 3)) }
            name = { code in code == 1 ? "standard" : code == 2 ? "expedited" : code == 3 ? "other" : nil }
        }
        var groups = (0..<keyCount).map { Group(value: $0 == 0 ? nil : name($0)) }
        groups.withUnsafeMutableBufferPointer { g in
            for doc in docs {
                let item = Int(doc)
                let k = key(item)
                g[k].counts.add(code: reader.decisionCode(ofItem: item))
                if keepDocs { g[k].docs.append(doc) }
            }
        }
        return groups
    }

    /// Counts each value's postings inside the matching items (a terms aggregation).
    private func groupByPostings(_ docs: [UInt32], _ field: IndexField, keepDocs: Bool) -> [Group] {
        let count = reader.itemCount
        var member = [UInt64](repeating: 0, count: (count + 63) / 64)
        var covered = [UInt64](repeating: 0, count: (count + 63) / 64)
        for d in docs where Int(d) < count { member[Int(d) >> 6] |= 1 << UInt64(d & 63) }
        var groups: [Group] = []
        let dictionary = reader.dictionary(field)
        member.withUnsafeBufferPointer { member in
            covered.withUnsafeMutableBufferPointer { covered in
                dictionary.forEachTerm { ordinal, term in
                    guard let info = dictionary.info(ordinal) else { return true }
                    var g = Group(value: String(decoding: term, as: UTF8.self))
                    let cursor = PostingsCursor(reader: reader, info: info, field: field)
                    cursor.forEachRemainingBlock { block in
                        for d in block where Int(d) < count {
                            let word = Int(d) >> 6
                            let bit: UInt64 = 1 << UInt64(d & 63)
                            if member[word] & bit != 0 {
                                covered[word] |= bit
                                g.counts.add(code: reader.decisionCode(ofItem: Int(d)))
                                if keepDocs { g.docs.append(d) }
                            }
                        }
                    }
                    if g.counts.total > 0 { groups.append(g) }
                    return true
                }
            }
        }
        var none = Group(value: nil)
        for d in docs where Int(d) < count && covered[Int(d) >> 6] & (1 << UInt64(d & 63)) == 0 {
            none.counts.add(code: reader.decisionCode(ofItem: Int(d)))
            if keepDocs { none.docs.append(d) }
        }
        groups.append(none)
        return groups
    }
}
