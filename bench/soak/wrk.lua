-- Prints one line the soak script parses: counts, latency percentiles (microseconds) and errors.
done = function(summary, latency, requests)
    io.write(string.format(
        "SOAK requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d "
            .. "connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
        summary.requests, summary.duration,
        latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
        summary.errors.status))
end
