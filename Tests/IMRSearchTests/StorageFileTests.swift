// The thin system layer: memory mapping, atomic publish with fsync + rename, the build lock across
// processes, stale temporaries of dead processes.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct StorageFileTests {
    @Test func aSpillBufferKeepsItsBytesInOrderInMemoryOrOnDisk() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-spill")
        var rng = SplitMix(seed: 41)
        for limit in [0, 100, 5_000, 1 << 20] {
            let buffer = SpillBuffer(directory: dir, name: "spill-\(limit)", memoryLimit: limit)
            var expected: [UInt8] = []
            for _ in 0..<40 {
                let chunk = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                try chunk.withUnsafeBytes { try buffer.append($0) }
                expected += chunk
            }
            var read: [UInt8] = []
            try buffer.forEachChunk { read += $0 }
            #expect(read == expected)
            #expect(buffer.length == expected.count)
            // Within the limit nothing touches the disk; beyond it, one scratch file, removed on close.
            #expect(FileIO.exists(dir + "/spill-\(limit)") == (expected.count > limit))
            buffer.close()
            #expect(!FileIO.exists(dir + "/spill-\(limit)"))
        }
    }

    @Test func mappedFilesOfEveryShape() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-map")
        try FileIO.writeAll(dir + "/empty", [])
        try FileIO.writeAll(dir + "/data", Array("hello".utf8))
        #expect(try MappedFile(path: dir + "/empty").bytes.count == 0)
        let mapped = try MappedFile(path: dir + "/data")  // the mapping lives as long as the object
        #expect(Array(mapped.bytes) == Array("hello".utf8))
        #expect(throws: SystemError.self) { try MappedFile(path: dir + "/missing") }
        #expect(throws: SystemError.self) { try MappedFile(path: dir) }
    }

    @Test func atomicPublishReplacesWholeOrNotAtAll() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-atomic")
        let target = dir + "/index"
        try FileIO.writeAll(target, Array("old".utf8))
        let oldMapping = try MappedFile(path: target)
        let writer = try AtomicFileWriter(destination: target)
        try writer.write(Array("new contents".utf8))
        try writer.write(Array("NEW".utf8), at: 0)
        #expect(try FileIO.readAll(target) == Array("old".utf8))  // not published yet
        try writer.commit()
        #expect(try FileIO.readAll(target) == Array("NEW contents".utf8))
        #expect(Array(oldMapping.bytes) == Array("old".utf8))  // a reader of the old file keeps it
        #expect(!FileIO.exists(writer.temporaryPath))

        let aborted = try AtomicFileWriter(destination: target)
        try aborted.write(Array("half".utf8))
        aborted.abort()
        #expect(try FileIO.readAll(target) == Array("NEW contents".utf8))
        #expect(!FileIO.exists(aborted.temporaryPath))
        do {
            let dropped = try AtomicFileWriter(destination: target)
            try dropped.write(Array("x".utf8))
            #expect(FileIO.exists(dropped.temporaryPath))
        }  // deinit aborts
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers == [])
    }

    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-stale")
        let target = dir + "/index"
        let dead: Int32 = 999_999  // beyond pid_max on Linux
        try FileIO.writeAll(target + ".tmp-\(dead)-12345", [1, 2, 3])
        try FileIO.writeAll(target + ".tmp-\(getpid())-1", [1])  // ours: kept
        AtomicFileWriter.removeStaleTemporaries(for: target)
        #expect(!FileIO.exists(target + ".tmp-\(dead)-12345"))
        #expect(FileIO.exists(target + ".tmp-\(getpid())-1"))
    }

    @Test func theLockIsExclusiveAcrossProcessesAndFreedWhenReleased() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-lock")
        let path = dir + "/x.lock"
        let lock = try FileLock(path: path)
        func otherProcessCanLock() throws -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "python3", "-c",
                "import fcntl,sys; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX|fcntl.LOCK_NB)", path,
            ]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
        #expect(try !otherProcessCanLock())
        lock.release()
        #expect(try otherProcessCanLock())
        let again = try FileLock(path: path)
        #expect(throws: FileLockError.self) { try FileLock(path: path) }  // a second descriptor, same process
        again.release()
    }
}
