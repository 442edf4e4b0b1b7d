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
    public let index: IndexSnapshot
    /// Keyword values of the last query that matched nothing (for a hint).
    public private(set) var notes: [String] = []

    public init(index: IndexSnapshot) { self.index = index }
    public init(reader: IndexReader) { self.init(index: IndexSnapshot(reader: reader)) }

    /// The outcome counts of every item matching `query`, broken down by `fields` (zero, one or two).
    /// An updated index is counted segment by segment and the rows merged by value.
    public mutating func run(_ query: QueryNode, by fields: [StatsField]) throws -> StatsResult {
        var merged: StatsResult?
        for (k, segment) in index.segments.enumerated() {
            var part = SegmentOutcomeStatistics(reader: segment.reader, segment: segment, all: index.segments)
            let result = try part.run(query, by: fields)
            notes = k == 0 ? part.notes : notes.filter { part.notes.contains($0) }
            merged = merged.map { $0.merged(with: result) } ?? result
        }
        return merged!
    }
}

extension StatsResult {
    /// The counts of both results, rows of equal value added (recursively), rows sorted again.
    func merged(with other: StatsResult) -> StatsResult {
        StatsResult(
            totals: totals + other.totals, fields: fields,
            rows: StatsRow.merge(rows, other.rows, fields: fields[...]))
    }
}

extension StatsRow {
    static func merge(_ a: [StatsRow], _ b: [StatsRow], fields: ArraySlice<StatsField>) -> [StatsRow] {
        guard let field = fields.first, !b.isEmpty else { return a }
        if a.isEmpty { return b }
        var result = a
        for row in b {
            if let i = result.firstIndex(where: { $0.value == row.value }) {
                result[i] = StatsRow(
                    value: row.value, counts: result[i].counts + row.counts,
                    rows: merge(result[i].rows, row.rows, fields: fields.dropFirst()))
            } else {
                result.append(row)
            }
        }
        return result.sortedRows(by: field)
    }
}

/// The statistics of one segment's live items.
struct SegmentOutcomeStatistics {
    let reader: IndexReader
    let segment: IndexSegment
    let all: [IndexSegment]
    private(set) var notes: [String] = []

    init(reader: IndexReader, segment: IndexSegment, all: [IndexSegment]) {
        self.reader = reader
        self.segment = segment
        self.all = all
    }

    mutating func run(_ query: QueryNode, by fields: [StatsField]) throws -> StatsResult {
        var planner = QueryPlanner(reader: reader, segments: all)
        let root = try planner.plan(query)
        notes = planner.notes
        var docs: [UInt32] = []
        docs.reserveCapacity(min(root.cost, reader.itemCount))
        var doc = root.doc
        while doc != DocIterator.end {
            if segment.deleted == nil || !segment.isDeleted(item: Int(doc)) { docs.append(doc) }
            doc = root.next()
        }
        var codes = [UInt8](repeating: 0, count: docs.count)
        codes.withUnsafeMutableBufferPointer { c in
            docs.withUnsafeBufferPointer { reader.fillDecisionCodes($0, into: c.baseAddress!) }
        }
        var totals = OutcomeCounts()
        for code in codes { totals.add(code: code) }
        return StatsResult(totals: totals, fields: fields, rows: breakdown(docs, codes, fields[...]))
    }

    private func breakdown(_ docs: [UInt32], _ codes: [UInt8], _ fields: ArraySlice<StatsField>) -> [StatsRow] {
        guard let field = fields.first else { return [] }
        let rest = fields.dropFirst()
        guard field.postingsField == nil else {
            return groupByPostings(docs, field, keepDocs: !rest.isEmpty).map { g in
                StatsRow(
                    value: g.value, counts: g.counts,
                    rows: rest.isEmpty
                        ? [] : breakdown(g.docs, g.docs.map { reader.decisionCode(ofItem: Int($0)) }, rest))
            }.sortedRows(by: field)
        }
        let first = columnKeys(docs, field)
        if let second = rest.first, second.postingsField == nil {
            // Two columns: one pass over the items into a matrix of counts.
            let inner = columnKeys(docs, second)
            var matrix = [OutcomeCounts](repeating: OutcomeCounts(), count: first.count * inner.count)
            matrix.withUnsafeMutableBufferPointer { m in
                for i in 0..<docs.count {
                    m[Int(first.keys[i]) &* inner.count &+ Int(inner.keys[i])].add(code: codes[i])
                }
            }
            var rows: [StatsRow] = []
            for k1 in 0..<first.count {
                var children: [StatsRow] = []
                var counts = OutcomeCounts()
                for k2 in 0..<inner.count where matrix[k1 * inner.count + k2].total > 0 {
                    let c = matrix[k1 * inner.count + k2]
                    counts = counts + c
                    children.append(StatsRow(value: k2 == 0 ? nil : inner.name(k2), counts: c, rows: []))
                }
                if counts.total > 0 {
                    rows.append(
                        StatsRow(
                            value: k1 == 0 ? nil : first.name(k1), counts: counts, rows: children.sortedRows(by: second)
                        ))
                }
            }
            return rows.sortedRows(by: field)
        }
        var counts = [OutcomeCounts](repeating: OutcomeCounts(), count: first.count)
        counts.withUnsafeMutableBufferPointer { c in
            for i in 0..<docs.count { c[Int(first.keys[i])].add(code: codes[i]) }
        }
        var parts: [[UInt32]] = []
        var partCodes: [[UInt8]] = []
        if !rest.isEmpty {
            parts = Array(repeating: [], count: first.count)
            partCodes = Array(repeating: [], count: first.count)
            for i in 0..<docs.count {
                parts[Int(first.keys[i])].append(docs[i])
                partCodes[Int(first.keys[i])].append(codes[i])
            }
        }
        var rows: [StatsRow] = []
        for k in 0..<first.count where counts[k].total > 0 {
            rows.append(
                StatsRow(
                    value: k == 0 ? nil : first.name(k), counts: counts[k],
                    rows: rest.isEmpty ? [] : breakdown(parts[k], partCodes[k], rest)))
        }
        return rows.sortedRows(by: field)
    }

    /// A single-valued field's key of every item (0: no value), the number of keys, and their names.
    private func columnKeys(_ docs: [UInt32], _ field: StatsField) -> (
        keys: [Int32], count: Int, name: (Int) -> String?
    ) {
        var keys = [Int32](repeating: 0, count: docs.count)
        let classes = reader.classes
        switch field {
        case .category, .subcategory, .drug:
            let column: ItemClassColumn = field == .category ? .category : field == .subcategory ? .subcategory : .drug
            keys.withUnsafeMutableBufferPointer { k in
                docs.withUnsafeBufferPointer { classes.fill(column, items: $0, into: k.baseAddress!) }
            }
            return (keys, classes.values.count + 1, { classes.value($0) })
        case .year:
            // Years 1900...2199 (no letter states another); anything else counts as no value.
            keys.withUnsafeMutableBufferPointer { k in
                docs.withUnsafeBufferPointer { reader.fillLetters($0, into: k.baseAddress!) }
                for i in 0..<k.count {
                    let y = reader.numericUnchecked(.year, letter: Int(k[i]))
                    k[i] = y >= 1900 && y < 2200 ? y - 1899 : 0
                }
            }
            return (keys, 301, { String($0 + 1899) })
        default:  // priority
            keys.withUnsafeMutableBufferPointer { k in
                docs.withUnsafeBufferPointer { reader.fillLetters($0, into: k.baseAddress!) }
                for i in 0..<k.count {
                    k[i] = Int32(Int(k[i]) < reader.letterCount ? min(reader.priorityCode(letter: Int(k[i])), 3) : 0)
                }
            }
            return (keys, 4, { $0 == 1 ? "standard" : $0 == 2 ? "expedited" : $0 == 3 ? "other" : nil })
        }
    }

    private struct Group {
        var value: String?
        var counts = OutcomeCounts()
        var docs: [UInt32] = []
    }

    /// Counts each value's postings inside the matching items (a terms aggregation).
    private func groupByPostings(_ docs: [UInt32], _ statsField: StatsField, keepDocs: Bool) -> [Group] {
        guard let field = statsField.postingsField else { return [] }
        let count = reader.itemCount
        var member = [UInt64](repeating: 0, count: (count + 63) / 64)
        var covered = [UInt64](repeating: 0, count: (count + 63) / 64)
        for d in docs where Int(d) < count { member[Int(d) >> 6] |= 1 << UInt64(d & 63) }
        var groups: [Group] = []
        let dictionary = reader.dictionary(field)
        // Regions read as the classifier names them ("wrist/hand"), not as their normalised term.
        var display: [String: String] = [:]
        if field == .region {
            for name in TreatmentClassifier.regionNames { display[KeywordValues.normalize(name, for: .region)] = name }
        }
        member.withUnsafeBufferPointer { member in
            covered.withUnsafeMutableBufferPointer { covered in
                dictionary.forEachTerm { ordinal, term in
                    guard let info = dictionary.info(ordinal) else { return true }
                    let value = String(decoding: term, as: UTF8.self)
                    var g = Group(value: display[value] ?? value)
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
        if none.counts.total > 0 { groups.append(none) }
        return groups
    }
}

extension Array where Element == StatsRow {
    /// Years in order; every other field by count, then value; the items without a value last.
    func sortedRows(by field: StatsField) -> [StatsRow] {
        sorted { a, b in
            if (a.value == nil) != (b.value == nil) { return b.value == nil }
            if field == .year { return (a.value ?? "") < (b.value ?? "") }
            if a.counts.total != b.counts.total { return a.counts.total > b.counts.total }
            return (a.value ?? "") < (b.value ?? "")
        }
    }
}
