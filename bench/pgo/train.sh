#!/usr/bin/env bash
# Collects the execution profile that release builds are optimised with (profile-guided
# optimisation, LLVM IR level): bench/pgo/palisade.profdata, read by Package.swift.
#
#   bench/pgo/train.sh [OUT.profdata]
#
# Builds an instrumented palisade (scratch path .build-pgo-generate), runs it on a workload and
# merges the counts. The workload is what a plant gives the packet path, not the benchmark:
# every capture of ../shared/corpus except bench-src (the sources the benchmark file is made
# from), and a simulated plant with an attack (`palisade simulate`), through analyze, decode,
# inventory, map, detect and import. Re-run it after large changes to the packet path:
# functions whose code changed since the profile lose its guidance (the build still works).
# Environment: CORPUS (default ../shared/corpus next to the repository), PGO_SCRATCH (build folder
# of the instrumented binary, default .build-pgo-generate; used for nothing else).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-$root/bench/pgo/palisade.profdata}
corpus=${CORPUS:-$root/../shared/corpus}
[[ -d $corpus ]] || { echo "train.sh: no corpus at $corpus (set CORPUS)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
scratch=${PGO_SCRATCH:-$root/.build-pgo-generate}
echo "building the instrumented binary in $scratch" >&2
# Keep this folder for instrumented builds only: SwiftPM does not rebuild existing objects when
# only the PALISADE_PGO switch changes.
PALISADE_PGO=generate swift build -c release --scratch-path "$scratch" --product palisade >&2
palisade=$scratch/release/palisade

# One raw profile per process (%p); a corpus file that fails to parse still counts.
run() { LLVM_PROFILE_FILE="$work/raw/%p.profraw" "$palisade" "$@" > /dev/null 2>&1 || true; }

mapfile -t captures < <(find "$corpus" -path "$corpus/bench-src" -prune -o -type f \
    \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.pcap.gz' \) -print | sort)
run simulate --out "$work/plant.pcap" --minutes 20 --seed 7 --attack
captures+=("$work/plant.pcap")
echo "workload: ${#captures[@]} captures" >&2

for workers in 1 2; do
    run analyze "${captures[@]}" --format json --workers "$workers"
    run inventory "${captures[@]}" --format json --workers "$workers"
    run detect "${captures[@]}" --format jsonl --workers "$workers"
done
run decode "${captures[@]}" --format jsonl
run map "${captures[@]}" --format json
run import "$work/plant.pcap" --db "$work/store.db"

# The toolchain's own llvm-profdata: Debian's, earlier on PATH, cannot read these raw profiles.
"$(dirname "$(readlink -f "$(command -v swiftc)")")/llvm-profdata" merge --sparse -o "$out" "$work"/raw/*.profraw
echo "wrote $out ($(stat -c %s "$out") bytes)" >&2
