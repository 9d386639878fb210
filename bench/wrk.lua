-- wrk script of the benches (bench/_common.py, run_wrk): sends the Host header (and If-None-Match when an
-- `etag=` argument is given), cycles through the paths given (one path: the same request every time), counts
-- the answers by status and prints one line of JSON.
-- Usage: wrk ... -s bench/wrk.lua http://127.0.0.1:<port>/ -- <host> [etag=<etag>] <path> [<path> ...]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   wrk.headers["Host"] = args[1]
   paths = {}
   for index = 2, #args do
      local etag = args[index]:match("^etag=(.*)$")
      if etag then
         wrk.headers["If-None-Match"] = etag
      else
         table.insert(paths, args[index])
      end
   end
   counter = 0
   statuses = {}
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
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
