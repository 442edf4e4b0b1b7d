// ProgressLine: the one-line build progress on stderr (letters, MB/s, ETA), redrawn in place at most five
// times a second, and only when stderr is a terminal.
import Synchronization

final class ProgressLine: Sendable {
    private let enabled: Bool
    private let state = Mutex<(last: UInt64, drawn: Bool)>((0, false))
    private let start = Stopwatch.nowNanoseconds()

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int, bytes: Int) {
        guard enabled else { return }
        let now = Stopwatch.nowNanoseconds()
        let draw = state.withLock { s -> Bool in
            if now - s.last < 200_000_000 && done < total { return false }
            s.last = now
            s.drawn = true
            return true
        }
        guard draw else { return }
        let seconds = Double(now - start) / 1e9
        let rate = seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0
        let eta = done > 0 ? seconds * Double(total - done) / Double(done) : 0
        StandardStreams.error(
            "\r\u{1B}[Kindexing: \(done)/\(total) letters, \(format(rate, 1)) MB/s, ETA \(format(eta, 0)) s"
        )
    }

    /// Replaces the line with the name of the phase now running.
    func announce(_ phase: String) {
        guard enabled else { return }
        state.withLock { $0.drawn = true }
        StandardStreams.error("\r\u{1B}[K\(phase)…")
    }

    func finish() {
        guard enabled else { return }
        if state.withLock({ $0.drawn }) { StandardStreams.error("\r\u{1B}[K") }
    }
}
