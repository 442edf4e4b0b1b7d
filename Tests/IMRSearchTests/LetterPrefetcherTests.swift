// The build's reader threads (LetterPrefetcher): every batch comes back in file order with exactly what
// reading each file alone gives (bytes, or the same refusal for a FIFO or a vanished file), PDFs are left
// to the worker, and stopping early never hangs.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct LetterPrefetcherTests {
    /// 40 letters, a FIFO, a file removed after listing and a PDF name, sorted as a build lists them.
    static func folder() throws -> [String] {
        let dir = TestSupport.temporaryDirectory("imrsearch-prefetch")
        var files: [String] = []
        for i in 0..<40 {
            let path = dir + "/letter-\(String(1000 + i)).txt"
            try FileIO.writeAll(
                path, Array("letter \(i) ".utf8) + [UInt8](repeating: UInt8(65 + i % 26), count: i * 37))
            files.append(path)
        }
        #expect(mkfifo(dir + "/letter-1005a.txt", 0o644) == 0)
        files.append(dir + "/letter-1005a.txt")
        try FileIO.writeAll(dir + "/letter-1017a.txt", Array("gone".utf8))
        files.append(dir + "/letter-1017a.txt")
        _ = unlink(dir + "/letter-1017a.txt")
        files.append(dir + "/letter-1020a.pdf")
        return files.sorted()
    }

    @Test(arguments: [(1, 1, 1), (7, 3, 2), (5, 4, 8), (100, 2, 1)])
    func batchesHoldWhatReadingEachFileGives(batchLetters: Int, readers: Int, window: Int) throws {
        let files = try LetterPrefetcherTests.folder()
        let prefetcher = LetterPrefetcher(files: files, batchLetters: batchLetters, readers: readers, window: window)
        var seen = 0
        for b in 0..<((files.count + batchLetters - 1) / batchLetters) {
            let letters = prefetcher.take(b)
            let range = (b * batchLetters)..<min(files.count, (b + 1) * batchLetters)
            #expect(letters.count == range.count)
            for (letter, file) in zip(letters, files[range]) {
                seen += 1
                guard let letter else {
                    #expect(CorpusWalker.isPDF(file), "\(file) should have been read")
                    continue
                }
                switch (letter.bytes, LetterReader.readTextFile(file)) {
                case (.success(let got), .success(let want)):
                    #expect(got == want, "\(file)")
                    #expect(letter.contentHash == ContentHash.hash(want), "\(file): the hash of what was read")
                case (.failure(let got), .failure(let want)):
                    #expect("\(got)" == "\(want)", "\(file)")
                    #expect(letter.contentHash == 0, "\(file)")
                default: Issue.record("\(file): prefetched \(letter.bytes), read alone differently")
                }
            }
        }
        #expect(seen == files.count)
        prefetcher.stop()
    }

    @Test func stoppingBeforeEveryBatchIsTakenReturns() throws {
        let files = try LetterPrefetcherTests.folder()
        for taken in [0, 1, 3] {
            let prefetcher = LetterPrefetcher(files: files, batchLetters: 4, readers: 3, window: 2)
            for b in 0..<taken { _ = prefetcher.take(b) }
            prefetcher.stop()
            prefetcher.stop()
        }
    }
}
