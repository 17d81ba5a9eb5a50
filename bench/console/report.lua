-- wrk reporter for bench/console/run.sh: one tab-separated line with the median, p95 and
-- mean latency (ms), requests per second, and the non-2xx/socket error counts.
-- The header to authenticate with comes from the environment (BENCH_HEADER="Name: value").
local header = os.getenv("BENCH_HEADER")
if header then
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.mean / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, summary.errors.status, errors))
end
