#!/usr/bin/env bash
# Interleaved comparison of palisade binaries against the C floor, for a VM whose speed drifts
# from minute to minute (one run.sh table cannot show a change of a few per cent here).
#
#   bench/interleave.sh ROUNDS MODE CAPTURE LABEL=BINARY...
#
# MODE: analyze | inventory | detect (2 workers, the formats run.sh's sections use). Each round
# runs the C floor, then every binary once, in the order given; per run it prints wall time,
# CPU time (user + sys) and the ratio C floor wall / palisade wall of that round. At the end,
# per binary: the median of the per-round ratios, the median wall and CPU times, and in how
# many rounds it had the best ratio. Check first that the binaries give the same output.
# Environment: CFLOOR_BIN (default bench/work/cfloor), WORKERS (default 2).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $# -lt 4 ]]; then
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
rounds=$1
mode=$2
capture=$3
shift 3
cfloor=${CFLOOR_BIN:-$here/work/cfloor}
workers=${WORKERS:-2}
[[ -x $cfloor ]] || { echo "interleave.sh: no C floor at $cfloor (cc -O2 -o $cfloor bench/cfloor.c -lpcap)" >&2; exit 1; }
[[ -r $capture ]] || { echo "interleave.sh: cannot read $capture" >&2; exit 1; }
case $mode in
    analyze) arguments=(analyze "$capture" --format json --workers "$workers") ;;
    inventory) arguments=(inventory "$capture" --format json --workers "$workers") ;;
    detect) arguments=(detect "$capture" --format jsonl --workers "$workers") ;;
    *) echo "interleave.sh: MODE is analyze, inventory or detect, not '$mode'" >&2; exit 2 ;;
esac
labels=()
binaries=()
for pair in "$@"; do
    [[ $pair == *=* ]] || { echo "interleave.sh: '$pair' is not LABEL=BINARY" >&2; exit 2; }
    labels+=("${pair%%=*}")
    binaries+=("${pair#*=}")
    [[ -x ${pair#*=} ]] || { echo "interleave.sh: ${pair#*=} is not executable" >&2; exit 1; }
done

times=$(mktemp)
trap 'rm -f "$times"' EXIT
# Runs the command; sets `wall` and `cpu` (seconds).
measure() {
    /usr/bin/time -o "$times" -f "%e %U %S" "$@" > /dev/null 2>&1 || {
        echo "interleave.sh: '$*' failed" >&2
        exit 1
    }
    read -r wall user system < "$times"
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
}

cat "$capture" > /dev/null  # page cache warm for every run
declare -A ratios walls cpus wins
for ((round = 1; round <= rounds; round++)); do
    measure "$cfloor" "$capture"
    floor=$wall
    line="round $round: C floor ${floor} s"
    best=""
    best_ratio=0
    for index in "${!labels[@]}"; do
        label=${labels[$index]}
        measure "${binaries[$index]}" "${arguments[@]}"
        ratio=$(awk -v f="$floor" -v w="$wall" 'BEGIN { printf "%.3f", f / w }')
        ratios[$label]+=" $ratio"
        walls[$label]+=" $wall"
        cpus[$label]+=" $cpu"
        line+=" | $label ${wall} s wall, ${cpu} s CPU, ${ratio}x"
        if awk -v r="$ratio" -v b="$best_ratio" 'BEGIN { exit !(r > b) }'; then
            best=$label
            best_ratio=$ratio
        fi
    done
    wins[$best]=$((${wins[$best]:-0} + 1))
    echo "$line"
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo
echo "| binary | median x C floor | median wall s | median CPU s | best in rounds |"
echo "|---|---:|---:|---:|---:|"
for label in "${labels[@]}"; do
    echo "| $label | $(median <<< "${ratios[$label]}") | $(median <<< "${walls[$label]}") | $(median <<< "${cpus[$label]}") | ${wins[$label]:-0} of $rounds |"
done
