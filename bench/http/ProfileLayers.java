import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of a server under load and prints, per layer of apiroutes, the share of the
 * CPU samples ({@code jdk.ExecutionSample}) whose innermost apiroutes frame is in that layer: what the
 * layer costs with the JDK code it calls. Samples with no apiroutes frame are the JDK's engine
 * ({@code sun.net.httpserver}), or the JVM and JDK otherwise (a virtual thread's scheduler, timers).
 * For {@code bench/http/profile.sh}.
 *
 * <pre>java ProfileLayers recording.jfr     prints "layer samples percent" lines</pre>
 */
public final class ProfileLayers {
    private ProfileLayers() {}

    public static void main(String[] args) throws IOException {
        Map<String, Integer> samples = new TreeMap<>();
        int all = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples.merge(layer(event.getStackTrace()), 1, Integer::sum);
            all++;
        }
        for (Map.Entry<String, Integer> e : samples.entrySet()) {
            System.out.printf("%s\t%d\t%.1f%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, all));
        }
        System.out.println("all\t" + all + "\t100.0");
    }

    /** The layer of the innermost apiroutes (or handler) frame, or of the JDK code when there is none. */
    static String layer(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        boolean jdkEngine = false;
        for (RecordedFrame frame : frames) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("api.")) {
                return "handler";
            }
            if (type.startsWith("io.apiroutes.")) {
                return layerOf(type.substring("io.apiroutes.".length()));
            }
            jdkEngine |= type.startsWith("sun.net.httpserver.");
        }
        return jdkEngine ? "JDK engine (sun.net.httpserver)" : "JVM and JDK, no apiroutes frame";
    }

    private static String layerOf(String type) {
        String pkg = type.contains(".") ? type.substring(0, type.indexOf('.')) : "";
        String simple = type.substring(type.lastIndexOf('.') + 1);
        switch (pkg) {
            case "http1":
            case "engine":
                return "engine (http1)";
            case "jdk":
                return "JDK engine adapter (jdk)";
            case "routing":
                return "routing";
            case "json":
                return "JSON";
            case "http":
                return simple.startsWith("Etag") ? "ETag" : "HTTP rules (http)";
            case "exchange":
                return simple.startsWith("Logging") || simple.startsWith("ErrorLog") ? "logging" : "dispatcher (exchange)";
            default:
                return "request/response facade";
        }
    }
}
