// Tests for the shared tokenizer: splitting, folding, long tokens and positions.
import Testing

@testable import IMRSearch

@Suite struct TokenizerTests {
    @Test func splitsOnNonAlphanumericsAndLowercases() {
        #expect(
            Tokenizer.tokens(of: "Norco 10/325mg #60, MTUS pg. 58") == [
                "norco", "10", "325mg", "60", "mtus", "pg", "58",
            ])
    }

    @Test func foldsLatinAccentsAndCurlyQuotes() {
        #expect(
            Tokenizer.tokens(of: "Café naïve Œdème STRAßE") == ["cafe", "naive", "oedeme", "strasse"])
        #expect(
            Tokenizer.tokens(of: "claimant\u{2019}s \u{201C}red flags\u{201D}") == [
                "claimant", "s", "red", "flags",
            ])
    }

    @Test func dropsLongTokensButKeepsTheirPosition() {
        let long = String(repeating: "x", count: 41)
        var seen: [(String, Int)] = []
        var text = "alpha \(long) beta"
        _ = text.withUTF8 { utf8 in
            Tokenizer.forEachToken(in: utf8) { token, position, _, _ in
                seen.append((String(decoding: token, as: UTF8.self), position))
            }
        }
        #expect(seen.map(\.0) == ["alpha", "beta"])
        #expect(seen.map(\.1) == [0, 2])
        #expect(Tokenizer.tokens(of: String(repeating: "y", count: 40)).count == 1)
    }

    @Test func reportsByteOffsets() {
        var spans: [Range<Int>] = []
        var text = "  é-x"
        _ = text.withUTF8 { utf8 in
            Tokenizer.forEachToken(in: utf8) { _, _, start, end in spans.append(start..<end) }
        }
        #expect(spans == [2..<4, 5..<6])
    }

    @Test func invalidUTF8Separates() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3]
        var out: [String] = []
        _ = bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer) { token, _, _, _ in
                out.append(String(decoding: token, as: UTF8.self))
            }
        }
        #expect(out == ["a", "b"])
    }

    /// One token as the tokenizer reports it.
    struct Seen: Equatable {
        var token: [UInt8]
        var position: Int
        var start: Int
        var end: Int
    }

    /// The tokenizer's rules applied one scalar at a time, the plainest way: the reference the
    /// eight-bytes-at-once path must agree with.
    static func referenceTokens(_ bytes: [UInt8]) -> (tokens: [Seen], positions: Int) {
        var tokens: [Seen] = []
        var position = 0
        var current: [UInt8] = []
        var start = -1
        var tooLong = false
        func finish(_ end: Int) {
            if start >= 0 {
                if !tooLong && !current.isEmpty {
                    tokens.append(Seen(token: current, position: position, start: start, end: end))
                }
                position += 1
            }
            start = -1
            current = []
            tooLong = false
        }
        var i = 0
        bytes.withUnsafeBufferPointer { buffer in
            while i < buffer.count {
                let (scalar, width) = UTF8Scalars.decode(buffer, at: i)
                var mapped: [UInt8] = []
                switch scalar {
                case 0x30...0x39, 0x61...0x7A: mapped = [UInt8(scalar)]
                case 0x41...0x5A: mapped = [UInt8(scalar + 32)]
                case 0x80...: mapped = Folding.fold(scalar)
                default: mapped = []
                }
                if mapped.isEmpty {
                    finish(i)
                } else {
                    if start < 0 { start = i }
                    if current.count + mapped.count <= Tokenizer.maxTokenBytes {
                        current += mapped
                    } else {
                        tooLong = true
                    }
                }
                i += width
            }
        }
        finish(bytes.count)
        return (tokens, position)
    }

    @Test func wordAtATimeScanningAgreesWithTheScalarRules() {
        // Letters, digits, punctuation and spaces at random, with runs of each long enough to cross
        // 8-byte words, tokens near and over the 40-byte limit, folded Latin letters, other scripts,
        // curly quotes and invalid bytes between them.
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("Z".utf8), Array("7".utf8), Array(" ".utf8), Array(".".utf8), Array("-".utf8),
            Array("@".utf8), Array("[".utf8), Array("`".utf8), Array("{".utf8), Array("/".utf8), Array(":".utf8),
            Array("\n".utf8), Array("\t".utf8), Array("é".utf8), Array("ß".utf8), Array("Œ".utf8),
            Array("λ".utf8), Array("中".utf8), Array("\u{2019}".utf8), Array("\u{1F600}".utf8), [0xFF], [0xC3],
            [0x80], [0x00], [0x7F], Array(String(repeating: "x", count: 38).utf8),
            Array(String(repeating: "Q", count: 41).utf8), Array("Lumbar".utf8), Array("L4-5".utf8),
            Array("10mg".utf8), Array("        ".utf8),
        ]
        var rng = SplitMix(seed: 77)
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            let parts = Int(rng.next() % 40)
            for _ in 0..<parts {
                let piece = pieces[Int(rng.next() % UInt64(pieces.count))]
                for _ in 0...Int(rng.next() % 3) { bytes += piece }
            }
            var seen: [Seen] = []
            let positions = bytes.withUnsafeBufferPointer { buffer in
                Tokenizer.forEachToken(in: buffer) { token, position, start, end in
                    seen.append(Seen(token: Array(token), position: position, start: start, end: end))
                }
            }
            let expected = TokenizerTests.referenceTokens(bytes)
            #expect(seen == expected.tokens, "round \(round): \(bytes)")
            #expect(positions == expected.positions, "round \(round)")
            if seen != expected.tokens { return }
        }
    }
}
