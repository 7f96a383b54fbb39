-- A reader mix for wrk: pages and text, plain and compressed, fresh and conditional.
-- Every response is tallied by status, and its body length by (ETag, Content-Encoding), so that done()
-- can tell whether any response was incomplete or disagreed with another one carrying the same ETag.

local home_etag = os.getenv("HOME_ETAG") or '"none"'
local text_etag = os.getenv("TEXT_ETAG") or '"none"'

local requests = {}

function init(args)
  requests = {
    wrk.format("GET", "/"),
    wrk.format("GET", "/article.txt"),
    wrk.format("GET", "/", { ["If-None-Match"] = home_etag }),
    wrk.format("GET", "/article.txt", { ["If-None-Match"] = text_etag }),
    wrk.format("GET", "/", { ["Accept-Encoding"] = "br, gzip" }),
    wrk.format("GET", "/article.txt", { ["Accept-Encoding"] = "gzip" }),
    wrk.format("GET", "/", { ["Accept-Encoding"] = "gzip", ["If-None-Match"] = home_etag }),
  }
end

local next_request = 0

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

-- Per thread; done() gathers them with thread:get, which copies flat tables only.
statuses = {}
lengths = {}      -- "etag|encoding|length" -> count
incomplete = 0    -- Content-Length disagreeing with the body, or an identity page not ending its HTML

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 then return end

  local length = #body
  local declared = tonumber(headers["Content-Length"])
  local encoding = headers["Content-Encoding"] or "identity"
  if declared and declared ~= length then incomplete = incomplete + 1 end
  if encoding == "identity" and (headers["Content-Type"] or ""):find("text/html", 1, true)
     and not body:find("</html>", 1, true) then
    incomplete = incomplete + 1
  end

  local key = (headers["ETag"] or "no-etag") .. "|" .. encoding .. "|" .. length
  lengths[key] = (lengths[key] or 0) + 1
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local all_statuses, all_lengths, all_incomplete = {}, {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      all_statuses[status] = (all_statuses[status] or 0) + count
    end
    for key, count in pairs(thread:get("lengths")) do
      local representation, length = key:match("^(.*)|(%d+)$")
      all_lengths[representation] = all_lengths[representation] or {}
      all_lengths[representation][length] = (all_lengths[representation][length] or 0) + count
    end
    all_incomplete = all_incomplete + thread:get("incomplete")
  end

  local unexpected = 0
  io.write("SOAK statuses:")
  for status, count in pairs(all_statuses) do
    io.write(string.format(" %d=%d", status, count))
    if status ~= 200 and status ~= 304 then unexpected = unexpected + count end
  end
  io.write("\n")

  -- Only an ETag seen with two body lengths is listed: each republish adds a few consistent ones.
  local inconsistent, distinct = 0, 0
  for key, by_length in pairs(all_lengths) do
    local shown, variants = {}, 0
    for length, count in pairs(by_length) do
      variants = variants + 1
      table.insert(shown, string.format("%s bytes x%d", length, count))
    end
    distinct = distinct + 1
    if variants > 1 then
      inconsistent = inconsistent + 1
      io.write(string.format("SOAK inconsistent %s: %s\n", key, table.concat(shown, ", ")))
    end
  end

  local errors = summary.errors
  io.write(string.format("SOAK requests=%d socket_errors=%d (connect %d, read %d, write %d, timeout %d) non_2xx_304=%d\n",
    summary.requests, errors.connect + errors.read + errors.write + errors.timeout,
    errors.connect, errors.read, errors.write, errors.timeout, unexpected))
  io.write(string.format("SOAK incomplete=%d etags_with_differing_lengths=%d distinct_etag_codings=%d\n", all_incomplete, inconsistent, distinct))
  io.write(string.format("SOAK latency_ms p50=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
