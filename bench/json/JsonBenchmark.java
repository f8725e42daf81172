package jsonbench;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.apiroutes.json.Json;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * apiroutes' JSON against Jackson's ObjectMapper: write to UTF-8 bytes, read bytes into a tree,
 * read bytes into records. Average time per operation; lower is better.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonBenchmark {
    @Param({"small", "medium", "list100"})
    public String payload;

    private ObjectMapper mapper;
    private Object value;
    private byte[] bytes;
    private Type type;
    private JavaType jacksonType;

    @Setup
    public void setup() throws IOException, NoSuchMethodException {
        mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        switch (payload) {
            case "small" -> {
                value = Payloads.message();
                type = Payloads.Message.class;
            }
            case "medium" -> {
                value = Payloads.event(7);
                type = Payloads.Event.class;
            }
            case "list100" -> {
                value = Payloads.events(100);
                type = JsonBenchmark.class.getDeclaredMethod("listOfEvents").getGenericReturnType();
            }
            default -> throw new IllegalArgumentException(payload);
        }
        jacksonType = mapper.getTypeFactory().constructType(type);
        bytes = Json.toBytes(value);
        // both libraries must do the same work: same JSON, same values back
        check(Json.parse(bytes).equals(Json.parse(mapper.writeValueAsBytes(value))), "written JSON differs");
        check(value.equals(Json.read(bytes, type)), "our binding differs");
        check(value.equals(mapper.readValue(bytes, jacksonType)), "Jackson's binding differs");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Its generic return type is the list payload's target type. */
    static List<Payloads.Event> listOfEvents() {
        return null;
    }

    @Benchmark
    public byte[] writeOurs() {
        return Json.toBytes(value);
    }

    @Benchmark
    public byte[] writeJackson() throws IOException {
        return mapper.writeValueAsBytes(value);
    }

    @Benchmark
    public Object treeOurs() {
        return Json.parse(bytes);
    }

    @Benchmark
    public Object treeJackson() throws IOException {
        return mapper.readTree(bytes);
    }

    @Benchmark
    public Object bindOurs() {
        return Objects.requireNonNull(Json.read(bytes, type));
    }

    @Benchmark
    public Object bindJackson() throws IOException {
        return mapper.readValue(bytes, jacksonType);
    }
}
