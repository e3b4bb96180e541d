-- wrk's summary as one JSON line for bench/run.py: requests/s, p50/p99 in ms, errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "rps": %.2f, "p50": %.3f, "p99": %.3f, "non2xx3xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
