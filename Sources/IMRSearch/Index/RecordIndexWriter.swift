// RecordIndexWriter: writes an index file from letters already parsed, in this thread — the small images
// of a delta file (the letters an update adds, and the base letters it removes). The same inverter, run
// format and merger as a full build, batch by batch in file order, so a letter is indexed to the same
// terms, lengths and columns whichever way it enters an index.

enum RecordIndexWriter {
    /// Writes the index of `records` (in file order) to `destination`; `scratch` is a folder for merge
    /// spill files; stored texts are compressed against `storeDictionary`.
    static func write(
        _ records: [LetterRecord], to destination: String, scratch: String, storeDictionary: [UInt8]
    ) throws {
        var runs: [RunReader] = []
        var start = 0
        repeat {
            let end = min(records.count, start + IndexFormat.defaultBatchLetters)
            let inverter = BatchInverter(storeDictionary: storeDictionary)
            for k in start..<end { inverter.add(records[k]) }
            runs.append(try RunReader(buffer: RunFile.serialize(inverter), name: "run of \(destination)"))
            start = end
        } while start < records.count
        let output = try SectionedFileWriter(destination: destination)
        _ = try IndexMerger(
            runs: runs, output: output, scratchDirectory: scratch, jobs: 1, storeDictionary: storeDictionary
        ).merge()
        try output.commit(durable: false)  // a scratch image: the delta file that holds it is fsynced
    }
}
