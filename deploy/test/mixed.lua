-- make test-deploy: three GETs for each POST, and every answer that is not 2xx counted.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  -- made here, after wrk has set the Host header
  local get = wrk.format("GET", "/api/child/hello")
  requests = {get, get, get,
    wrk.format("POST", "/api/child/echo", {["Content-Type"] = "application/json"}, '{"n":[1,2,3],"s":"deploy"}')}
  i = 0
  non2xx = 0
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("WRK requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d rps=%.0f\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout, summary.requests / (summary.duration / 1e6)))
end
