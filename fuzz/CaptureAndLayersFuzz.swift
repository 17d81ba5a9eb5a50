// libFuzzer entry point: every input goes through the capture readers, `LayerDecoder.decode`,
// a `PacketProcessor`, and (as Ethernet / raw IP frames) through `FragmentReassembler`.
// The targets themselves are in `Tests/MonitorTests/FuzzTargets.swift`, compiled into this fuzzer by
// `fuzz/run.sh` and replayed by `FuzzSeedReplayTests` — one copy of the code for both.
import BinaryParsing
import EventModel

#if canImport(Glibc)
    import Glibc
#endif

/// The capture target needs a file: one per process, overwritten by every input.
nonisolated(unsafe) let scratchPath: String = {
    // A RAM-backed folder when there is one: the file is rewritten for every input.
    let folder =
        access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp")
    return "\(folder)/palisade-fuzz-\(getpid()).capture"
}()

nonisolated(unsafe) var sink = 0

/// PALISADE_FUZZ_TARGET: unset or `pipeline` for the capture/pipeline target, or a protocol name
/// (`modbus`, `tls`, …) for that decoder alone (`DecoderFuzzTargets`).
nonisolated(unsafe) let decoderTarget: ProtocolRegistration? = {
    guard let name = getenv("PALISADE_FUZZ_TARGET").map({ String(cString: $0) }), name != "pipeline" else {
        return nil
    }
    if name == "list" {
        // write(2), not print: libFuzzer ends the process without flushing stdio buffers.
        let names = DecoderFuzzTargets.registrations.map { $0.name + "\n" }.joined()
        _ = names.withCString { write(1, $0, strlen($0)) }
        exit(0)
    }
    guard let registration = DecoderFuzzTargets.registration(named: name) else {
        print("fuzz: no decoder named \(name); known: \(DecoderFuzzTargets.registrations.map(\.name))")
        exit(2)
    }
    return registration
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    if let decoderTarget {
        sink &+= DecoderFuzzTargets.run(decoderTarget, ByteView(input))
    } else {
        sink &+= FuzzTargets.runAll(input, scratchPath: scratchPath)
    }
    return 0
}
