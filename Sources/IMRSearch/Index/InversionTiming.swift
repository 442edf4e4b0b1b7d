// InversionTiming: times the batch inverter alone on letters already parsed, for `imrbench invert` — the
// build's invert phase without reading, parsing, compression or merging, so a change to the inverter can
// be measured side by side without the page cache's and the disk's noise.

public enum InversionTiming {
    /// Seconds spent adding `records` to inverters of `batchLetters` letters each, and seconds spent
    /// serialising those inverters' runs (the store is compressed without a dictionary, untimed).
    public static func time(_ records: [LetterRecord], batchLetters: Int = IndexFormat.defaultBatchLetters) -> (
        add: Double, serialize: Double
    ) {
        var add = 0.0
        var serialize = 0.0
        var start = 0
        while start < records.count {
            let end = min(records.count, start + batchLetters)
            let inverter = BatchInverter(storeDictionary: [])
            let clock = Stopwatch()
            for k in start..<end { inverter.add(records[k]) }
            add += clock.seconds
            inverter.store.finish()
            let serializeClock = Stopwatch()
            _ = RunFile.serialize(inverter)
            serialize += serializeClock.seconds
            start = end
        }
        return (add, serialize)
    }
}
