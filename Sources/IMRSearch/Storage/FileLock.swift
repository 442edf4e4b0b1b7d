// FileLock: an exclusive, non-blocking advisory lock (flock) on a lock file, held by one index build at a
// time. The kernel releases it when the process dies, so a killed build never blocks the next one.
#if canImport(Glibc)
    import Glibc
#endif

public enum FileLockError: Error, Equatable {
    /// Another process holds the lock.
    case held(path: String)
}

public final class FileLock {
    public let path: String
    private var fd: Int32

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw SystemError("open", path: path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            fd = -1
            if code == EWOULDBLOCK { throw FileLockError.held(path: path) }
            throw SystemError("lock", path: path, code: code)
        }
    }

    public func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
