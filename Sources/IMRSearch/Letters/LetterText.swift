// LetterText: turns the raw bytes of a letter file into normalised text — valid UTF-8, LF line ends,
// no NUL — whatever arrived: a UTF-8 BOM is dropped, CRLF and lone CR become LF, form feeds (page breaks)
// become LF, bytes that are not valid UTF-8 are read as Windows-1252 (curly quotes, dashes, Latin-1
// letters), other control bytes become spaces. A file that is mostly control bytes is binary junk:
// its text is dropped and the caller warns.

enum LetterText {
    struct Result {
        var bytes: [UInt8]
        var isBinary: Bool
        var removedNULs: Int
    }

    /// Unicode scalars of Windows-1252 bytes 0x80...0x9F (0 = undefined, kept as U+FFFD).
    static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0, 0x017E,
        0x0178,
    ]

    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// True when `raw` (after an optional BOM) holds only printable ASCII, LF and TAB: already normal.
    /// Eight bytes at a time, exactly: once a word has no byte >= 0x80, adding a constant to every byte
    /// cannot carry from one byte into the next, so each test below marks exactly the bytes it names
    /// (in their high bits) and a line break or tab costs nothing.
    static func isClean(_ raw: [UInt8]) -> Bool {
        raw.withUnsafeBufferPointer { input -> Bool in
            guard let base = input.baseAddress else { return true }
            let n = input.count
            var i = n >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF ? 3 : 0
            @inline(__always) func ordinary(_ b: UInt8) -> Bool { (b >= 0x20 && b < 0x7F) || b == 0x0A || b == 0x09 }
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & highs != 0 { return false }
                let control = ~(w &+ ones &* 0x60) & highs  // bytes below 0x20
                let delete = (w &+ ones) & highs  // 0x7F
                let lineFeed = ~((w ^ (ones &* 0x0A)) &+ ones &* 0x7F) & highs
                let tab = ~((w ^ (ones &* 0x09)) &+ ones &* 0x7F) & highs
                if (control & ~lineFeed & ~tab) | delete != 0 { return false }
                i += 8
            }
            while i < n {
                if !ordinary(base[i]) { return false }
                i += 1
            }
            return true
        }
    }

    /// Normalises `raw`. - Complexity: O(n), one pass, one output buffer.
    static func normalize(_ raw: [UInt8]) -> Result {
        if isClean(raw) {
            let start = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
            return Result(
                bytes: start == 0 ? raw : Array(raw[start...]), isBinary: false, removedNULs: 0)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + raw.count / 8)
        var nuls = 0
        var controls = 0
        raw.withUnsafeBufferPointer { input in
            let n = input.count
            var i = 0
            if n >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { i = 3 }
            while i < n {
                // Copy a run of ordinary bytes (printable ASCII, LF, TAB) in one go.
                var j = i
                while j < n {
                    let c = input[j]
                    if (c >= 0x20 && c < 0x7F) || c == 0x0A || c == 0x09 { j += 1 } else { break }
                }
                if j > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                    i = j
                    if i == n { break }
                }
                let b = input[i]
                switch b {
                case 0x0A, 0x09:
                    out.append(b)
                    i += 1
                case 0x0D:
                    out.append(0x0A)
                    i += (i + 1 < n && input[i + 1] == 0x0A) ? 2 : 1
                case 0x0C:
                    out.append(0x0A)
                    i += 1
                case 0x00:
                    nuls += 1
                    i += 1
                case 0x01...0x1F, 0x7F:
                    controls += 1
                    out.append(0x20)
                    i += 1
                default:
                    let (scalar, width) = UTF8Scalars.decode(input, at: i)
                    if scalar == 0xFFFD && width == 1 {
                        if b < 0xA0 {
                            let mapped = windows1252[Int(b - 0x80)]
                            appendScalar(mapped == 0 ? 0xFFFD : mapped, to: &out)
                        } else if b == 0xA0 {
                            out.append(0x20)  // a no-break space, as in UTF-8 below
                        } else {
                            appendScalar(UInt32(b), to: &out)
                        }
                        i += 1
                    } else {
                        if scalar == 0xFEFF {  // a BOM inside the text (e.g. concatenated files)
                            i += width
                            continue
                        }
                        if scalar == 0xA0 || scalar == 0x2028 || scalar == 0x2029 {
                            out.append(scalar == 0xA0 ? 0x20 : 0x0A)
                        } else {
                            for k in 0..<width { out.append(input[i + k]) }
                        }
                        i += width
                    }
                }
            }
        }
        let nonNul = raw.count - nuls
        let binary = nonNul > 0 && controls * 20 > nonNul && controls > 8
        if binary { out.removeAll() }
        return Result(bytes: out, isBinary: binary, removedNULs: nuls)
    }
}
