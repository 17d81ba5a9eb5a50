#!/usr/bin/env bash
# Make a large, plant-like benchmark capture, deterministically.
#
#   bench/make-capture.sh OUT.pcap [TARGET_MB]      (TARGET_MB default 1000, MB = 10^6 bytes)
#
# Copies every public capture in $BENCH_SRC (default ../shared/corpus/bench-src beside the repository) many
# times, each copy with its own addresses (fresh 10.x.y.0/24 per original /24, MACs shifted
# behind their OUI, every 4th copy in an 802.1Q VLAN), spread over one hour, merged in time
# order into a classic pcap. See make_capture.py for the details; python3 stdlib only.
# Same inputs and parameters -> byte-identical output (~40 s per GB on one core).
# Tunables (change the output!): BENCH_DURATION (s, 3600), BENCH_MAX_GAP (s, 10),
# BENCH_VLAN_EVERY (4, 0 = no VLANs), BENCH_EPOCH (first timestamp, 1767225600).
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$1
mkdir -p "$(dirname "$out")"
exec python3 "$here/make_capture.py" "$out" "${2:-1000}"
