// StoreDictionary: the preset dictionary the stored letter texts of one index are compressed against.
// Letters share most of their wording (the state's templates, the guideline quotations), so every store
// block can take its first letter's boilerplate from the dictionary instead of spelling it out.
//
// Training is deterministic and cheap: the normalised texts of a few letters sampled evenly from the
// corpus are cut into pieces (lines, and sentences within long lines); a piece that appears in at least
// two samples is a candidate, worth (samples it appears in) × (its length). The most valuable pieces fill
// the dictionary, the most valuable last (nearest to the blocks, first on the hash chains).
//
// - Complexity: O(total sample bytes · log) time, O(total sample bytes) memory.

public enum StoreDictionary {
    /// Letters sampled for training.
    public static let sampleLetters = 128
    /// Pieces shorter than this are not worth a dictionary entry (a match costs about 3 bytes).
    static let minPieceBytes = 12

    /// The dictionary for letters like `samples` (normalised texts), at most `capacity` bytes.
    public static func train(samples: [[UInt8]], capacity: Int = BlockCompression.maxDictionaryBytes) -> [UInt8] {
        guard samples.count >= 2 else { return [] }
        var counts: [[UInt8]: (samples: Int, last: Int)] = [:]
        for (s, text) in samples.enumerated() {
            forEachPiece(of: text) { piece in
                let key = Array(piece)
                if let seen = counts[key] {
                    if seen.last != s { counts[key] = (seen.samples + 1, s) }
                } else {
                    counts[key] = (1, s)
                }
            }
        }
        var candidates = counts.filter { $0.value.samples >= 2 }.map {
            (piece: $0.key, worth: $0.value.samples * $0.key.count)
        }
        // Most valuable first; equal worth in byte order, so the result depends only on the samples.
        candidates.sort { a, b in
            a.worth != b.worth ? a.worth > b.worth : compareBytes(a.piece, a.piece.count, b.piece, b.piece.count) < 0
        }
        var chosen: [[UInt8]] = []
        var size = 0
        for c in candidates where size + c.piece.count + 1 <= capacity {
            chosen.append(c.piece)
            size += c.piece.count + 1
        }
        var dictionary: [UInt8] = []
        dictionary.reserveCapacity(size)
        for piece in chosen.reversed() {
            dictionary.append(contentsOf: piece)
            dictionary.append(0x0A)
        }
        return dictionary
    }

    /// Calls `body` with each line of `text` and, for a line longer than 200 bytes, each of its sentences
    /// (cut after ". ") instead; pieces shorter than `minPieceBytes` are skipped.
    static func forEachPiece(of text: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        var start = 0
        let n = text.count
        @inline(__always) func piece(_ from: Int, _ to: Int) {
            if to - from >= minPieceBytes { body(text[from..<to]) }
        }
        while start < n {
            var end = start
            while end < n && text[end] != 0x0A { end += 1 }
            if end - start <= 200 {
                piece(start, end)
            } else {
                var s = start
                var k = start
                while k + 1 < end {
                    if text[k] == 0x2E && text[k + 1] == 0x20 {
                        piece(s, k + 2)
                        s = k + 2
                    }
                    k += 1
                }
                piece(s, end)
            }
            start = end + 1
        }
    }
}
