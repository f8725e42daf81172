// In the package of Etag: a benchmark of the server's own code, run by
// bench/etag/run.sh against the classes of src/ (never part of a jar).
package io.apiroutes.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What an answer's ETag costs: the hash of its body, for bodies of a hello answer to a large list. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EtagBenchmark {
    @Param({"30", "1024", "65536"})
    public int size;

    private byte[] body;

    @Setup
    public void setup() {
        body = new byte[size];
        ThreadLocalRandom.current().nextBytes(body);
    }

    @Benchmark
    public String etag() {
        return Etag.of(body, 0, body.length);
    }
}
