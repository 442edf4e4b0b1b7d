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
        var status = FileStatus(size: 0, modified: 0)
        return try readAll(path, status: &status)
    }

    /// Reads the whole file at `path` and reports its size and modification time as opened.
    public static func readAll(_ path: String, status: inout FileStatus) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw SystemError("open", path: path) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw SystemError("stat", path: path) }
        status = FileStatus(info)
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SystemError("read", path: path, code: EISDIR) }
        // Read straight into a buffer of the file's size; a file that grew meanwhile is read on to its end.
        let expected = max(Int(info.st_size), 0)
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
            while true {
                let n = read(fd, chunk.baseAddress, chunk.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemError("read", path: path)
                }
                if n == 0 { break }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
        }
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
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension FileIO {
    /// Creates or truncates `path` and writes `bytes` to it.
    public static func writeAll(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw SystemError("create", path: path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { try writeFully(fd, $0, path: path) }
    }

    /// mkdir -p.
    public static func createDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw SystemError("mkdir", path: current) }
        }
    }
}

extension FileIO {
    /// The names of a directory's entries, without "." and ".."; nil when it cannot be opened (errno tells).
    /// The kind of a directory entry as `readdir` reports it (`unknown` when the file system does not say).
    public enum EntryKind: Sendable { case directory, regular, other, unknown }

    /// Names and kinds of the entries of directory `path` (without "." and ".."), in directory order.
    public static func directoryEntriesWithKinds(_ path: String) -> [(name: String, kind: EntryKind)]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var entries: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
            }
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
