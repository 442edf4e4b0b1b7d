// TestKillPoint: a test hook for crash safety. When the environment variable IMRSEARCH_TEST_KILL_AT names
// a point (read once), the process kills itself with SIGKILL on reaching it — as a power cut or the OOM
// killer would, with no cleanup. The points of an index build, in order:
//   walked    the letters are listed; no lock taken yet
//   locked    the lock is held; leftovers of dead builds not yet removed
//   cleaned   leftovers removed; nothing parsed yet
//   inverted  every batch parsed and inverted (runs in memory or spilled beside the index)
//   merged    the new index written to its temporary file, header not yet written, nothing fsynced
//   synced    (AtomicFileWriter) the temporary file fsynced and closed, not yet renamed
//   renamed   (AtomicFileWriter) renamed over the destination, the folder not yet fsynced
//   published the index published; the build folder and the lock not yet cleaned up
// An update (`index --update`) passes the same points: inverted = its letters parsed, merged = the
// delta's images written to the build folder; synced and renamed come first for those scratch images,
// then for the delta file.
// Unset (always, outside tests) it costs one comparison of a nil optional.
#if canImport(Glibc)
    import Glibc
#endif

public enum TestKillPoint {
    static let target: String? = getenv("IMRSEARCH_TEST_KILL_AT").map { String(cString: $0) }

    /// Every point an index build passes, in order.
    public static let buildPoints = [
        "walked", "locked", "cleaned", "inverted", "merged", "synced", "renamed", "published",
    ]

    @inline(__always) static func reached(_ point: String) {
        if let target, target == point { raise(SIGKILL) }
    }
}
