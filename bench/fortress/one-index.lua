-- wrk script for goal 2 of issue 3: GET /api/v1/cycles/{c}/fortress-indices/{org} spread over
-- many organisations, each request with the bearer token of the city that owns the cycle.
--
--   wrk -t2 -c50 -d30s --latency -s one-index.lua http://127.0.0.1:8081 -- TOKENS TARGETS RESULT
--
-- TOKENS:  one access token per line (line n = token n)
-- TARGETS: "<path> <token line>" per line, in random order
-- RESULT:  file to which done() writes key=value lines (latencies in ms)

local tokens_file, targets_file, result_file
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  tokens_file, targets_file = args[1], args[2]
  tokens, paths, auth = {}, {}, {}
  for line in io.lines(tokens_file) do
    table.insert(tokens, "Bearer " .. line)
  end
  for line in io.lines(targets_file) do
    local p, t = line:match("^(%S+)%s+(%d+)$")
    if p then
      table.insert(paths, p)
      table.insert(auth, tokens[tonumber(t)])
    end
  end
  counter = offset % #paths
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], { ["Authorization"] = auth[counter], ["Accept"] = "application/json" })
end

function done(summary, latency, requests)
  local f = io.open(os.getenv("WRK_RESULT") or "/dev/stdout", "w")
  local secs = summary.duration / 1e6
  f:write(string.format("requests=%d\n", summary.requests))
  f:write(string.format("seconds=%.1f\n", secs))
  f:write(string.format("rps=%.0f\n", summary.requests / secs))
  f:write(string.format("non2xx=%d\n", summary.errors.status))
  f:write(string.format("socket_errors=%d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    f:write(string.format("p%s=%.2f\n", tostring(p):gsub("%.", "_"), latency:percentile(p) / 1000))
  end
  f:write(string.format("max=%.2f\n", latency.max / 1000))
  f:write(string.format("mean=%.2f\n", latency.mean / 1000))
  f:close()
end
