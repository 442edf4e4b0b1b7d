// ItemClassColumns: the per-item taxonomy columns of the index (section `item classes`): for every item
// the ids of its category, its "Category / Subcategory" path and its generic drug name, in a table of
// display strings. `imrsearch stats` groups by these columns with one load per matching item.
//
// Build side: `ItemClassTable` numbers the values of one batch (0 = none); the merge unites the tables of
// all batches into one table sorted by bytes (so the ids never depend on batching or threads) and remaps
// each run's ids. Read side: `ItemClassReader` over the section (layout in docs/FORMAT.md).

/// The columns of the `item classes` section, in their order.
public enum ItemClassColumn: Int, CaseIterable, Sendable {
    case category = 0
    /// "Category / Subcategory", or the category alone when it has no subcategories.
    case subcategory = 1
    case drug = 2
}

/// The value table and id columns of one build batch.
final class ItemClassTable {
    private(set) var values: [String] = []
    private var ids: [String: UInt16] = [:]
    /// Per column, one id per item (0 = none, else 1 + index in `values`).
    private(set) var columns: [[UInt16]] = Array(repeating: [], count: ItemClassColumn.allCases.count)

    /// Appends one item's class.
    func add(_ treatmentClass: TreatmentClass) {
        let category = treatmentClass.category
        let path = category.map { c in treatmentClass.subcategory.map { c + " / " + $0 } ?? c }
        columns[0].append(id(category))
        columns[1].append(id(path))
        columns[2].append(id(treatmentClass.drug))
    }

    private func id(_ value: String?) -> UInt16 {
        guard let value, !value.isEmpty else { return 0 }
        if let known = ids[value] { return known }
        // The taxonomy holds a few hundred values; an unexpected flood is capped rather than wrapped.
        guard values.count < Int(UInt16.max) - 1 else { return 0 }
        values.append(value)
        let id = UInt16(values.count)
        ids[value] = id
        return id
    }

    /// The run-file form: `u32 valueCount | (u32 length | bytes) × valueCount | u16 ids [column][item]`.
    func serialize(into w: inout ByteWriter) {
        w.u32(UInt32(values.count))
        for value in values {
            let bytes = Array(value.utf8)
            w.u32(UInt32(bytes.count))
            w.append(bytes)
        }
        for column in columns { for id in column { w.u16(id) } }
    }
}

/// Unites the batches' value tables and writes the index section.
struct ItemClassMerger {
    /// Reads a run's table; nil when it is damaged.
    static func runTable(_ bytes: UnsafeRawBufferPointer, items: Int) -> (values: [String], idsAt: Int)? {
        let r = ByteReader(bytes)
        guard let count = r.u32(at: 0) else { return nil }
        var values: [String] = []
        var o = 4
        for _ in 0..<count {
            guard let length = r.u32(at: o), let s = r.slice(at: o + 4, count: Int(length)) else { return nil }
            values.append(String(decoding: s, as: UTF8.self))
            o += 4 + Int(length)
        }
        guard o + items * 2 * ItemClassColumn.allCases.count <= r.count else { return nil }
        return (values, o)
    }

    /// The section bytes: `u32 valueCount | u32 valueOffset[valueCount + 1] | value bytes | pad to 2 |
    /// u16 ids[column][items]` for the runs in order.
    static func section(runs: [(bytes: UnsafeRawBufferPointer, items: Int, name: String)]) throws -> [UInt8] {
        var tables: [(values: [String], idsAt: Int)] = []
        var all = Set<String>()
        for run in runs {
            guard let table = runTable(run.bytes, items: run.items) else {
                throw RunFileError(path: run.name, detail: "item class table is damaged")
            }
            tables.append(table)
            all.formUnion(table.values)
        }
        let sorted = all.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var global: [String: UInt16] = [:]
        for (k, v) in sorted.enumerated() { global[v] = UInt16(k + 1) }
        var w = ByteWriter()
        w.u32(UInt32(sorted.count))
        var offset: UInt32 = 0
        w.u32(0)
        for v in sorted {
            offset += UInt32(v.utf8.count)
            w.u32(offset)
        }
        for v in sorted { w.append(Array(v.utf8)) }
        if w.count % 2 == 1 { w.append([0]) }
        for column in 0..<ItemClassColumn.allCases.count {
            for (r, run) in runs.enumerated() {
                let table = tables[r]
                let remap = [UInt16(0)] + table.values.map { global[$0]! }
                let base = table.idsAt + column * run.items * 2
                for i in 0..<run.items {
                    let local = Int(
                        UInt16(littleEndian: run.bytes.loadUnaligned(fromByteOffset: base + i * 2, as: UInt16.self)))
                    w.u16(local < remap.count ? remap[local] : 0)
                }
            }
        }
        return w.bytes
    }
}

/// Reads the `item classes` section. Ids read from the file are checked against the table on use.
public struct ItemClassReader: @unchecked Sendable {
    /// The display strings; id k stands for `values[k - 1]`, id 0 for none.
    public let values: [String]
    private let ids: UnsafeRawBufferPointer
    private let items: Int

    /// Nil when the section does not have the size its value table and the item count imply.
    init?(_ bytes: UnsafeRawBufferPointer, items: Int) {
        let r = ByteReader(bytes)
        guard let count = r.u32(at: 0), Int(count) < Int(UInt16.max) else { return nil }
        let n = Int(count)
        guard let poolLength = r.u32(at: 4 + n * 4) else { return nil }
        let poolStart = 4 + (n + 1) * 4
        var values: [String] = []
        values.reserveCapacity(n)
        var previous: UInt32 = 0
        for k in 0..<n {
            guard let start = r.u32(at: 4 + k * 4), let end = r.u32(at: 8 + k * 4), start == previous,
                start <= end, end <= poolLength,
                let s = r.slice(at: poolStart + Int(start), count: Int(end - start))
            else { return nil }
            values.append(String(decoding: s, as: UTF8.self))
            previous = end
        }
        var idsStart = poolStart + Int(poolLength)
        if idsStart % 2 == 1 { idsStart += 1 }
        guard r.count == idsStart + items * 2 * ItemClassColumn.allCases.count,
            let slice = r.slice(at: idsStart, count: items * 2 * ItemClassColumn.allCases.count)
        else { return nil }
        self.values = values
        ids = slice
        self.items = items
    }

    /// The id of an item's value in `column` (0: none; an out-of-table id reads as none).
    @inline(__always)
    public func id(_ column: ItemClassColumn, item: Int) -> Int {
        guard item >= 0 && item < items else { return 0 }
        let id = Int(
            UInt16(
                littleEndian: ids.loadUnaligned(
                    fromByteOffset: (column.rawValue &* items &+ item) &* 2, as: UInt16.self)))
        return id <= values.count ? id : 0
    }

    /// The ids of `items` in `column`, written to `keys` (an out-of-table id reads as none).
    func fill(
        _ column: ItemClassColumn, items docs: UnsafeBufferPointer<UInt32>, into keys: UnsafeMutablePointer<Int32>
    ) {
        let base = column.rawValue &* items
        let limit = values.count
        for (k, doc) in docs.enumerated() {
            let item = Int(doc)
            guard item < items else {
                keys[k] = 0
                continue
            }
            let id = Int(UInt16(littleEndian: ids.loadUnaligned(fromByteOffset: (base &+ item) &* 2, as: UInt16.self)))
            keys[k] = Int32(id <= limit ? id : 0)
        }
    }

    /// The display string of an id; nil for 0.
    public func value(_ id: Int) -> String? { id > 0 && id <= values.count ? values[id - 1] : nil }

    /// How many ids are out of the table (for `verify`).
    func invalidIDs() -> Int {
        var bad = 0
        for c in 0..<ItemClassColumn.allCases.count * items {
            let id = Int(UInt16(littleEndian: ids.loadUnaligned(fromByteOffset: c * 2, as: UInt16.self)))
            if id > values.count { bad += 1 }
        }
        return bad
    }
}
