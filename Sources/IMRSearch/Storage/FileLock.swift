// FileLock: an exclusive, non-blocking advisory lock (flock) on a lock file, held by one index build at a
// time. The kernel releases it when the process dies, so a killed build never blocks the next one.
// The holder writes who it is into the lock file ("pid 12345\nstarted 1767232801\n": its process id and
// start time in seconds since the epoch), so a build that finds the lock held can name it; the holder
// empties the file again when it releases the lock.
#if canImport(Glibc)
    import Glibc
#endif

public enum FileLockError: Error, Equatable {
    /// Another process holds the lock; `holder` is what it wrote into the lock file, when it could be read.
    case held(path: String, holder: LockHolder?)
}

/// The process holding a lock, as it wrote itself into the lock file.
public struct LockHolder: Equatable, Sendable {
    public var pid: Int32
    /// Seconds since the epoch.
    public var started: Int

    public init(pid: Int32, started: Int) {
        self.pid = pid
        self.started = started
    }

    var fileContent: String { "pid \(pid)\nstarted \(started)\n" }

    init?(fileContent: String) {
        var pid: Int32?
        var started: Int?
        for line in fileContent.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0] == "pid" { pid = Int32(parts[1]) }
            if parts[0] == "started" { started = Int(parts[1]) }
        }
        guard let pid, let started, pid > 0 else { return nil }
        self.init(pid: pid, started: started)
    }

    /// The start time in local time: "02:00:01" when it is today, else "2026-11-30 02:00:01".
    public func startedText(now: Int = Int(time(nil))) -> String {
        func local(_ seconds: Int) -> tm {
            var t = time_t(seconds)
            var parts = tm()
            localtime_r(&t, &parts)
            return parts
        }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let s = local(started)
        let today = local(now)
        let clock = "\(two(s.tm_hour)):\(two(s.tm_min)):\(two(s.tm_sec))"
        if s.tm_year == today.tm_year && s.tm_yday == today.tm_yday { return clock }
        return "\(s.tm_year + 1900)-\(two(s.tm_mon + 1))-\(two(s.tm_mday)) \(clock)"
    }
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
            if code == EWOULDBLOCK { throw FileLockError.held(path: path, holder: FileLock.holder(of: path)) }
            throw SystemError("lock", path: path, code: code)
        }
        // Who holds it, for a build that finds it held (best effort: the lock works without it).
        let content = Array(LockHolder(pid: getpid(), started: Int(time(nil))).fileContent.utf8)
        if ftruncate(fd, 0) == 0 {
            _ = content.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
    }

    /// The holder named in the lock file at `path`, if it names a running process. The holder writes its
    /// name just after taking the lock, so an empty file (or a name left by a killed holder) is read again
    /// for up to 200 ms.
    public static func holder(of path: String) -> LockHolder? {
        for attempt in 0..<20 {
            if attempt > 0 { usleep(10_000) }
            guard let bytes = try? FileIO.readAll(path),
                let holder = LockHolder(fileContent: String(decoding: bytes, as: UTF8.self))
            else { continue }
            if !FileIO.processIsGone(holder.pid) { return holder }
        }
        return nil
    }

    public func release() {
        if fd >= 0 {
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
