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
}
