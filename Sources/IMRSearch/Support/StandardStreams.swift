// StandardStreams: unbuffered-enough writes to stdout/stderr through Glibc, plus TTY and NO_COLOR
// detection. Results go to stdout, progress and diagnostics to stderr.
#if canImport(Glibc)
    import Glibc
#endif

public enum StandardStreams {
    public static func output(_ text: String) {
        var text = text
        text.withUTF8 { write(fd: 1, $0) }
    }

    public static func output(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(fd: 1, $0) }
    }

    public static func error(_ text: String) {
        var text = text
        text.withUTF8 { write(fd: 2, $0) }
    }

    /// Writes all of `buffer` to `fd`, retrying on EINTR and short writes.
    public static func write(fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = Glibc.write(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining -= n
            base += n
        }
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour and bold only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    public static func colorEnabled(fd: Int32) -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return isTerminal(fd)
    }

    /// The width of the terminal on `fd` in columns; nil when `fd` is not a terminal.
    public static func terminalColumns(fd: Int32) -> Int? {
        guard isTerminal(fd) else { return nil }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment("COLUMNS").flatMap({ Int($0) }), columns > 0 { return columns }
        return 80
    }

    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
