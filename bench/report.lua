-- wrk reports p50/p90/p99 by default; the benchmark also wants p95 and the bytes, as JSON.
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "bytes": %d, "errors": %d, "non2xx": %d, ' ..
    '"p50": %f, "p95": %f, "p99": %f}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
