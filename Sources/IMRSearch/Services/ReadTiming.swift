// ReadTiming: times the build's reading alone — the letter files of a corpus read by `LetterPrefetcher`
// with a given number of reader threads, nothing parsed — for `imrbench read`, which reports it beside
// `dd` and `cat` of the same files (BENCHMARKS.md, the large-corpus section).

public enum ReadTiming {
    /// Reads every text letter under `paths` as a build does, with `readers` reader threads; returns the
    /// files and bytes read and the seconds taken.
    public static func time(paths: [String], readers: Int) -> (files: Int, bytes: Int, seconds: Double) {
        let files = CorpusWalker(paths: paths).files.filter { !CorpusWalker.isPDF($0) }
        let batchLetters = IndexFormat.defaultBatchLetters
        let clock = Stopwatch()
        let prefetcher = LetterPrefetcher(
            files: files, batchLetters: batchLetters, readers: readers, window: max(4, readers + 2))
        var bytes = 0
        for b in 0..<((files.count + batchLetters - 1) / batchLetters) {
            for case let letter? in prefetcher.take(b) {
                if case .success(let data) = letter.bytes { bytes += data.count }
            }
        }
        prefetcher.stop()
        return (files.count, bytes, clock.seconds)
    }
}
