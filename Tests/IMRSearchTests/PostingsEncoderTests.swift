// The merge's postings encoder on its own: a term of two full blocks and a tail, read back by hand along
// docs/FORMAT.md ("Postings", "Positions") — skip entries, bit-packed blocks, impacts, block maxima, the
// varint tail and the positions copied through — so a change of the encoder cannot drift from the format.
import Testing

@testable import IMRSearch

@Suite struct PostingsEncoderTests {
    /// A text term of `count` documents with frequencies in 3 columns and position bytes per document.
    struct TextTerm {
        var docs: [UInt32] = []
        var tfs: [UInt32] = []
        var positions: [[UInt8]] = []
        var scores: [Float] = []
    }

    static func makeTextTerm(count: Int, seed: UInt64) -> TextTerm {
        var rng = SplitMix(seed: seed)
        var term = TextTerm()
        var doc: UInt32 = 0
        for i in 0..<count {
            // Mostly small gaps, now and then a wide one (wider bit widths in a block).
            doc += i % 37 == 5 ? 70_000 + UInt32(rng.next() % 1000) : 1 + UInt32(rng.next() % 9)
            term.docs.append(doc)
            var bytes: [UInt8] = []
            for c in 0..<3 {
                let tf: UInt32 = i % 53 == 7 && c == 1 ? 300 : UInt32(rng.next() % 4)
                term.tfs.append(c == 0 && tf == 0 && i % 2 == 0 ? 1 : tf)
                for _ in 0..<term.tfs.last! { VarInt.append(UInt32(rng.next() % 5000), to: &bytes) }
            }
            term.positions.append(bytes)
            term.scores.append(Float(rng.next() % 10_000) / 100)
        }
        return term
    }

    /// Loads `term` into a `DecodedTerm`; its position bytes are copied to `positionBytes` (room for all of
    /// them), which must outlive the encoding.
    static func decoded(_ term: TextTerm, columns: Int, positionBytes: UnsafeMutableRawPointer?) -> DecodedTerm {
        let d = DecodedTerm()
        let first = d.grow(by: term.docs.count)
        var offset = 0
        for i in 0..<term.docs.count {
            d.docs[first + i] = term.docs[i]
            for c in 0..<columns { d.tfs[(first + i) * columns + c] = term.tfs[i * 3 + c] }
            if columns > 0, let positionBytes {
                let bytes = term.positions[i]
                bytes.withUnsafeBytes {
                    (positionBytes + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count)
                }
                d.positionStarts[first + i] = UnsafeRawPointer(positionBytes + offset)
                d.positionLengths[first + i] = UInt32(bytes.count)
                offset += bytes.count
            }
        }
        return d
    }

    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }

    @Test func textPostingsReadBackAlongTheFormat() throws {
        let count = 2 * IndexFormat.blockSize + 45
        let term = Self.makeTextTerm(count: count, seed: 11)
        let positionBytes = UnsafeMutableRawPointer.allocate(
            byteCount: term.positions.reduce(1) { $0 + $1.count }, alignment: 8)
        defer { positionBytes.deallocate() }
        let norms = (0..<(Int(term.docs.last!) + 1) * 3).map { UInt8(truncatingIfNeeded: $0 * 7 % 200) }
        let postings = RawByteBuffer(capacity: 16)
        let positions = RawByteBuffer(capacity: 16)
        postings.u32(0xDEAD_BEEF)  // earlier terms' bytes stay as they are
        let d = Self.decoded(term, columns: 3, positionBytes: positionBytes)
        for i in 0..<count { d.scores[i] = term.scores[i] }
        d.hasScores = true
        let maxScore = norms.withUnsafeBufferPointer { n in
            PostingsEncoder.encode(
                d, columns: 3, norms: .init(base: n.baseAddress, stride: 3), postings: postings, positions: positions)
        }
        #expect(maxScore == term.scores.max())
        let all = postings.array
        #expect(Self.u32(all, 0) == 0xDEAD_BEEF)
        let b = Array(all[4...])
        let fullBlocks = count / IndexFormat.blockSize
        let skipSize = PostingsEncoder.skipEntrySize
        let tailOffset = Int(Self.u32(b, fullBlocks * skipSize))
        let tailPositions = Int(Self.u32(b, fullBlocks * skipSize + 4))
        var expectedPositions: [UInt8] = []
        var previous: UInt32 = 0
        for block in 0..<fullBlocks {
            let e = block * skipSize
            let range = (block * 128)..<((block + 1) * 128)
            #expect(Self.u32(b, e) == term.docs[range.last!])
            #expect(Int(Self.u32(b, e + 8)) == expectedPositions.count)
            #expect(Float(bitPattern: Self.u32(b, e + 12)) == term.scores[range].max())
            var o = Int(Self.u32(b, e + 4))
            var values = [UInt32](repeating: 0, count: 128)
            let docBits = Int(b[e + 16])
            b.withUnsafeBufferPointer { p in
                values.withUnsafeMutableBufferPointer {
                    BitPacking.unpack(p.baseAddress! + o, bitWidth: docBits, into: $0.baseAddress!)
                }
            }
            o += 16 * docBits
            for (k, i) in range.enumerated() {
                #expect(values[k] == term.docs[i] - previous)
                previous = term.docs[i]
            }
            for c in 0..<3 {
                let bits = Int(b[e + 17 + c])
                b.withUnsafeBufferPointer { p in
                    values.withUnsafeMutableBufferPointer {
                        BitPacking.unpack(p.baseAddress! + o, bitWidth: bits, into: $0.baseAddress!)
                    }
                }
                o += 16 * bits
                let tfs = range.map { term.tfs[$0 * 3 + c] }
                #expect(values == tfs, "block \(block) column \(c)")
                #expect(b[e + PostingsEncoder.maxTfOffset + c] == UInt8(min(tfs.max()!, 255)))
                let held = range.filter { term.tfs[$0 * 3 + c] > 0 }.map { norms[Int(term.docs[$0]) * 3 + c] }
                #expect(b[e + PostingsEncoder.minNormOffset + c] == (held.min() ?? 255))
            }
            for i in range { expectedPositions += term.positions[i] }
            if block + 1 < fullBlocks {
                #expect(Int(Self.u32(b, e + skipSize + 4)) == o)
            } else {
                #expect(tailOffset == o)
            }
        }
        #expect(tailPositions == expectedPositions.count)
        // The tail: varint doc delta, then the three frequencies, per document.
        var cursor = tailOffset
        b.withUnsafeBufferPointer { p in
            let end = p.baseAddress! + p.count
            for i in (fullBlocks * 128)..<count {
                #expect(VarInt.read(p.baseAddress!, end, &cursor) == UInt64(term.docs[i] - previous))
                previous = term.docs[i]
                for c in 0..<3 { #expect(VarInt.read(p.baseAddress!, end, &cursor) == UInt64(term.tfs[i * 3 + c])) }
            }
        }
        #expect(cursor == b.count)
        for i in (fullBlocks * 128)..<count { expectedPositions += term.positions[i] }
        #expect(positions.array == expectedPositions)
    }

    @Test func keywordPostingsHaveDocumentsOnly() {
        let count = IndexFormat.blockSize + 3
        let term = Self.makeTextTerm(count: count, seed: 3)
        let postings = RawByteBuffer(capacity: 16)
        let positions = RawByteBuffer(capacity: 16)
        let maxScore = PostingsEncoder.encode(
            Self.decoded(term, columns: 0, positionBytes: nil), columns: 0, postings: postings, positions: positions)
        #expect(maxScore == 0)
        #expect(positions.count == 0)
        let b = postings.array
        let skipSize = PostingsEncoder.skipEntrySize
        // The skip entry: last document, offsets, no score, doc bits, and zeros for every column field.
        #expect(Self.u32(b, 0) == term.docs[127])
        #expect(Self.u32(b, 12) == 0)
        #expect(b[17..<skipSize].allSatisfy { $0 == 0 })
        let docBits = Int(b[16])
        var values = [UInt32](repeating: 0, count: 128)
        b.withUnsafeBufferPointer { p in
            values.withUnsafeMutableBufferPointer {
                BitPacking.unpack(p.baseAddress! + Int(Self.u32(b, 4)), bitWidth: docBits, into: $0.baseAddress!)
            }
        }
        var previous: UInt32 = 0
        for i in 0..<128 {
            #expect(values[i] == term.docs[i] - previous)
            previous = term.docs[i]
        }
        let tailOffset = Int(Self.u32(b, skipSize))
        #expect(tailOffset == skipSize + 8 + 16 * docBits)
        var cursor = tailOffset
        b.withUnsafeBufferPointer { p in
            for i in 128..<count {
                #expect(
                    VarInt.read(p.baseAddress!, p.baseAddress! + p.count, &cursor) == UInt64(term.docs[i] - previous))
                previous = term.docs[i]
            }
        }
        #expect(cursor == b.count)
    }
}
