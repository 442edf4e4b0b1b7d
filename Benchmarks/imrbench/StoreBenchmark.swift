// StoreBenchmark: `imrbench store --corpus DIR [--limit N] [--repeat R]` — the stored-text codec on its
// own: the normalised text of the letters is packed into store blocks as the index does, then every
// block is compressed and decompressed R times; prints the ratio and both speeds (JSON).
import IMRSearch

enum StoreBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let limit = options.int("--limit", 20000)
        let repeatCount = max(1, options.int("--repeat", 3))
        var blocks: [[UInt8]] = []
        var pending: [UInt8] = []
        let files = Array(CorpusWalker(paths: [corpus]).files.prefix(limit))
        let useDictionary = !options.flags.contains("--no-dictionary")
        var samples: [[UInt8]] = []
        if useDictionary {
            let step = max(1, files.count / StoreDictionary.sampleLetters)
            for k in stride(from: 0, to: files.count, by: step).prefix(StoreDictionary.sampleLetters) {
                guard let bytes = try? FileIO.readAll(files[k]) else { continue }
                samples.append(Array(LetterParser.parse(bytes: bytes, file: files[k]).text.utf8))
            }
        }
        let trainClock = Stopwatch()
        let dictionary = StoreDictionary.train(samples: samples)
        let trainSeconds = trainClock.seconds
        let compressor = BlockCompressor(dictionary: dictionary)
        for file in files {
            guard let bytes = try? FileIO.readAll(file) else { continue }
            let text = LetterParser.parse(bytes: bytes, file: file).text
            if !pending.isEmpty && pending.count + text.utf8.count > IndexFormat.storeBlockBytes {
                blocks.append(pending)
                pending.removeAll(keepingCapacity: true)
            }
            pending.append(contentsOf: text.utf8)
        }
        if !pending.isEmpty { blocks.append(pending) }
        let raw = blocks.reduce(0) { $0 + $1.count }
        var compressed: [[UInt8]] = []
        let compressClock = Stopwatch()
        for pass in 0..<repeatCount {
            for block in blocks {
                var out: [UInt8] = []
                block.withUnsafeBytes { compressor.compress($0, to: &out) }
                if pass == 0 { compressed.append(out) }
            }
        }
        let compressSeconds = compressClock.seconds / Double(repeatCount)
        let packed = compressed.reduce(0) { $0 + $1.count }
        var scratch = dictionary + [UInt8](repeating: 0, count: IndexFormat.storeBlockBytes * 4)
        var intact = true
        let decompressClock = Stopwatch()
        for _ in 0..<repeatCount {
            for (k, block) in compressed.enumerated() {
                if scratch.count < dictionary.count + blocks[k].count {
                    scratch = dictionary + [UInt8](repeating: 0, count: blocks[k].count)
                }
                let ok = block.withUnsafeBytes { input in
                    scratch.withUnsafeMutableBytes { window in
                        BlockCompression.decompress(
                            input, prefix: dictionary.count, decompressedSize: blocks[k].count, into: window)
                    }
                }
                intact =
                    intact && ok
                    && scratch[dictionary.count..<(dictionary.count + blocks[k].count)].elementsEqual(blocks[k])
            }
        }
        let decompressSeconds = decompressClock.seconds / Double(repeatCount)
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "store")
        w.field("blocks", blocks.count)
        w.field("raw_bytes", raw)
        w.field("compressed_bytes", packed)
        w.field("ratio", Double(raw) / Double(max(packed, 1)), digits: 2)
        w.field("compress_mb_per_s", Double(raw) / 1_048_576 / max(compressSeconds, 1e-9), digits: 1)
        w.field("decompress_mb_per_s", Double(raw) / 1_048_576 / max(decompressSeconds, 1e-9), digits: 1)
        w.field("dictionary_bytes", dictionary.count)
        w.field("dictionary_train_ms", trainSeconds * 1000, digits: 1)
        w.field("round_trip_ok", intact)
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return intact ? 0 : 1
    }
}
