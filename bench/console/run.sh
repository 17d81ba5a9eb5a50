#!/usr/bin/env bash
# Console speed (issue 9): every page and API list call of `palisade serve` on a large store
# (10,000 assets, 100,000 alerts by default), measured with wrk at concurrency 1 and 8:
# median and p95 latency and requests/s, as a markdown table on stdout.
#
#   bench/console/run.sh BUILD_DIR [DB]       e.g. bench/console/run.sh .build/release bench/work/console.db
#
# BUILD_DIR holds `palisade` and `palisade-console-bench-store` (swift build -c release).
# DB is made with palisade-console-bench-store when missing (a few minutes) and kept for the
# next run, with its baseline (DB.baseline.yaml, learned from it) and zones (DB.zones.yaml,
# suggested from it) next to it. Environment: DURATION (s per measurement, default 10),
# CONCURRENCY ("1 8"), PORT (18080), ONLY (a regular expression: measure only matching
# paths), ASSETS (10000) and ALERTS (100000) for a new store.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
bin=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
db=${2:-$here/../work/console.db}
duration=${DURATION:-10}
concurrency=${CONCURRENCY:-1 8}
port=${PORT:-18080}
command -v wrk > /dev/null || { echo "run.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
mkdir -p "$(dirname "$db")"
if [[ ! -f $db ]]; then
  "$bin/palisade-console-bench-store" "$db" "${ASSETS:-10000}" "${ALERTS:-100000}" >&2
  rm -f "$db.baseline.yaml" "$db.baseline.yaml.reviewed" "$db.zones.yaml"
fi
db=$(cd "$(dirname "$db")" && pwd)/$(basename "$db")
# What /baseline and /zones read: the sensor's baseline (learned from the store; the reviewed
# copy from the first hour, so the page shows the changes since), and zones suggested from it.
if [[ ! -f $db.baseline.yaml ]]; then
  "$bin/palisade" baseline learn --db "$db" --out "$db.baseline.yaml" >&2
  "$bin/palisade" baseline learn --db "$db" --until 2025-12-01T01:00:00Z --out "$db.baseline.yaml.reviewed" >&2
fi
[[ -f $db.zones.yaml ]] || "$bin/palisade" zones suggest --db "$db" --out "$db.zones.yaml" >&2
work=$(mktemp -d /tmp/palisade-console-bench.XXXXXX)
server=
user=bench$$
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2> /dev/null; wait "$server" 2> /dev/null || true; fi
  "$bin/palisade" users remove "$user" --db "$db" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A fresh admin and token on every run (the names carry the run's pid; removed at exit).
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" | "$bin/palisade" users add "$user" --role admin --password-stdin --db "$db" > /dev/null
token=$("$bin/palisade" users token "bench-$$" --user "$user" --db "$db" | sed 's/.*: //')

"$bin/palisade" serve --db "$db" --zones "$db.zones.yaml" --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -s -o /dev/null "$base/login" && break; sleep 0.1; done
curl -s -o /dev/null -c "$work/cookies" --data-urlencode "user=$user" --data-urlencode "password=$password" \
  --data-urlencode "next=/" "$base/login"
session=$(awk '$6 == "palisade_session" {print $7}' "$work/cookies")
[[ -n $session ]] || { echo "run.sh: login failed" >&2; exit 1; }

# One asset and one alert to open (the riskiest asset, the newest alert).
asset=$(curl -sf -H "Authorization: Bearer $token" "$base/api/assets?page_size=1" |
  python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["items"][0]["id"], safe=""))')
alert=$(curl -sf -H "Authorization: Bearer $token" "$base/api/alerts?page_size=1" |
  python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["items"][0]["id"], safe=""))')

# /report last: each download is audited, and /audit is measured before it.
pages="/ /assets /assets/$asset /map /alerts /alerts/$alert /alert-groups /vulnerabilities /zones /baseline /access
  /users /audit /import /report"
api="/api/status /api/assets /api/alerts /api/alert-groups /api/vulnerabilities /api/assets/$asset /api/access
  /api/zones /api/users /api/audit /api/map /api/baseline /api/tokens /api/captures"

echo "| path | first ms | c | median ms | p95 ms | mean ms | req/s | requests | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
measure() {
  local path=$1 header=$2 c first
  [[ -z ${ONLY:-} || $path =~ $ONLY ]] || return 0
  # One request first, timed on its own: pages that rebuild from the observations or parse the
  # baseline pay for it once per store change, then serve what they kept.
  first=$(curl -s -o /dev/null --max-time 300 -H "$header" -w '%{time_total}' "$base$path" |
    awk '{printf "%.1f", $1 * 1000}')
  for c in $concurrency; do
    local line
    line=$(BENCH_HEADER=$header wrk -t "$c" -c "$c" -d "${duration}s" --timeout 30s -s "$here/report.lua" \
      "$base$path" | awk -F'\t' '$1 == "RESULT"')
    echo "$line" | awk -F'\t' -v p="$path" -v c="$c" -v f="$first" \
      '{printf "| `%s` | %s | %s | %s | %s | %s | %.1f | %s | %s |\n", p, f, c, $2, $3, $4, $5, $6, $7 + $8}'
    first=
  done
}
for path in $pages; do measure "$path" "Cookie: palisade_session=$session"; done
for path in $api; do measure "$path" "Authorization: Bearer $token"; done
