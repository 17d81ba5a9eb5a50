#!/usr/bin/env bash
# Store throughput (issue 5): `palisade import` against `palisade analyze` on the same capture,
# same workers, one run each, the capture in the page cache; then notable events written per
# second through the store (palisade-store-benchmark).
#
#   bench/store.sh BUILD_DIR CAPTURE [WORKERS]      e.g. bench/store.sh .build/release bench/work/bench-1g.pcap 2
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
bin=$1
capture=$2
workers=${3:-2}
work=$(mktemp -d /tmp/palisade-store-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
packets=$(capinfos -M -T -r -c "$capture" | awk -F'\t' 'NF>=2 {print $2; exit}')
cat "$capture" > /dev/null
now() { date +%s%N; }
t0=$(now)
"$bin/palisade" analyze "$capture" --format json --workers "$workers" > "$work/analyze.json"
t1=$(now)
/usr/bin/time -v -o "$work/import.time" "$bin/palisade" import "$capture" --db "$work/bench.db" --workers "$workers" > "$work/import.out"
t2=$(now)
analyze=$(awk -v p="$packets" -v t=$((t1 - t0)) 'BEGIN {printf "%.0f", p / (t / 1e9)}')
import=$(awk -v p="$packets" -v t=$((t2 - t1)) 'BEGIN {printf "%.0f", p / (t / 1e9)}')
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/import.time")
echo "capture: $capture, $packets packets, workers $workers"
echo "analyze: $(awk -v t=$((t1 - t0)) 'BEGIN {printf "%.2f", t / 1e9}') s, $analyze packets/s"
echo "import:  $(awk -v t=$((t2 - t1)) 'BEGIN {printf "%.2f", t / 1e9}') s, $import packets/s, peak RSS $((rss / 1024)) MB ($(cat "$work/import.out"))"
echo "import / analyze: $(awk -v a="$analyze" -v i="$import" 'BEGIN {printf "%.2f", i / a}') (target >= 0.70)"
"$bin/palisade" status --db "$work/bench.db" | sed -n '1,5p'
"$bin/palisade-store-benchmark" 200000 1000 "$work/events.db"
"$bin/palisade-store-benchmark" 200000 50 "$work/events.db"
