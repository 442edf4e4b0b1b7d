// ScratchFile: an anonymous temporary file for the build's spill data (e.g. positions while postings are
// being written). Created next to the index so it lives on the same disk; unlinked on close.
#if canImport(Glibc)
    import Glibc
#endif

final class ScratchFile {
    let path: String
    private var fd: Int32
    private(set) var length = 0
    fileprivate var keepOnClose = false

    init(directory: String, name: String) throws {
        path = directory + "/" + name
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { throw SystemError("create", path: path) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try FileIO.writeFully(fd, bytes, path: path)
        length += bytes.count
    }

    /// Calls `body` with consecutive chunks of the file's content, from the start.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < length {
            let n = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress, min($0.count, length - offset), off_t(offset))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("read", path: path)
            }
            if n == 0 { throw SystemError("read", path: path, code: EIO) }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += n
        }
    }

    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
            if !keepOnClose { unlink(path) }
        }
    }

    deinit { close() }
}

extension ScratchFile {
    /// Closes the file but keeps it on disk (for run files that outlive their writer).
    func keep() {
        keepOnClose = true
        close()
    }
}
