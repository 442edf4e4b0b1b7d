// IndexError: why an index file cannot be used. Every command that opens an index reports these the same
// way and exits with status 3 (README "Exit codes").

public enum IndexError: Error, CustomStringConvertible, Equatable {
    /// No file at the path.
    case missing(path: String)
    /// The file is not a readable imrsearch index: truncated, corrupt, foreign or of another version.
    case corrupt(path: String, detail: String)
    /// The file exists but cannot be opened or mapped.
    case unreadable(path: String, detail: String)
    /// The update file beside the index (`<index>.delta`) is damaged; a build of `index` replaces it.
    case corruptDelta(path: String, index: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no index at \(path); build one with: imrsearch index [PATH...] --index \(path)"
        case .corrupt(let path, let detail):
            return
                "\(path): index is corrupt or not an imrsearch index: \(detail); rebuild with: imrsearch index [PATH...] --index \(path)"
        case .unreadable(let path, let detail):
            return "\(path): cannot read the index: \(detail)"
        case .corruptDelta(let path, let index, let detail):
            return
                "\(path): the update beside the index is corrupt: \(detail); rebuild with: imrsearch index [PATH...] --index \(index) (or --update: it rebuilds too)"
        }
    }
}
