-- wrk script for make bench: an optional POST body, and one machine-readable result line.
--   BENCH_BODY=bench/http/echo.json wrk -s bench/http/wrk.lua ...  -> POST that file as JSON
local body_file = os.getenv("BENCH_BODY")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a"):gsub("%s+$", "")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

-- BENCH_ACCEPT_ENCODING=gzip: ask for compressed answers; BENCH_CLOSE=1: a new connection per request
local accept = os.getenv("BENCH_ACCEPT_ENCODING")
if accept and accept ~= "" then
  wrk.headers["Accept-Encoding"] = accept
end
if os.getenv("BENCH_CLOSE") == "1" then
  wrk.headers["Connection"] = "close"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
