// FileIO: a thin layer over the POSIX calls the engine needs (open, read, write, fsync, rename,
// stat), throwing `SystemError` that names the path and the errno text. Nothing above this file
// calls Glibc file functions directly.
#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call: which operation, on which path, and why.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public var operation: String
    public var path: String
    public var code: Int32

    public init(_ operation: String, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var reason: String { String(cString: strerror(code)) }
    public var description: String { "\(path): \(operation) failed: \(reason)" }
}

/// The size and modification time of a file.
public struct FileStatus: Sendable, Equatable {
    public var size: UInt64
    /// Nanoseconds since 1970-01-01 UTC.
    public var modified: Int64

    public init(size: UInt64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    init(_ info: stat) {
        size = UInt64(max(info.st_size, 0))
        modified = Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
    }
}

public enum FileIO {
    /// Everything on standard input, to its end.
    public static func readStandardInput() -> [UInt8] {
        var result: [UInt8] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65536) { chunk in
            while true {
                let n = read(0, chunk.baseAddress, chunk.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
        }
        return result
    }

    /// Reads the whole file at `path`.
    public static func readAll(_ path: String) throws -> [UInt8] {
        let fd = withSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        if fd < 0 { throw SystemError("open", path: displayPath(path)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw SystemError("stat", path: displayPath(path)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SystemError("read", path: displayPath(path), code: EISDIR) }
        return try readAll(fd: fd, size: Int(info.st_size), path: displayPath(path))
    }

    /// Reads `fd` from its current offset to its end, `size` bytes expected (a file that grew meanwhile is
    /// read on to its end). With `limit`, reading stops with EFBIG as soon as more than `limit` bytes came.
    static func readAll(fd: Int32, size: Int, path: String, limit: Int? = nil) throws -> [UInt8] {
        // Read straight into a buffer of the file's size.
        let expected = min(max(size, 0), limit.map { $0 + 1 } ?? Int.max)
        var failure: Int32 = 0
        var result = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < expected {
                let n = read(fd, buffer.baseAddress! + count, expected - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw SystemError("read", path: path, code: failure) }
        // Read on to the end (normally one read that returns 0), into scratch on the stack.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            while limit.map({ result.count <= $0 }) ?? true {
                let n = read(fd, chunk.baseAddress, chunk.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemError("read", path: path)
                }
                if n == 0 { break }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
        }
        if let limit, result.count > limit { throw SystemError("read", path: path, code: EFBIG) }
        return result
    }

    /// Size and modification time of the file at `path` (following symbolic links), nil if it cannot
    /// be stat'ed.
    public static func status(_ path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStatus(info)
    }

    /// Size and modification time of many files, listed folder by folder: each folder is opened once and
    /// its files stat'ed relative to it (fstatat), which spares the kernel the walk of the whole path.
    struct FolderStatter: ~Copyable {
        private var folder: [UInt8] = []
        private var fd: Int32 = -1

        init() {}

        mutating func status(_ path: String) -> FileStatus? {
            var path = path
            return path.withUTF8 { bytes -> FileStatus? in
                guard let slash = bytes.lastIndex(of: 47), slash > 0 else {
                    return FileIO.status(String(decoding: bytes, as: UTF8.self))
                }
                if fd < 0 || !folder.elementsEqual(bytes[0..<slash]) {
                    if fd >= 0 { close(fd) }
                    folder = Array(bytes[0..<slash])
                    fd = open(String(decoding: folder, as: UTF8.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                }
                guard fd >= 0 else { return FileIO.status(String(decoding: bytes, as: UTF8.self)) }
                // The name after the slash, NUL-terminated (a native String's UTF-8 is).
                return bytes.withMemoryRebound(to: CChar.self) { chars -> FileStatus? in
                    var info = stat()
                    guard let base = chars.baseAddress, fstatat(fd, base + slash + 1, &info, 0) == 0 else {
                        return nil
                    }
                    return FileStatus(info)
                }
            }
        }

        deinit { if fd >= 0 { close(fd) } }
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return withSystemPath(path) { stat($0, &info) } == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return withSystemPath(path) { stat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension FileIO {
    /// Creates or truncates `path` and writes `bytes` to it.
    public static func writeAll(_ path: String, _ bytes: [UInt8]) throws {
        let fd = withSystemPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        if fd < 0 { throw SystemError("create", path: path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { try writeFully(fd, $0, path: path) }
    }

    /// mkdir -p.
    public static func createDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if withSystemPath(current, { mkdir($0, 0o755) }) != 0 && errno != EEXIST {
                throw SystemError("mkdir", path: current)
            }
        }
    }
}

extension FileIO {
    /// The names of a directory's entries, without "." and ".."; nil when it cannot be opened (errno tells).
    /// The kind of a directory entry as `readdir` reports it (`unknown` when the file system does not say).
    public enum EntryKind: Sendable { case directory, regular, other, unknown }

    /// Names and kinds of the entries of directory `path` (without "." and ".."), in directory order.
    public static func directoryEntriesWithKinds(_ path: String) -> [(name: String, kind: EntryKind)]? {
        guard let dir = withSystemPath(path, { opendir($0) }) else { return nil }
        defer { closedir(dir) }
        var entries: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(dir) {
            // The name is read in place up to its NUL: a record can be shorter than `struct dirent`, so
            // copying the whole `d_name` array could read past the end of the directory buffer.
            let nameStart = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let nameBytes = nameStart.assumingMemoryBound(to: UInt8.self)
            let name = pathString(
                UnsafeBufferPointer(start: nameBytes, count: strlen(nameStart.assumingMemoryBound(to: CChar.self))))
            if name == "." || name == ".." { continue }
            let kind: EntryKind
            switch entry.pointee.d_type {
            case 4: kind = .directory  // DT_DIR
            case 8: kind = .regular  // DT_REG
            case 0, 10: kind = .unknown  // DT_UNKNOWN, DT_LNK: stat decides
            default: kind = .other
            }
            entries.append((name, kind))
        }
        return entries
    }

    /// Names of the entries of directory `path` (without "." and ".."), in directory order.
    public static func directoryEntries(_ path: String) -> [String]? {
        directoryEntriesWithKinds(path)?.map { $0.name }
    }

    /// Writes all of `buffer` to `fd` (at `offset` with pwrite when given), retrying on EINTR and short
    /// writes; errors name `path`.
    static func writeFully(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String, at offset: Int? = nil) throws {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        var position = offset ?? 0
        while remaining > 0 {
            let n = offset == nil ? write(fd, base, remaining) : pwrite(fd, base, remaining, off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("write", path: path)
            }
            remaining -= n
            base += n
            position += n
        }
    }

    /// True when no process `pid` exists any more (its leftovers may be removed).
    static func processIsGone(_ pid: Int32) -> Bool {
        pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}

// File names are bytes, Swift strings Unicode. A name that is not valid UTF-8 (a Latin-1 "café.txt" from an
// old archive) is carried in a String with each byte that does not decode as the private-use character
// U+10FF00 + byte (U+10FF80…U+10FFFF; a name really holding one of these has its bytes escaped the same
// way, so every name round-trips). `withSystemPath` turns the escapes back into the bytes for system
// calls; `displayPath` shows them as `\xE9` in messages and in the file names an index stores.
extension FileIO {
    static let escapedByteBase: UInt32 = 0x10FF00

    /// The String for the name or path `bytes`, escaping the bytes that are not UTF-8.
    public static func pathString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !bytes.contains(0xF4), let valid = String(validating: bytes, as: UTF8.self) {
            return valid
        }
        var result = ""
        var i = 0
        while i < bytes.count {
            if let n = validSequenceLength(bytes, at: i) {
                let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self)
                if n == 4, let v = scalar.unicodeScalars.first?.value, v >= escapedByteBase + 0x80 {
                    for k in i..<(i + n) { result.unicodeScalars.append(escape(bytes[k])) }
                } else {
                    result += scalar
                }
                i += n
            } else {
                result.unicodeScalars.append(escape(bytes[i]))
                i += 1
            }
        }
        return result
    }

    private static func escape(_ byte: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(escapedByteBase + UInt32(byte))!
    }

    /// The length of the well-formed UTF-8 sequence at `i`, nil when the byte there starts none.
    private static func validSequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let c = b[i]
        if c < 0x80 { return 1 }
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let n: Int
        switch c {
        case 0xC2...0xDF: n = 2
        case 0xE0: (n, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: n = 3
        case 0xED: (n, high) = (3, 0x9F)
        case 0xF0: (n, low) = (4, 0x90)
        case 0xF1...0xF3: n = 4
        case 0xF4: (n, high) = (4, 0x8F)
        default: return nil
        }
        guard i + n <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return nil }
        for k in 2..<n where b[i + k] & 0xC0 != 0x80 { return nil }
        return n
    }

    /// Whether a UTF-8 byte of `s` satisfies `test`: a loop over the string's contiguous bytes (every native
    /// string's), which a path per letter file makes worth having over the generic `utf8.contains`.
    @inline(__always)
    static func containsByte(_ s: String, where test: (UInt8) -> Bool) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for b in bytes where test(b) { return true }
            return false
        }) {
            return found
        }
        return s.utf8.contains(where: test)
    }

    /// Calls `body` with the C string of `path` as the system knows it (escaped bytes restored).
    public static func withSystemPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        if !containsByte(path, where: { $0 == 0xF4 }) { return try path.withCString(body) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if scalar.value >= escapedByteBase + 0x80 {
                bytes.append(UInt8(scalar.value - escapedByteBase))
            } else {
                bytes += Array(String(scalar).utf8)
            }
        }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { b in
            try b.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// `path` for people: each escaped byte as `\xE9`, control characters as `\x0A`, the rest as it is.
    public static func displayPath(_ path: String) -> String {
        guard containsByte(path, where: { $0 == 0xF4 || $0 < 0x20 || $0 == 0x7F }) else { return path }
        var result = ""
        for scalar in path.unicodeScalars {
            let v = scalar.value
            let byte: UInt32? = v >= escapedByteBase + 0x80 ? v - escapedByteBase : (v < 0x20 || v == 0x7F ? v : nil)
            if let byte {
                let hex = Array("0123456789ABCDEF")
                result += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
