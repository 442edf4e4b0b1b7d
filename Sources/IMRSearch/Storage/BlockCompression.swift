// BlockCompression: an LZ77 block codec in the shape of LZ4's block format, written for the stored letter
// text. A block is a sequence of
//   token (u8: literal count in the high nibble, match length − 4 in the low; 15 = more length bytes)
//   [literal length bytes: 255, 255, ..., last < 255] literals
//   u16 offset (1...65535, back from the current output position) [match length bytes]
// and ends with a sequence that has literals only. A block may be compressed against a preset dictionary
// (`StoreDictionary`): the dictionary's bytes count as output that precedes the block, so an offset may
// reach back into them; the decompressor is given the same bytes. Compression is greedy over hash chains
// of 5-byte prefixes (`BlockCompressor`); decompression checks every length and offset, so damaged input
// returns false and never reads or writes outside its buffers.

public enum BlockCompression {
    static let minMatch = 4
    static let hashBits = 16
    /// Candidates compared per position (hash-chain depth).
    static let maxProbes = 6
    /// A match this long ends the search at once: a longer one would save little.
    static let goodEnoughLength = 48
    /// Positions at each end of a long match that still enter the hash chains.
    static let sparseInsertTail = 8
    /// The longest preset dictionary: a block's matches reach back at most 65,535 bytes.
    public static let maxDictionaryBytes = 32 * 1024

    /// Appends the compressed form of `input` to `output` (no dictionary).
    public static func compress(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        BlockCompressor(dictionary: []).compress(input, to: &output)
    }

    /// Decompresses `input` (compressed without a dictionary) into exactly `decompressedSize` bytes of
    /// `output`. Returns false on any malformed input (and then `output`'s content is unspecified).
    public static func decompress(
        _ input: UnsafeRawBufferPointer, decompressedSize: Int,
        into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        decompress(input, prefix: 0, decompressedSize: decompressedSize, into: output)
    }

    /// Decompresses `input` into `window[prefix ..< prefix + decompressedSize]`, where `window[0 ..< prefix]`
    /// already holds the dictionary the block was compressed against (`prefix` = its length).
    /// Returns false on any malformed input (and then the window's content past `prefix` is unspecified).
    /// - Complexity: O(decompressedSize + input.count).
    /// With `stopAfter`, decoding ends as soon as that many bytes of the block are out (the rest of the
    /// block is neither decoded nor checked): what a reader of one letter near the block's start needs.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, prefix: Int, decompressedSize: Int,
        into window: UnsafeMutableRawBufferPointer, stopAfter: Int? = nil
    ) -> Bool {
        guard prefix >= 0, decompressedSize >= 0, prefix <= window.count,
            decompressedSize <= window.count - prefix
        else { return false }
        guard let src = input.baseAddress else { return decompressedSize == 0 }
        guard let dst = window.baseAddress else { return false }
        let n = input.count
        let end = prefix + decompressedSize
        let enough = prefix + min(stopAfter ?? decompressedSize, decompressedSize)
        var ip = 0
        var op = prefix
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
            if op >= enough && enough < end { return true }
            let token = Int(src.load(fromByteOffset: ip, as: UInt8.self))
            ip += 1
            var literals = token >> 4
            if literals == 15 {
                guard let l = readLength(15) else { return false }
                literals = l
            }
            guard literals <= n - ip, literals <= end - op else { return false }
            if literals > 0 { (dst + op).copyMemory(from: src + ip, byteCount: literals) }
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
            guard offset >= 1, offset <= op, length <= end - op else { return false }
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
        return op == end
    }
}
