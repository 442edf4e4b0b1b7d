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
        TestKillPoint.reached("synced")
        if rename(temporaryPath, destination) != 0 {
            let error = SystemError("rename", path: destination)
            unlink(temporaryPath)
            throw error
        }
        committed = true
        TestKillPoint.reached("renamed")
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

    /// Deletes `<destination>.tmp-<pid>-*` files whose process no longer exists; with `siblings`, also
    /// the temporaries of files named `<destination>.<suffix>` (e.g. `<index>.delta.tmp-<pid>-*`).
    public static func removeStaleTemporaries(for destination: String, siblings: Bool = false) {
        let folder = folder(of: destination)
        let bytes = Array(destination.utf8)
        let name =
            bytes.lastIndex(of: 47).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
            ?? destination
        for entryName in FileIO.directoryEntries(folder) ?? [] where entryName.hasPrefix(name + ".") {
            guard let pid = temporaryOwner(entryName, of: name, siblings: siblings) else { continue }
            if FileIO.processIsGone(pid) { unlink(folder + "/" + entryName) }
        }
    }

    /// The pid in a temporary's name `<name>.tmp-<pid>-<n>` (or `<name>.<suffix>.tmp-<pid>-<n>` with
    /// `siblings`), nil for any other name.
    static func temporaryOwner(_ entryName: String, of name: String, siblings: Bool) -> Int32? {
        let entry = Array(entryName.utf8)
        let marker = Array(".tmp-".utf8)
        let start = name.utf8.count
        guard entry.count > start + marker.count, entry.starts(with: name.utf8), entry[start] == 46 else {
            return nil
        }
        // The last ".tmp-" of the name: right after `name`, or anywhere after it with `siblings`.
        var at = entry.count - marker.count
        while at >= start && !entry[at..<(at + marker.count)].elementsEqual(marker) { at -= 1 }
        guard at >= start, siblings || at == start else { return nil }
        let parts = entry[(at + marker.count)...].split(separator: 45, omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = Int32(String(decoding: parts[0], as: UTF8.self)), pid > 0,
            UInt32(String(decoding: parts[1], as: UTF8.self)) != nil
        else { return nil }
        return pid
    }
}
