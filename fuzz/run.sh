#!/bin/sh
# Builds the libFuzzer target (fuzz/CaptureAndLayersFuzz.swift + Tests/MonitorTests/FuzzTargets.swift)
# with AddressSanitizer and runs it for SECONDS (default 60) over the seeds in fuzz/corpus/.
#
#   fuzz/run.sh [SECONDS]
#
# Modules are compiled one by one with swiftc straight from Sources/ (no SwiftPM), each into an
# object file and a .swiftmodule, instrumented for coverage (-sanitize=fuzzer) and ASan:
# BinaryParsing, PacketLayers, FlowTracking, EventModel, every Sources/IndustrialProtocols/* and Sources/NetworkProtocols/* module,
# PacketCapture (C modules CZlib, CPcap and the header-only CPrefetch via their module maps:
# -I Sources/CZlib -I Sources/CPcap -I Sources/CPrefetch, -lz -lpcap) and Monitor; then the fuzzer
# itself as module Fuzz.
#
# Then every protocol decoder alone (DecoderFuzzTargets: the input cut into segments or datagrams
# and fed straight to the decoder) for DECODER_SECONDS each (default 2; 0 skips them).
#
# Environment: FUZZ_BUILD_DIR (default: $TMPDIR/palisade-fuzz-build, outside the repository),
# FUZZ_OPT (default -O), FUZZ_SKIP_BUILD=1 (reuse the last build), DECODER_SECONDS.
# New interesting inputs go to $FUZZ_BUILD_DIR/corpus (the committed seeds are not modified).
# A crash leaves its input in fuzz/crashes/ and makes this script exit non-zero. After fixing the
# bug, move the input to fuzz/crashes-fixed/ so that FuzzSeedReplayTests replays it in CI.
set -eu
seconds=${1:-60}
cd "$(dirname "$0")/.."
root=$(pwd)
build=${FUZZ_BUILD_DIR:-${TMPDIR:-/tmp}/palisade-fuzz-build}
opt=${FUZZ_OPT:--O}
mkdir -p "$build/obj" "$build/corpus" "$root/fuzz/crashes"

common="-parse-as-library -swift-version 6 $opt -g -sanitize=fuzzer,address -I $build/obj -I $root/Sources/CZlib -I $root/Sources/CPcap -I $root/Sources/CLibcrypto -I $root/Sources/CPrefetch"

compile() {  # compile NAME FOLDER
    name=$1
    folder=$2
    files=$(find "$folder" -name '*.swift' | sort)
    [ -n "$files" ] || { echo "fuzz: no sources in $folder" >&2; exit 2; }
    echo "fuzz: compiling $name" >&2
    # shellcheck disable=SC2086
    swiftc $common -module-name "$name" -wmo -c $files -o "$build/obj/$name.o" \
        -emit-module -emit-module-path "$build/obj/$name.swiftmodule"
}

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$build/fuzz-capture-layers" ]; then
rm -rf "$build/obj"
mkdir -p "$build/obj"
compile BinaryParsing Sources/BinaryParsing
compile PacketLayers Sources/PacketLayers
compile FlowTracking Sources/FlowTracking
compile EventModel Sources/EventModel
for folder in Sources/IndustrialProtocols/*/ Sources/NetworkProtocols/*/; do
    compile "$(basename "$folder")" "$folder"
done
compile PacketCapture Sources/PacketCapture
compile Monitor Sources/Monitor

echo "fuzz: linking" >&2
# shellcheck disable=SC2086
swiftc $common -module-name Fuzz fuzz/CaptureAndLayersFuzz.swift Tests/MonitorTests/FuzzTargets.swift \
    Tests/MonitorTests/DecoderFuzzTargets.swift \
    "$build"/obj/*.o -lz -lpcap -lcrypto -o "$build/fuzz-capture-layers"
fi

echo "fuzz: running for $seconds s" >&2
status=0
"$build/fuzz-capture-layers" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 \
    -artifact_prefix="$root/fuzz/crashes/" "$build/corpus" "$root/fuzz/corpus" || status=$?
if [ "$status" -ne 0 ]; then
    echo "fuzz: the fuzzer failed (exit $status); crash inputs are in fuzz/crashes/" >&2
    exit "$status"
fi

decoder_seconds=${DECODER_SECONDS:-2}
if [ "$decoder_seconds" -gt 0 ]; then
    # The list mode prints the decoder names and exits inside the first input, which libFuzzer
    # reports as a crash: its artifact goes to the build folder, not the repository.
    for decoder in $(PALISADE_FUZZ_TARGET=list "$build/fuzz-capture-layers" -runs=1 \
        -artifact_prefix="$build/list-" 2>/dev/null); do
        mkdir -p "$build/corpus-$decoder"
        echo "fuzz: decoder $decoder for $decoder_seconds s" >&2
        PALISADE_FUZZ_TARGET=$decoder "$build/fuzz-capture-layers" -max_total_time="$decoder_seconds" -timeout=10 \
            -rss_limit_mb=2048 -max_len=4096 -artifact_prefix="$root/fuzz/crashes/$decoder-" \
            "$build/corpus-$decoder" >"$build/decoder-$decoder.log" 2>&1 || status=$?
        if [ "$status" -ne 0 ]; then
            tail -30 "$build/decoder-$decoder.log" >&2
            echo "fuzz: decoder $decoder failed (exit $status); crash inputs are in fuzz/crashes/" >&2
            exit "$status"
        fi
    done
fi
rmdir "$root/fuzz/crashes" 2>/dev/null || true
echo "fuzz: no crash in $seconds s (pipeline) and $decoder_seconds s per decoder" >&2
