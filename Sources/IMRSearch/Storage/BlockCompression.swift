// BlockCompression: an LZ77 block codec in the shape of LZ4's block format, written for the stored letter
// text. A block is a sequence of
//   token (u8: literal count in the high nibble, match length − 4 in the low; 15 = more length bytes)
//   [literal length bytes: 255, 255, ..., last < 255] literals
//   u16 offset (1...65535, back from the current output position) [match length bytes]
// and ends with a sequence that has literals only. Compression is greedy over hash chains of 5-byte prefixes;
// decompression checks every length and offset, so damaged input returns false and never reads or writes
// outside its buffers.

public enum BlockCompression {
    static let minMatch = 4
    static let hashBits = 15
    /// Candidates compared per position (hash-chain depth).
    static let maxProbes = 12
    /// A match this long ends the search at once: a longer one would save little.
    static let goodEnoughLength = 64
    /// Positions at each end of a long match that still enter the hash chains.
    static let sparseInsertTail = 8

    @inline(__always)
    private static func hash(_ v: UInt64) -> Int {
        Int(truncatingIfNeeded: ((v << 24) &* 0xCF1B_BCDC_B7A5_6463) >> UInt64(64 - hashBits))
    }

    private static func appendLength(_ length: Int, to output: inout [UInt8]) {
        var rest = length
        while rest >= 255 {
            output.append(255)
            rest -= 255
        }
        output.append(UInt8(rest))
    }

    /// Appends the compressed form of `input` to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let n = input.count
        guard let base = input.baseAddress, n > 0 else {
            output.append(0)
            return
        }
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        var anchor = 0
        var i = 0
        // Positions are hashed on their next 5 bytes (8 are loaded): the last 8 bytes stay literals.
        let limit = n - 8
        func emit(literalsEnd: Int, matchLength: Int, offset: Int) {
            let literals = literalsEnd - anchor
            let litNibble = min(literals, 15)
            let matchNibble = matchLength == 0 ? 0 : min(matchLength - minMatch, 15)
            output.append(UInt8(litNibble << 4 | matchNibble))
            if literals >= 15 { appendLength(literals - 15, to: &output) }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[anchor..<literalsEnd]))
            if matchLength > 0 {
                output.append(UInt8(truncatingIfNeeded: offset))
                output.append(UInt8(truncatingIfNeeded: offset >> 8))
                if matchLength - minMatch >= 15 { appendLength(matchLength - minMatch - 15, to: &output) }
            }
        }
        // Hash chains: `head` holds the latest position of each hash, `chain` the previous position with
        // the same hash (64 KiB window); up to `maxProbes` candidates are compared, the longest match wins.
        var chain = [Int32](repeating: -1, count: 1 << 16)
        table.withUnsafeMutableBufferPointer { head in
            chain.withUnsafeMutableBufferPointer { chain in
                @inline(__always) func insert(_ p: Int) {
                    let h = hash(base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                    chain[p & 0xFFFF] = head[h]
                    head[h] = Int32(p)
                }
                @inline(__always) func matchLength(_ a: Int, _ b: Int) -> Int {
                    var length = 0
                    while a + length + 8 <= n {
                        let x = base.loadUnaligned(fromByteOffset: a + length, as: UInt64.self)
                        let y = base.loadUnaligned(fromByteOffset: b + length, as: UInt64.self)
                        if x != y { return length + (x ^ y).trailingZeroBitCount / 8 }
                        length += 8
                    }
                    while a + length < n
                        && base.load(fromByteOffset: a + length, as: UInt8.self)
                            == base.load(fromByteOffset: b + length, as: UInt8.self)
                    {
                        length += 1
                    }
                    return length
                }
                var inserted = 0
                while i <= limit {
                    while inserted < i {
                        insert(inserted)
                        inserted += 1
                    }
                    let h = hash(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    var candidate = Int(head[h])
                    var bestLength = 0
                    var bestOffset = 0
                    var probes = 0
                    while candidate >= 0 && i - candidate <= 65535 && probes < maxProbes {
                        // A candidate can only win if it also matches at the best length so far.
                        if bestLength == 0 || i + bestLength >= n
                            || base.load(fromByteOffset: candidate + bestLength, as: UInt8.self)
                                == base.load(fromByteOffset: i + bestLength, as: UInt8.self)
                        {
                            let length = matchLength(i, candidate)
                            if length > bestLength {
                                bestLength = length
                                bestOffset = i - candidate
                                if length >= goodEnoughLength { break }
                            }
                        }
                        let next = Int(chain[candidate & 0xFFFF])
                        if next >= candidate { break }
                        candidate = next
                        probes += 1
                    }
                    if bestLength >= minMatch {
                        emit(literalsEnd: i, matchLength: bestLength, offset: bestOffset)
                        if bestLength > 2 * sparseInsertTail {
                            // Inside a long match only its first and last positions enter the chains.
                            while inserted < i + sparseInsertTail {
                                insert(inserted)
                                inserted += 1
                            }
                            inserted = i + bestLength - sparseInsertTail
                        }
                        i += bestLength
                        anchor = i
                    } else {
                        i += 1
                    }
                }
            }
        }
        emit(literalsEnd: n, matchLength: 0, offset: 0)
    }

    /// Decompresses `input` into exactly `decompressedSize` bytes of `output`.
    /// Returns false on any malformed input (and then `output`'s content is unspecified).
    public static func decompress(
        _ input: UnsafeRawBufferPointer, decompressedSize: Int,
        into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard decompressedSize >= 0, decompressedSize <= output.count else { return false }
        guard let src = input.baseAddress else { return decompressedSize == 0 }
        let n = input.count
        var ip = 0
        var op = 0
        func readLength(_ start: Int) -> Int? {
            var length = start
            while true {
                guard ip < n else { return nil }
                let b = Int(src.load(fromByteOffset: ip, as: UInt8.self))
                ip += 1
                length += b
                if length > 1 << 30 { return nil }
                if b < 255 { return length }
            }
        }
        while ip < n {
            let token = Int(src.load(fromByteOffset: ip, as: UInt8.self))
            ip += 1
            var literals = token >> 4
            if literals == 15 {
                guard let l = readLength(15) else { return false }
                literals = l
            }
            guard literals <= n - ip, literals <= decompressedSize - op else { return false }
            if literals > 0, let dst = output.baseAddress {
                (dst + op).copyMemory(from: src + ip, byteCount: literals)
            }
            ip += literals
            op += literals
            if ip == n { break }  // the last sequence has literals only
            guard ip + 2 <= n else { return false }
            let offset =
                Int(src.load(fromByteOffset: ip, as: UInt8.self))
                | Int(src.load(fromByteOffset: ip + 1, as: UInt8.self)) << 8
            ip += 2
            var length = (token & 15) + minMatch
            if token & 15 == 15 {
                guard let l = readLength(length) else { return false }
                length = l
            }
            guard offset >= 1, offset <= op, length <= decompressedSize - op, let dst = output.baseAddress
            else {
                return false
            }
            if offset >= length {
                (dst + op).copyMemory(from: dst + op - offset, byteCount: length)
            } else {
                for k in 0..<length {
                    dst.storeBytes(
                        of: dst.load(fromByteOffset: op - offset + k, as: UInt8.self), toByteOffset: op + k,
                        as: UInt8.self)
                }
            }
            op += length
        }
        return op == decompressedSize
    }
}
