// MappedFile: a whole file mapped read-only (mmap PROT_READ, MAP_PRIVATE) for the lifetime of the object;
// unmapped in deinit. The mapping stays valid even when the file is renamed over or deleted, which is
// what lets searches continue on an old index while a rebuild publishes a new one.
#if canImport(Glibc)
    import Glibc
#endif

public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer?

    /// Maps the file at `path`. A 0-byte file maps to an empty buffer.
    public init(path: String) throws {
        self.path = path
        // O_NONBLOCK: a FIFO at the path must not wait for a writer (it is refused below).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw SystemError("open", path: path) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw SystemError("stat", path: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SystemError("map", path: path, code: EISDIR) }
        if (info.st_mode & S_IFMT) != S_IFREG { throw SystemError("map", path: path, code: ENODEV) }
        let size = Int(info.st_size)
        if size == 0 {
            mapping = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw SystemError("mmap", path: path)
        }
        mapping = p
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    /// Hints that the whole file will be read soon (e.g. before `verify`).
    public func adviseWillNeed() {
        if let mapping { _ = madvise(mapping, bytes.count, MADV_WILLNEED) }
    }

    /// Drops the resident pages of `range` (rounded inwards to whole pages): for regions read once and
    /// never again, so a long merge keeps only its working window in memory.
    public func adviseDontNeed(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = min(range.upperBound, bytes.count) / page * page
        if end > start { _ = madvise(mapping + start, end - start, MADV_DONTNEED) }
    }

    deinit {
        if let mapping { munmap(mapping, bytes.count) }
    }
}
