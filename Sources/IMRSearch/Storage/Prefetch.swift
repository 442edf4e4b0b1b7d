// Prefetch: asks the processor to start loading a cache line that will be read soon, without waiting
// for it. The inverter's hot loop looks up many terms whose table slots and counters miss the caches;
// issuing the loads a few tokens ahead overlaps those misses instead of paying them one after another.
//
// Swift has no prefetch in its standard library; LLVM's portable `llvm.prefetch` intrinsic is reached
// by declaring it under its LLVM name (the compiler emits a call to a function of that name, which LLVM
// treats as the intrinsic). It becomes one `prefetcht0` on x86-64 and `prfm pldl1keep` on arm64; a
// prefetch never faults, so any address is allowed, even one past the end of a buffer.

@_silgen_name("llvm.prefetch.p0")
@usableFromInline
func _llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ dataCache: Int32)

/// Starts loading the cache line holding `address` into every cache level, for reading.
@inline(__always)
func prefetch(_ address: UnsafeRawPointer) {
    _llvmPrefetch(address, 0, 3, 1)
}
