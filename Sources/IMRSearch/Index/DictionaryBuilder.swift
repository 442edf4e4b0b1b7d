// DictionaryBuilder: collects each field's sorted terms with their TermInfo records and lays them out as
// front-coded blocks of `blockTerms` terms with a sparse block index (format in docs/FORMAT.md,
// "Term dictionary").
//
//   block      := entry0 entry*           (up to 16 terms)
//   entry0     := varint length | bytes
//   entry      := varint shared prefix length | varint suffix length | suffix bytes
//   blockIndex := u32 offset of each block, relative to the field's first block
//   termInfos  := fixed-size records in term order (40 bytes for text fields, 16 for keyword fields)
//   fields     := per IndexField tag: u32 termCount | u32 blockCount | u64 termsOffset | u64 termsLength
//                 | u64 blockIndexOffset | u64 termInfosOffset           (40 bytes)

final class DictionaryBuilder {
    static let blockTerms = 16
    static let fieldEntrySize = 40

    private(set) var terms = ByteWriter()
    private(set) var blockIndex = ByteWriter()
    private(set) var termInfos = ByteWriter()
    private var fieldEntries: [[UInt64]] = Array(
        repeating: [0, 0, 0, 0, 0, 0], count: IndexField.allCases.count)
    private var currentField = -1
    private var fieldTermsStart = 0
    private var countInField = 0
    private var previous: [UInt8] = []
    private(set) var totalTerms = 0

    private func startField(_ tag: Int) {
        closeField()
        currentField = tag
        fieldTermsStart = terms.count
        countInField = 0
        fieldEntries[tag][2] = UInt64(terms.count)
        fieldEntries[tag][4] = UInt64(blockIndex.count)
        fieldEntries[tag][5] = UInt64(termInfos.count)
    }

    private func closeField() {
        guard currentField >= 0 else { return }
        fieldEntries[currentField][0] = UInt64(countInField)
        fieldEntries[currentField][1] = UInt64(
            (countInField + DictionaryBuilder.blockTerms - 1) / DictionaryBuilder.blockTerms)
        fieldEntries[currentField][3] = UInt64(terms.count - fieldTermsStart)
        currentField = -1
    }

    /// Adds the next term (terms must arrive sorted by field, then bytes).
    func add(field: Int, term: UnsafeRawBufferPointer, info: [UInt8]) {
        if field != currentField {
            for tag in (currentField + 1)...field where tag != field {
                fieldEntries[tag][2] = UInt64(terms.count)
                fieldEntries[tag][4] = UInt64(blockIndex.count)
                fieldEntries[tag][5] = UInt64(termInfos.count)
            }
            startField(field)
        }
        let count = term.count
        if countInField % DictionaryBuilder.blockTerms == 0 {
            blockIndex.u32(UInt32(terms.count - fieldTermsStart))
            VarInt.append(UInt32(count), to: &terms.bytes)
            terms.append(term)
        } else {
            var shared = 0
            let limit = min(previous.count, count)
            previous.withUnsafeBufferPointer { previous in
                while shared < limit && previous[shared] == term[shared] { shared += 1 }
            }
            VarInt.append(UInt32(shared), to: &terms.bytes)
            VarInt.append(UInt32(count - shared), to: &terms.bytes)
            terms.append(UnsafeRawBufferPointer(rebasing: term[shared...]))
        }
        termInfos.append(info)
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: term)
        countInField += 1
        totalTerms += 1
    }

    /// The fields table, after the last term.
    func fieldsTable() -> [UInt8] {
        closeField()
        var w = ByteWriter()
        for entry in fieldEntries {
            w.u32(UInt32(entry[0]))
            w.u32(UInt32(entry[1]))
            w.u64(entry[2])
            w.u64(entry[3])
            w.u64(entry[4])
            w.u64(entry[5])
        }
        return w.bytes
    }
}
