-- wrk script of bench_http.py: rotate over the paths in WRK_PATHS (a file, one per line),
-- send WRK_METHOD (default GET) with the body in WRK_BODY (a file) and the headers in
-- WRK_HEADERS (a file, "Name: value" per line), and print one JSON line of figures at the end.

local function lines(name)
  local found = {}
  if name == nil or name == "" then return found end
  for line in io.lines(name) do
    if line ~= "" then found[#found + 1] = line end
  end
  return found
end

local function slurp(name)
  if name == nil or name == "" then return nil end
  local handle = assert(io.open(name, "rb"))
  local text = handle:read("*a")
  handle:close()
  return text
end

local method = os.getenv("WRK_METHOD") or "GET"
local paths = lines(os.getenv("WRK_PATHS"))
local body = slurp(os.getenv("WRK_BODY"))
local headers = {}
for _, line in ipairs(lines(os.getenv("WRK_HEADERS"))) do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  headers[name] = value
end
local counter = 0

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
