#!/usr/bin/env bash
# Side-by-side throughput benchmark: palisade modes, the C floor (cfloor) and tshark.
#
#   bench/run.sh PALISADE_BIN CAPTURE            (PALISADE_BIN "-" or missing: palisade skipped)
#
# Prints a markdown table to stdout (progress goes to stderr). Environment:
#   PALISADE_MODES        palisade argument lists separated by ';', "{capture}" is replaced by
#                         the capture path; default:
#                         "analyze {capture} --format json --workers 1;analyze {capture} --format json --workers 2"
#   TSHARK_LIMIT_PACKETS  run tshark on the first N packets only (-c N) and scale its time to the
#                         whole capture: start-up (a -c 1 run) + per-packet part x total/N,
#                         labelled ESTIMATE in the table; unset/0 = whole capture
#   REPEAT                runs per tool (default 1); the run with the median wall time is reported
#   SKIP                  space-separated subset of: palisade cfloor tshark
#   CFLOOR_BIN            default bench/work/cfloor (built from bench/cfloor.c if missing/stale)
#   BENCH_LOGS            directory for per-run output (default bench/work/runs/<date-time>)
# Every tool runs under /usr/bin/time -v (peak RSS = "Maximum resident set size"); the capture
# is read once beforehand so that every tool starts with it in the page cache.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $# -ne 2 ]]; then
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
palisade=$1
capture=$2
[[ -r $capture ]] || { echo "run.sh: cannot read $capture" >&2; exit 1; }
modes=${PALISADE_MODES:-"analyze {capture} --format json --workers 1;analyze {capture} --format json --workers 2"}
tshark_limit=${TSHARK_LIMIT_PACKETS:-0}
repeat=${REPEAT:-1}
skip=" ${SKIP:-} "
cfloor=${CFLOOR_BIN:-$here/work/cfloor}
logs=${BENCH_LOGS:-$here/work/runs/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$logs"

[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

if [[ $skip != *" cfloor "* && $cfloor == "$here/work/cfloor" &&
      ( ! -x $cfloor || $here/cfloor.c -nt $cfloor ) ]]; then
    mkdir -p "$here/work"
    echo "building $cfloor" >&2
    cc -O2 -o "$cfloor" "$here/cfloor.c" -lpcap
fi

# Capture facts.
file_bytes=$(stat -c %s "$capture")
total_packets=$(capinfos -M -T -r -c "$capture" 2>/dev/null | awk -F'\t' 'NF>=2 {print $2; exit}')
[[ $total_packets =~ ^[0-9]+$ ]] || { echo "run.sh: capinfos could not count packets" >&2; exit 1; }
echo "capture: $capture, $file_bytes bytes, $total_packets packets; logs in $logs" >&2
cat "$capture" > /dev/null   # warm the page cache
load_start=$(cut -d" " -f1-3 /proc/loadavg)

# measure NAME CMD... : runs CMD $repeat times; sets m_wall (s), m_cpu (user+sys s), m_rss
# (KiB), m_out, m_rc of the median run.
measure() {
    local name=$1; shift
    local walls=() i t0 t1 rc
    for ((i = 1; i <= repeat; i++)); do
        echo "  $name run $i/$repeat: $*" >&2
        t0=$(date +%s%N)
        rc=0
        /usr/bin/time -v -o "$logs/$name.$i.time" "$@" > "$logs/$name.$i.out" 2> "$logs/$name.$i.err" || rc=$?
        t1=$(date +%s%N)
        echo "$rc" > "$logs/$name.$i.rc"
        walls+=("$(( t1 - t0 )) $i")
    done
    local med
    med=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v n="$repeat" 'NR == int((n + 1) / 2) {print $2}')
    m_wall=$(printf '%s\n' "${walls[@]}" | awk -v k="$med" '$2 == k {printf "%.3f", $1 / 1e9}')
    m_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$logs/$name.$med.time")
    m_cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$logs/$name.$med.time")
    m_out=$logs/$name.$med.out
    m_rc=$(cat "$logs/$name.$med.rc")
    echo "  $name: ${m_wall}s wall, ${m_cpu}s CPU, rss ${m_rss} KiB, exit $m_rc (run $med)" >&2
}

# First integer value of a key "packets" in a JSON document (top level first, then breadth-first).
json_packets() {
    python3 - "$1" <<'EOF'
import json, sys
try:
    doc = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
queue = [doc]
while queue:
    x = queue.pop(0)
    if isinstance(x, dict):
        v = x.get('packets')
        if isinstance(v, int) and not isinstance(v, bool):
            print(v)
            break
        queue.extend(x.values())
    elif isinstance(x, list):
        queue.extend(x)
EOF
}

# rows: label|packets|wall|cpu|rss|note|kind
rows=()

if [[ $skip != *" palisade "* ]]; then
    if [[ $palisade != "-" && -x $palisade ]]; then
        IFS=';' read -r -a mode_list <<< "$modes"
        n=0
        for mode in "${mode_list[@]}"; do
            n=$((n + 1))
            read -r -a args <<< "$mode"
            for i in "${!args[@]}"; do args[i]=${args[i]//\{capture\}/$capture}; done
            label="palisade ${mode//\{capture\}/CAPTURE}"
            measure "palisade$n" "$palisade" "${args[@]}"
            pk=$(json_packets "$m_out")
            note=""
            if [[ -z $pk ]]; then pk=$total_packets; note="packets from capinfos"; fi
            if [[ $m_rc != 0 ]]; then note="FAILED (exit $m_rc, see $logs/palisade$n.*.err)"; fi
            rows+=("$label|$pk|$m_wall|$m_cpu|$m_rss|$note|palisade")
        done
    else
        rows+=("palisade (TODO: binary '$palisade' not available, numbers to be added)||||||palisade")
    fi
fi

if [[ $skip != *" cfloor "* ]]; then
    measure cfloor "$cfloor" "$capture"
    pk=$(grep -o 'packets=[0-9]*' "$m_out" | head -1 | cut -d= -f2)
    fl=$(grep -o ' flows=[0-9]*' "$m_out" | head -1 | cut -d= -f2)
    rows+=("C floor (cfloor: libpcap + flow table)|${pk:-$total_packets}|$m_wall|$m_cpu|$m_rss|${fl:-?} TCP/UDP flows|cfloor")
fi

if [[ $skip != *" tshark "* ]]; then
    if [[ $tshark_limit =~ ^[0-9]+$ && $tshark_limit -gt 0 && $tshark_limit -lt $total_packets ]]; then
        # Fixed start-up cost (dissector registration, ~1 s) measured with -c 1; only the
        # per-packet part of the limited run is scaled to the whole capture.
        measure tshark-startup tshark -q -z io,stat,0 -r "$capture" -c 1
        startup=$m_wall
        startup_cpu=$m_cpu
        measure tshark tshark -q -z io,stat,0 -r "$capture" -c "$tshark_limit"
        scaled=$(awk -v s="$startup" -v w="$m_wall" -v n="$tshark_limit" -v t="$total_packets" \
            'BEGIN {d = w - s; if (d < 0) d = 0; printf "%.3f", s + d * t / n}')
        scaled_cpu=$(awk -v s="$startup_cpu" -v w="$m_cpu" -v n="$tshark_limit" -v t="$total_packets" \
            'BEGIN {d = w - s; if (d < 0) d = 0; printf "%.2f", s + d * t / n}')
        rows+=("tshark -q -z io,stat,0 (ESTIMATE: first $tshark_limit packets, scaled)|$total_packets|$scaled|$scaled_cpu|$m_rss|measured ${m_wall}s (${m_cpu}s CPU) for $tshark_limit packets incl. ${startup}s (${startup_cpu}s CPU) start-up; wall and CPU = start-up + per-packet part x $(awk -v n="$tshark_limit" -v t="$total_packets" 'BEGIN {printf "%.2f", t / n}'); RSS of the partial run|tshark")
    else
        measure tshark tshark -q -z io,stat,0 -r "$capture"
        rows+=("tshark -q -z io,stat,0|$total_packets|$m_wall|$m_cpu|$m_rss||tshark")
    fi
fi

# Reference rates for the ratios.
pps_of() { awk -v p="$1" -v w="$2" 'BEGIN {if (p > 0 && w > 0) printf "%.0f", p / w; else print ""}'; }
floor_pps=""; tshark_pps=""
for r in "${rows[@]}"; do
    IFS='|' read -r label pk wall cpu rss note kind <<< "$r"
    [[ $kind == cfloor ]] && floor_pps=$(pps_of "$pk" "$wall")
    [[ $kind == tshark ]] && tshark_pps=$(pps_of "$pk" "$wall")
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
echo "Capture: \`$(basename "$capture")\`, $(awk -v b="$file_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB, $total_packets packets. Machine: $(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr). Date: $(date -u +%Y-%m-%dT%H:%MZ). Runs per tool: $repeat (median reported), page cache warm; load average before: $load_start, after: $(cut -d" " -f1-3 /proc/loadavg)."
echo
echo "| tool | packets | wall s | CPU s | packets/s | packets/CPU-s | MB/s | peak RSS MB | x C floor (pps) | x tshark (pps) | note |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for r in "${rows[@]}"; do
    IFS='|' read -r label pk wall cpu rss note kind <<< "$r"
    if [[ -z $wall ]]; then
        echo "| $label | TODO | TODO | TODO | TODO | TODO | TODO | TODO | TODO | TODO | $note |"
        continue
    fi
    pps=$(pps_of "$pk" "$wall")
    awk -v l="$label" -v pk="$pk" -v w="$wall" -v pps="$pps" -v b="$file_bytes" -v rss="$rss" \
        -v fp="$floor_pps" -v tp="$tshark_pps" -v note="$note" -v cpu="$cpu" 'BEGIN {
        rf = (fp != "" && fp > 0) ? sprintf("%.3f", pps / fp) : "n/a";
        rt = (tp != "" && tp > 0) ? sprintf("%.2f", pps / tp) : "n/a";
        ppc = (cpu != "" && cpu > 0) ? sprintf("%.0f", pk / cpu) : "n/a";
        if (cpu == "") cpu = "n/a";
        printf "| %s | %d | %.2f | %s | %.0f | %s | %.1f | %.0f | %s | %s | %s |\n",
            l, pk, w, cpu, pps, ppc, b / 1e6 / w, rss / 1024, rf, rt, note }'
done
