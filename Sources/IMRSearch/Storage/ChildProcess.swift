// ChildProcess: runs programs as child processes and captures what they print — a thin layer over
// posix_spawn, pipes, poll and waitpid. No shell is involved: the program path and its arguments are passed
// as they are. Several children can run at once from one thread (`ChildProcessPool`): their pipes are
// polled together, each child has a deadline (killed with SIGKILL when it passes), and every child is
// reaped. Pipes are created close-on-exec, so children spawned by other threads never inherit them.
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What a child process did.
public struct ChildProcessResult: Sendable {
    public enum Termination: Sendable, Equatable {
        /// Exited with this status.
        case exited(Int32)
        /// Killed by this signal (not by us).
        case signaled(Int32)
        /// Ran past its deadline and was killed.
        case timedOut
        /// Printed more than the output limit and was killed.
        case outputTooLarge
        /// Could not be started (errno of posix_spawn).
        case notStarted(Int32)
    }

    public var termination: Termination
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var succeeded: Bool { termination == .exited(0) }
}

/// One program to run: the executable's path (not searched on PATH) and its arguments (argv[1...]).
public struct ChildCommand: Sendable {
    public var executable: String
    public var arguments: [String]

    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }
}

public enum ChildProcess {
    /// Runs one command to its end (or its deadline).
    public static func run(
        _ command: ChildCommand, timeoutSeconds: Double = 60, maxOutputBytes: Int = 64 << 20
    ) -> ChildProcessResult {
        let pool = ChildProcessPool(timeoutSeconds: timeoutSeconds, maxOutputBytes: maxOutputBytes)
        var result: ChildProcessResult?
        pool.run([command], slots: ChildSlots(limit: 1)) { _, r in result = r }
        return result!
    }

    /// The first executable named `name` in the folders of `searchPath` (default `$PATH`), or nil.
    public static func findOnPath(_ name: String, in searchPath: String? = nil) -> String? {
        guard let path = searchPath ?? StandardStreams.environment("PATH") else { return nil }
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if isExecutableFile(String(candidate)) { return String(candidate) }
        }
        return nil
    }

    /// A regular file we may execute.
    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// A running child: its id, the read ends of its stdout and stderr pipes, what arrived so far.
    struct Running {
        var index: Int
        var pid: pid_t
        var fds: [Int32]  // stdout, stderr; -1 once at end of file
        var output: [[UInt8]] = [[], []]
        var deadline: UInt64
        var killedFor: ChildProcessResult.Termination?
    }

    static let spawnLock = Mutex(())

    /// Starts `command` with stdin from /dev/null and stdout and stderr into new pipes.
    static func spawn(_ command: ChildCommand, index: Int, deadline: UInt64) -> Result<Running, Errno> {
        // Pipes are made close-on-exec and the child spawned under one lock, so a child spawned by another
        // thread can never inherit a write end (which would hold the pipe open past our child's end).
        let spawned: Result<(pid_t, Int32, Int32), Errno> = spawnLock.withLock { _ in
            var outPipe: [Int32] = [-1, -1]
            var errPipe: [Int32] = [-1, -1]
            if pipe(&outPipe) != 0 { return .failure(Errno(errno)) }
            if pipe(&errPipe) != 0 {
                let code = errno
                close(outPipe[0])
                close(outPipe[1])
                return .failure(Errno(code))
            }
            for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            // dup2 clears close-on-exec on the child's 1 and 2; every other pipe end closes at exec.
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            // The child starts with no signal blocked and SIGPIPE at its default, whatever this process set.
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGPIPE)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

            let argv: [UnsafeMutablePointer<CChar>?] =
                ([command.executable] + command.arguments).map { FileIO.withSystemPath($0) { strdup($0) } } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            let code = argv.withUnsafeBufferPointer { args in
                posix_spawn(&pid, command.executable, &actions, &attributes, args.baseAddress!, environ)
            }
            close(outPipe[1])
            close(errPipe[1])
            if code != 0 {
                close(outPipe[0])
                close(errPipe[0])
                return .failure(Errno(code))
            }
            return .success((pid, outPipe[0], errPipe[0]))
        }
        let pid: pid_t
        let outFD: Int32
        let errFD: Int32
        switch spawned {
        case .success(let started): (pid, outFD, errFD) = started
        case .failure(let e): return .failure(e)
        }
        for fd in [outFD, errFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return .success(Running(index: index, pid: pid, fds: [outFD, errFD], deadline: deadline))
    }

    /// Waits for `pid` to end and returns how it ended (retrying on EINTR).
    static func reap(_ pid: pid_t) -> ChildProcessResult.Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .notStarted(errno) }
        }
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signaled(signal)
    }

    struct Errno: Error {
        var code: Int32
        init(_ code: Int32) { self.code = code }
    }
}

/// A budget of children running at once, shared by the threads that start them.
public final class ChildSlots: Sendable {
    public let limit: Int
    private let inUse = Mutex(0)

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Takes a slot if one is free.
    func tryAcquire() -> Bool {
        inUse.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    /// Takes a slot even when none is free (a thread with no child running always starts one, so every
    /// thread makes progress; the budget is exceeded by at most the number of threads).
    func acquire() { inUse.withLock { $0 += 1 } }

    func release() { inUse.withLock { $0 -= 1 } }
}

/// Runs commands with several children at once from the calling thread, polling all their pipes together.
public struct ChildProcessPool: Sendable {
    public var timeoutSeconds: Double
    public var maxOutputBytes: Int

    public init(timeoutSeconds: Double = 60, maxOutputBytes: Int = 64 << 20) {
        self.timeoutSeconds = timeoutSeconds
        self.maxOutputBytes = maxOutputBytes
    }

    /// Runs every command, as many at once as `slots` allows (at least one). `finished(index, result)` is
    /// called on this thread as each ends, in the order they end.
    public func run(
        _ commands: [ChildCommand], slots: ChildSlots, finished: (Int, ChildProcessResult) -> Void
    ) {
        var running: [ChildProcess.Running] = []
        var next = 0
        let timeout = UInt64(max(timeoutSeconds, 0.001) * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while next < commands.count || !running.isEmpty {
            while next < commands.count {
                if running.isEmpty {
                    slots.acquire()
                } else if !slots.tryAcquire() {
                    break
                }
                let deadline = Stopwatch.nowNanoseconds() &+ timeout
                switch ChildProcess.spawn(commands[next], index: next, deadline: deadline) {
                case .success(let child): running.append(child)
                case .failure(let e):
                    slots.release()
                    finished(next, ChildProcessResult(termination: .notStarted(e.code), stdout: [], stderr: []))
                }
                next += 1
            }
            if running.isEmpty { continue }
            // Poll every open pipe until one has data or the nearest deadline passes.
            var pollFDs: [pollfd] = []
            var owners: [(child: Int, stream: Int)] = []
            for (c, child) in running.enumerated() {
                for s in 0..<2 where child.fds[s] >= 0 {
                    pollFDs.append(pollfd(fd: child.fds[s], events: Int16(POLLIN), revents: 0))
                    owners.append((c, s))
                }
            }
            let now = Stopwatch.nowNanoseconds()
            let nearest = running.map(\.deadline).min()!
            let waitMs = nearest > now ? Int32(min((nearest - now) / 1_000_000 + 1, 1000)) : 0
            let ready = pollFDs.isEmpty ? 0 : poll(&pollFDs, nfds_t(pollFDs.count), waitMs)
            if ready < 0 && errno != EINTR { usleep(1000) }
            if ready > 0 {
                for (k, p) in pollFDs.enumerated() where p.revents != 0 {
                    let (c, s) = owners[k]
                    // Closed meanwhile (its child was killed for printing too much): the number may
                    // already belong to another file of this process.
                    guard running[c].fds[s] == p.fd else { continue }
                    while true {
                        let n = buffer.withUnsafeMutableBytes { read(p.fd, $0.baseAddress, $0.count) }
                        if n > 0 {
                            running[c].output[s].append(contentsOf: buffer[0..<n])
                            if running[c].output[s].count > maxOutputBytes {
                                kill(running[c].pid, SIGKILL)
                                running[c].killedFor = .outputTooLarge
                                closeAll(&running[c])
                                break
                            }
                            continue
                        }
                        if n < 0 && errno == EINTR { continue }
                        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
                        close(p.fd)  // end of file, or an error: this stream is done
                        running[c].fds[s] = -1
                        break
                    }
                }
            }
            // Kill children past their deadline; reap those whose pipes are both closed.
            let later = Stopwatch.nowNanoseconds()
            for c in running.indices where running[c].killedFor == nil && later >= running[c].deadline {
                kill(running[c].pid, SIGKILL)
                running[c].killedFor = .timedOut
                closeAll(&running[c])
            }
            var c = 0
            while c < running.count {
                if running[c].fds.allSatisfy({ $0 < 0 }) {
                    let child = running.remove(at: c)
                    let ended = ChildProcess.reap(child.pid)
                    slots.release()
                    finished(
                        child.index,
                        ChildProcessResult(
                            termination: child.killedFor ?? ended, stdout: child.output[0], stderr: child.output[1]))
                } else {
                    c += 1
                }
            }
        }
    }

    private func closeAll(_ child: inout ChildProcess.Running) {
        for s in 0..<2 where child.fds[s] >= 0 {
            close(child.fds[s])
            child.fds[s] = -1
        }
    }
}
