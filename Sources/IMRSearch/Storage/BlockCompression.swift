// BlockCompression: an LZ77 block codec in the shape of LZ4's block format, written for the stored letter
// text. A block is a sequence of
//   token (u8: literal count in the high nibble, match length − 4 in the low; 15 = more length bytes)
//   [literal length bytes: 255, 255, ..., last < 255] literals
//   u16 offset (1...65535, back from the current output position) [match length bytes]
// and ends with a sequence that has literals only. Compression is greedy with a 4-byte hash table;
// decompression checks every length and offset, so damaged input returns false and never reads or writes
// outside its buffers.

public enum BlockCompression {
    static let minMatch = 4
    static let hashBits = 14

    @inline(__always)
    private static func hash(_ v: UInt32) -> Int {
        Int((v &* 2_654_435_761) >> UInt32(32 - hashBits))
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
        let limit = n - minMatch
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
        table.withUnsafeMutableBufferPointer { table in
            while i <= limit {
                let v = base.loadUnaligned(fromByteOffset: i, as: UInt32.self)
                let h = hash(v)
                let candidate = Int(table[h])
                table[h] = Int32(i)
                if candidate >= 0 && i - candidate <= 65535
                    && base.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == v
                {
                    var length = minMatch
                    while i + length < n
                        && base.load(fromByteOffset: i + length, as: UInt8.self)
                            == base.load(fromByteOffset: candidate + length, as: UInt8.self)
                    {
                        length += 1
                    }
                    emit(literalsEnd: i, matchLength: length, offset: i - candidate)
                    i += length
                    anchor = i
                    if i - 2 >= 0 && i - 2 <= limit {
                        table[hash(base.loadUnaligned(fromByteOffset: i - 2, as: UInt32.self))] = Int32(i - 2)
                    }
                } else {
                    i += 1
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
