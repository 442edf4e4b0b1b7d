// AtomicFileWriter: writes a file under a temporary name in the destination's folder and publishes it
// with fsync + rename + fsync(folder), so a reader sees either the old file or the complete new one,
// never a half-written one — also after a crash or kill at any point. Unpublished temporaries are removed
// on abort, in deinit, and (for ones left by a killed process) by `removeStaleTemporaries`.
#if canImport(Glibc)
    import Glibc
#endif

public final class AtomicFileWriter {
    public let destination: String
    public let temporaryPath: String
    private var fd: Int32
    private var committed = false
    public private(set) var bytesWritten = 0

    public init(destination: String) throws {
        self.destination = destination
        var fd: Int32 = -1
        var path = ""
        for _ in 0..<16 {
            path = destination + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 { throw SystemError("create", path: path) }
        self.fd = fd
        temporaryPath = path
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try FileIO.writeFully(fd, bytes, path: temporaryPath)
        bytesWritten += bytes.count
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Overwrites bytes already written (e.g. a header), at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { try FileIO.writeFully(fd, $0, path: temporaryPath, at: offset) }
    }

    /// fsync, close, rename over the destination, fsync the folder. `durable: false` skips both fsyncs
    /// (for scratch files that a crash may lose: the rename still publishes them whole).
    public func commit(durable: Bool = true) throws {
        guard !committed else { return }
        if durable && fsync(fd) != 0 { throw SystemError("fsync", path: temporaryPath) }
        close(fd)
        fd = -1
        if rename(temporaryPath, destination) != 0 {
            let error = SystemError("rename", path: destination)
            unlink(temporaryPath)
            throw error
        }
        committed = true
        guard durable else { return }
        let folder = AtomicFileWriter.folder(of: destination)
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Closes and deletes the temporary file (idempotent).
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !committed {
            unlink(temporaryPath)
            committed = true
        }
    }

    deinit { abort() }

    static func folder(of path: String) -> String {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: 47) else { return "." }
        return slash == 0 ? "/" : String(decoding: bytes[0..<slash], as: UTF8.self)
    }

    /// Deletes `<destination>.tmp-<pid>-*` files whose process no longer exists.
    public static func removeStaleTemporaries(for destination: String) {
        let folder = folder(of: destination)
        let bytes = Array(destination.utf8)
        let name =
            bytes.lastIndex(of: 47).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
            ?? destination
        let prefix = name + ".tmp-"
        for entryName in FileIO.directoryEntries(folder) ?? [] where entryName.hasPrefix(prefix) {
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if FileIO.processIsGone(pid) { unlink(folder + "/" + entryName) }
        }
    }
}
