-- wrk script of bench/pages.py and bench/_common.py: sends the Host header, cycles through the paths given
-- (one path: the same request every time), counts the answers by status and prints one line of JSON.
-- Usage: wrk ... -s bench/pages_wrk.lua http://127.0.0.1:<port>/ -- <host> <path> [<path> ...]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   host = args[1]
   paths = {}
   for index = 2, #args do
      table.insert(paths, args[index])
   end
   counter = 0
   statuses = {}
end

function request()
   counter = counter + 1
   local path = paths[(counter % #paths) + 1]
   return wrk.format("GET", path, { ["Host"] = host })
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
