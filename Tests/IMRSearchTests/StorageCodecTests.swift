// The byte codecs of the index file: varints, 128-value bit packing, CRC32C, the block compressor, and
// the bounds-checked reader — round trips, known vectors, and damaged input that must fail cleanly.
import Testing

@testable import IMRSearch

@Suite struct StorageCodecTests {
    @Test func varintsRoundTripAndRejectTruncation() {
        let values: [UInt64] = [0, 1, 127, 128, 255, 300, 16_383, 16_384, 1 << 32, UInt64(UInt32.max), UInt64.max]
        var bytes: [UInt8] = []
        for v in values { VarInt.append(v, to: &bytes) }
        var cursor = 0
        bytes.withUnsafeBufferPointer { b in
            for v in values { #expect(VarInt.read(b.baseAddress!, b.baseAddress! + b.count, &cursor) == v) }
            #expect(cursor == b.count)
            var c = 0
            // Cut inside the last (10-byte) number.
            #expect(VarInt.read(b.baseAddress! + b.count - 10, b.baseAddress! + b.count - 1, &c) == nil)
        }
        let overlong = [UInt8](repeating: 0xFF, count: 11) + [0x01]
        overlong.withUnsafeBufferPointer { b in
            var c = 0
            #expect(VarInt.read(b.baseAddress!, b.baseAddress! + b.count, &c) == nil)
        }
    }

    @Test func varintSkipLandsWhereReadingWould() {
        var rng = SplitMix(seed: 13)
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            let count = Int(rng.next() % 60)
            for _ in 0..<count { VarInt.append(rng.next() >> (rng.next() % 64), to: &bytes) }
            bytes += [0x85, 0x01, 0x7F]  // two more values after the skipped ones
            bytes.withUnsafeBufferPointer { b in
                let base = b.baseAddress!
                for n in 0...count {
                    var cursor = 0
                    for _ in 0..<n { _ = VarInt.read(base, base + b.count, &cursor) }
                    #expect(VarInt.skip(n, in: base, base + b.count, from: 0) == cursor)
                }
                // Past the end: nil, never a read beyond it.
                #expect(VarInt.skip(count + 2, in: base, base + b.count, from: 0) == b.count)
                #expect(VarInt.skip(count + 3, in: base, base + b.count, from: 0) == nil)
            }
        }
    }

    @Test func bitPackingRoundTripsAtEveryWidth() {
        var rng = SplitMix(seed: 5)
        for width in 0...32 {
            let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
            var values = (0..<128).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
            if width > 0 { values[127] = UInt32(truncatingIfNeeded: mask) }  // the widest value at the very end
            let measured = values.withUnsafeBufferPointer { BitPacking.maxBitWidth($0) }
            #expect(measured <= width)
            var packed: [UInt8] = []
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: width, to: &packed) }
            #expect(packed.count == BitPacking.packedByteCount(bitWidth: width))
            var out = [UInt32](repeating: 9, count: 128)
            packed.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { o in
                    BitPacking.unpack(
                        p.baseAddress ?? UnsafePointer(bitPattern: 8)!, bitWidth: width, into: o.baseAddress!)
                }
            }
            #expect(out == values, "width \(width)")
            // The lane layout: value i is in lane i mod 4, whose words interleave with the other lanes'.
            if width > 0 {
                for i in [0, 1, 5, 127] {
                    let lane = i % 4
                    let bit = (i / 4) * width
                    var value: UInt64 = 0
                    for b in 0..<width {
                        let at = bit + b
                        let word = (at / 32) * 16 + lane * 4
                        let byte = packed[word + (at % 32) / 8]
                        value |= UInt64((byte >> UInt8(at % 8)) & 1) << UInt64(b)
                    }
                    #expect(value == UInt64(values[i]), "lane layout of value \(i), width \(width)")
                }
            }
        }
    }

    @Test func theContentHashSeesEveryByteAndTheLength() {
        var rng = SplitMix(seed: 17)
        for length in [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let h = ContentHash.hash(bytes)
            #expect(h != 0)
            #expect(ContentHash.hash(bytes) == h)  // deterministic
            #expect(ContentHash.hash(bytes + [0]) != h)  // a zero byte more is another file
            for k in 0..<length {  // one flipped bit anywhere: in every lane, the words after, the tail
                var changed = bytes
                changed[k] ^= 1 << UInt8(k % 8)
                #expect(ContentHash.hash(changed) != h, "length \(length), byte \(k)")
            }
        }
    }

    @Test func varintSkipFindsTheEndOfTheLastVarint() {
        var rng = SplitMix(seed: 29)
        for _ in 0..<300 {
            let values = (0..<Int(rng.next() % 40)).map { _ in rng.next() >> (rng.next() % 64) }
            var bytes: [UInt8] = []
            var ends: [Int] = [0]
            for v in values {
                VarInt.append(v, to: &bytes)
                ends.append(bytes.count)
            }
            bytes.withUnsafeBufferPointer { b in
                let base = b.baseAddress ?? UnsafePointer(bitPattern: 8)!
                for count in 0...values.count {
                    #expect(VarInt.skip(count, in: base, base + b.count, from: 0) == ends[count])
                }
                #expect(VarInt.skip(values.count + 1, in: base, base + b.count, from: 0) == nil)
                if values.count >= 2 {  // from a later start
                    #expect(VarInt.skip(values.count - 1, in: base, base + b.count, from: ends[1]) == b.count)
                }
            }
        }
    }

    @Test func crc32cMatchesKnownVectorsAndChains() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([]) == 0)
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let whole = CRC32C.checksum(data)
        let chained = CRC32C.checksum(Array(data[300...]), seed: CRC32C.checksum(Array(data[..<300])))
        #expect(whole == chained)
    }

    static func roundTrip(_ input: [UInt8]) -> Bool {
        var compressed: [UInt8] = []
        input.withUnsafeBytes { BlockCompression.compress($0, to: &compressed) }
        var out = [UInt8](repeating: 0, count: input.count)
        let ok = compressed.withUnsafeBytes { c in
            out.withUnsafeMutableBytes { BlockCompression.decompress(c, decompressedSize: input.count, into: $0) }
        }
        return ok && out == input
    }

    @Test func blockCompressionRoundTripsAndCompressesLetters() throws {
        #expect(Self.roundTrip([]))
        #expect(Self.roundTrip([42]))
        #expect(Self.roundTrip([UInt8](repeating: 7, count: 100_000)))
        var rng = SplitMix(seed: 11)
        #expect(Self.roundTrip((0..<70_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        var text: [UInt8] = []
        for file in TestSupport.corpusFiles.prefix(8) { text += try FileIO.readAll(file) }
        #expect(Self.roundTrip(text))
        var compressed: [UInt8] = []
        text.withUnsafeBytes { BlockCompression.compress($0, to: &compressed) }
        #expect(compressed.count * 2 < text.count)  // letters compress at least 2:1
    }

    @Test func blockCompressionKeepsLongRepeatsSmall() throws {
        // Templated letters repeat long passages: the long-match paths (early stop, sparse chain inserts)
        // must still round-trip and find the repeats.
        var rng = SplitMix(seed: 23)
        let letter = try FileIO.readAll(TestSupport.corpusFiles[0])
        var text: [UInt8] = []
        for _ in 0..<12 {
            var copy = Array(letter.prefix(4000))
            for _ in 0..<6 { copy[Int(rng.next() % UInt64(copy.count))] = UInt8(65 + rng.next() % 26) }
            text += copy
        }
        #expect(Self.roundTrip(text))
        var compressed: [UInt8] = []
        text.withUnsafeBytes { BlockCompression.compress($0, to: &compressed) }
        #expect(compressed.count * 6 < text.count)
    }

    @Test func termTableFindsTheSameTermThroughPaddedAndPlainLookups() {
        // The tokenizer path reads whole words past a token's end; keyword lookups do not. Both must hash and
        // compare alike, or one term would get two ids.
        let table = TermTable(capacity: 16)
        var rng = SplitMix(seed: 3)
        var ids: [[UInt8]: Int32] = [:]
        let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { padded.deallocate() }
        for round in 0..<4000 {
            let length = Int(rng.next() % 20)
            let token = (0..<length).map { _ in UInt8(97 + rng.next() % 3) }
            for k in 0..<64 { padded[k] = UInt8(truncatingIfNeeded: rng.next()) }  // junk past the end
            padded.update(from: token, count: length)
            let viaPadded = table.intern(tag: 1, UnsafeBufferPointer(start: padded, count: length), padded: true)
            let viaPlain = token.withUnsafeBufferPointer { table.intern(tag: 1, $0) }
            #expect(viaPadded == viaPlain, "round \(round): \(token)")
            if let known = ids[token] { #expect(known == viaPlain) } else { ids[token] = viaPlain }
            #expect(Array(table.bytes(of: Int(viaPlain)).dropFirst()) == token)
        }
        #expect(table.count == ids.count)
    }

    @Test func termTableTellsApartTagsLengthsAndTailsBehindOneSlotPrefix() {
        // A slot holds the tag, the length (capped at 65,535) and the first 8 bytes; everything else is
        // compared in the arena. Terms equal in all the slot holds must still get ids of their own.
        let table = TermTable(capacity: 4)
        var terms: [(UInt8, [UInt8])] = []
        let stem = Array("lumbarsp".utf8)
        for tag in [UInt8(1), 2, 7] {
            terms.append((tag, stem))
            terms.append((tag, stem + Array("ine".utf8)))
            terms.append((tag, stem + Array("ina".utf8)))
            terms.append((tag, Array(stem.prefix(5))))
        }
        // Two keyword values longer than the length field, alike in their first 8 bytes and their capped
        // length, differing in the last byte or in length.
        let long = [UInt8](repeating: 0x61, count: 70_000)
        terms.append((3, long))
        terms.append((3, long.dropLast() + [0x62]))
        terms.append((3, long + [0x61]))
        var ids: [Int32] = []
        for (tag, bytes) in terms {
            ids.append(bytes.withUnsafeBufferPointer { table.intern(tag: tag, $0) })
        }
        #expect(Set(ids).count == terms.count)
        // The table grew (capacity 4) and every term is still found under its own id.
        for (k, (tag, bytes)) in terms.enumerated() {
            #expect(bytes.withUnsafeBufferPointer { table.intern(tag: tag, $0) } == ids[k])
            let stored = Array(table.bytes(of: Int(ids[k]))) == [tag] + bytes  // a Bool: 70 kB would flood a failure
            #expect(stored, "term \(k)")
        }
        #expect(table.count == terms.count)
    }

    @Test func postingsPoolStreamsReadBackInOrder() {
        // Many interleaved streams of random lengths cross slice and chunk boundaries.
        let pool = PostingsPool()
        var expected: [[UInt8]] = []
        var rng = SplitMix(seed: 31)
        for _ in 0..<300 {
            pool.addStream()
            expected.append([])
        }
        var scratch = [UInt8](repeating: 0, count: 150_000)
        for _ in 0..<30_000 {
            let s = Int(rng.next() % 300)
            let n = s == 7 ? 1 + Int(rng.next() % 150_000) : Int(rng.next() % 40)
            for k in 0..<n { scratch[k] = UInt8(truncatingIfNeeded: rng.next()) }
            scratch.withUnsafeBufferPointer { pool.append(s, $0.baseAddress!, n) }
            expected[s] += scratch[0..<n]
        }
        #expect(expected[7].count > PostingsPool.chunkBytes)
        for s in 0..<300 {
            var got: [UInt8] = []
            pool.forEachPiece(of: s) { got += $0 }
            #expect(got == expected[s])
            #expect(pool.byteCount(s) == expected[s].count)
        }
    }

    /// Compresses `input` against `dictionary` and decompresses it in a window that starts with it.
    static func roundTrip(_ input: [UInt8], dictionary: [UInt8], compressor: BlockCompressor? = nil) -> (Bool, Int) {
        var compressed: [UInt8] = []
        let compressor = compressor ?? BlockCompressor(dictionary: dictionary)
        input.withUnsafeBytes { compressor.compress($0, to: &compressed) }
        var window = dictionary + [UInt8](repeating: 0, count: input.count)
        let ok = compressed.withUnsafeBytes { c in
            window.withUnsafeMutableBytes {
                BlockCompression.decompress(c, prefix: dictionary.count, decompressedSize: input.count, into: $0)
            }
        }
        return (
            ok && Array(window[dictionary.count...]) == input && Array(window[..<dictionary.count]) == dictionary,
            compressed.count
        )
    }

    @Test func aPresetDictionaryRoundTripsAndShrinksLetters() throws {
        let texts = try TestSupport.corpusFiles.prefix(40).map {
            Array(LetterParser.parse(bytes: try FileIO.readAll($0), file: $0).text.utf8)
        }
        let dictionary = StoreDictionary.train(samples: Array(texts.prefix(20)))
        #expect(dictionary.count > 1000 && dictionary.count <= BlockCompression.maxDictionaryBytes)
        #expect(StoreDictionary.train(samples: Array(texts.prefix(20))) == dictionary)  // deterministic
        // One compressor for many blocks (its tables carried over) gives what a fresh one gives.
        let shared = BlockCompressor(dictionary: dictionary)
        var plain = 0
        var primed = 0
        for text in texts.suffix(20) {
            let (ok, size) = Self.roundTrip(text, dictionary: dictionary, compressor: shared)
            #expect(ok)
            #expect(size == Self.roundTrip(text, dictionary: dictionary).1)
            var alone: [UInt8] = []
            text.withUnsafeBytes { BlockCompression.compress($0, to: &alone) }
            plain += alone.count
            primed += size
        }
        #expect(primed * 10 < plain * 9)  // letters the dictionary never saw: at least 10% smaller
        // Edge cases: empty and tiny blocks, a block longer than the window, incompressible bytes.
        var rng = SplitMix(seed: 5)
        #expect(Self.roundTrip([], dictionary: dictionary).0)
        #expect(Self.roundTrip([7], dictionary: dictionary).0)
        #expect(Self.roundTrip(Array(dictionary.prefix(500)), dictionary: dictionary).0)
        #expect(Self.roundTrip(texts.suffix(12).flatMap { $0 }, dictionary: dictionary, compressor: shared).0)
        #expect(Self.roundTrip((0..<9000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, dictionary: dictionary).0)
        // A dictionary longer than the limit keeps its last bytes; decompressing with the wrong dictionary
        // gives other bytes or fails, never a crash.
        let long = [UInt8](repeating: 65, count: BlockCompression.maxDictionaryBytes) + dictionary
        #expect(
            Self.roundTrip(
                texts[25], dictionary: Array(long.suffix(BlockCompression.maxDictionaryBytes)),
                compressor: BlockCompressor(dictionary: long)
            ).0)
        var compressed: [UInt8] = []
        texts[30].withUnsafeBytes { shared.compress($0, to: &compressed) }
        var window = [UInt8](repeating: 0, count: texts[30].count)
        let withoutDictionary = compressed.withUnsafeBytes { c in
            window.withUnsafeMutableBytes {
                BlockCompression.decompress(c, decompressedSize: texts[30].count, into: $0)
            }
        }
        #expect(!withoutDictionary)  // offsets into a dictionary that is not there are refused
    }

    @Test func decodingCanStopAfterThePartWanted() throws {
        let text = Array(try FileIO.readAll(TestSupport.corpusFiles[1]).prefix(30_000))
        let dictionary = Array(text.prefix(2_000))
        var compressed: [UInt8] = []
        text.withUnsafeBytes { BlockCompressor(dictionary: dictionary).compress($0, to: &compressed) }
        for wanted in [1, 100, 4_096, 29_999, 30_000, 40_000] {
            var window = dictionary + [UInt8](repeating: 0, count: text.count)
            let ok = compressed.withUnsafeBytes { c in
                window.withUnsafeMutableBytes {
                    BlockCompression.decompress(
                        c, prefix: dictionary.count, decompressedSize: text.count, into: $0, stopAfter: wanted)
                }
            }
            let n = min(wanted, text.count)
            #expect(ok)
            #expect(Array(window[dictionary.count..<(dictionary.count + n)]) == Array(text.prefix(n)))
        }
        // Damage past the part wanted is not seen; damage inside it is.
        var damaged = compressed
        damaged.removeLast(damaged.count / 2)
        var window = dictionary + [UInt8](repeating: 0, count: text.count)
        let early = damaged.withUnsafeBytes { c in
            window.withUnsafeMutableBytes {
                BlockCompression.decompress(
                    c, prefix: dictionary.count, decompressedSize: text.count, into: $0, stopAfter: 100)
            }
        }
        let whole = damaged.withUnsafeBytes { c in
            window.withUnsafeMutableBytes {
                BlockCompression.decompress(c, prefix: dictionary.count, decompressedSize: text.count, into: $0)
            }
        }
        #expect(early && !whole)
    }

    @Test func dictionaryTrainingKeepsSharedPiecesOnly() {
        // A long line (a paragraph) is cut into sentences: its shared sentences are kept, its unique one not.
        let shared = "This is the boilerplate sentence every letter carries, word for word, in every case. "
        let samples = (0..<6).map { k in
            Array(
                (shared + "Case number CM\(1000 + k) is unique to letter \(k). " + shared.uppercased() + "\n"
                    + "Common line of the template\n").utf8)
        }
        let dictionary = StoreDictionary.train(samples: samples)
        let text = String(decoding: dictionary, as: UTF8.self)
        #expect(text.contains(shared))
        #expect(text.contains(shared.uppercased()))
        #expect(text.contains("Common line of the template"))
        #expect(!text.contains("CM1000"))
        #expect(StoreDictionary.train(samples: [samples[0]]).isEmpty)  // one sample shares nothing
        #expect(StoreDictionary.train(samples: samples, capacity: 40).count <= 40)
    }

    @Test func damagedCompressedBlocksFailWithoutCrashing() throws {
        let text = Array(try FileIO.readAll(TestSupport.corpusFiles[0]).prefix(20_000))
        var compressed: [UInt8] = []
        text.withUnsafeBytes { BlockCompression.compress($0, to: &compressed) }
        var rng = SplitMix(seed: 3)
        var failures = 0
        for round in 0..<400 {
            var damaged = compressed
            if round % 3 == 0 {
                damaged.removeLast(Int(rng.next() % UInt64(damaged.count)))
            } else {
                for _ in 0..<(1 + round % 5) {
                    damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            var out = [UInt8](repeating: 0, count: text.count)
            let ok = damaged.withUnsafeBytes { c in
                out.withUnsafeMutableBytes { BlockCompression.decompress(c, decompressedSize: text.count, into: $0) }
            }
            if !ok { failures += 1 }
        }
        #expect(failures > 200)  // most damage is detected; none crashes (the rest decodes to some bytes)
        let junk = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var out = [UInt8](repeating: 0, count: 64)
        _ = junk.withUnsafeBytes { c in
            out.withUnsafeMutableBytes { BlockCompression.decompress(c, decompressedSize: 64, into: $0) }
        }
    }

    @Test func byteReaderRejectsEveryOutOfBoundsRead() {
        let bytes: [UInt8] = [1, 0, 0, 0, 2, 0, 0, 0, 3]
        bytes.withUnsafeBytes { raw in
            let r = ByteReader(raw)
            #expect(r.u32(at: 0) == 1 && r.u32(at: 4) == 2 && r.u8(at: 8) == 3)
            #expect(r.u64(at: 1) == 0x0300_0000_0200_0000)
            #expect(r.u32(at: 6) == nil && r.u64(at: 2) == nil && r.u8(at: 9) == nil)
            #expect(r.u32(at: -1) == nil && r.u16(at: Int.max) == nil && r.u64(at: Int.max - 3) == nil)
            #expect(r.slice(at: 2, count: 7)?.count == 7)
            #expect(r.slice(at: 2, count: 8) == nil && r.slice(at: 1, count: Int.max) == nil)
            #expect(r.slice(at: -1, count: 1) == nil && r.slice(at: 0, count: -1) == nil)
        }
    }
}
