-- wrk script of bench/interviews.py: sends the Host header (and If-None-Match when given), counts the
-- answers by status and prints one line of JSON with the figures the benchmark reports.
-- Usage: wrk ... -s bench/interviews_wrk.lua <url> -- <host> [<etag>]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   wrk.headers["Host"] = args[1]
   if args[2] ~= nil and args[2] ~= "" then
      wrk.headers["If-None-Match"] = args[2]
   end
   statuses = {}
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local counted = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         counted[tostring(status)] = (counted[tostring(status)] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(counted) do
      table.insert(parts, string.format('"%s": %d', status, count))
   end
   local errors = summary.errors
   io.write(string.format(
      'RESULT {"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "socket_errors": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ", ")))
end
