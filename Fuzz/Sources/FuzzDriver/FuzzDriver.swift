// FuzzDriver: hands control to libFuzzer. SwiftPM gives every executable a Swift `main` (it links `main`
// to the module's entry point), so libFuzzer's own main is never linked in; the entry point calls
// libFuzzer's LLVMFuzzerRunDriver instead, with the command line and the function to fuzz. Needs the
// build flag -sanitize=fuzzer (which links libFuzzer); without it this does not link.
#if canImport(Glibc)
    import Glibc
#endif

public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTarget
) -> CInt

/// Runs libFuzzer with this process's arguments on `target`, then exits with libFuzzer's status.
public func runLibFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}
