package io.apiroutes.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.HostileLog;
import io.apiroutes.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The log of 500s: directly, which error carries its stack trace and what the others say; and
 * through HTTP, a route that fails on every request.
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ErrorLogTest {
    private static final long MINUTE = ErrorLog.INTERVAL_NANOS;

    @Test
    void admit_theFirstOfAKindIsTraced_theRestPointToIt() {
        ErrorLog log = new ErrorLog();

        ErrorLog.Verdict first = log.admit("a1", "/api/x", StackOverflowError.class, 0);
        ErrorLog.Verdict second = log.admit("a2", "/api/x", StackOverflowError.class, 1);
        ErrorLog.Verdict third = log.admit("a3", "/api/x", StackOverflowError.class, MINUTE - 1);

        assertEquals(new ErrorLog.Verdict(true, 0, null), first);
        assertEquals(new ErrorLog.Verdict(false, 0, "a1"), second);
        assertEquals(new ErrorLog.Verdict(false, 0, "a1"), third);
    }

    @Test
    void admit_anIntervalAfterTheTrace_theNextIsTracedAgainWithTheCountSince() {
        ErrorLog log = new ErrorLog();
        log.admit("a1", "/api/x", IllegalStateException.class, 0);
        for (int i = 0; i < 5; i++) {
            log.admit("b" + i, "/api/x", IllegalStateException.class, 10 + i);
        }

        ErrorLog.Verdict again = log.admit("c1", "/api/x", IllegalStateException.class, MINUTE);
        ErrorLog.Verdict after = log.admit("c2", "/api/x", IllegalStateException.class, MINUTE + 1);
        ErrorLog.Verdict quiet = log.admit("d1", "/api/x", IllegalStateException.class, 5 * MINUTE);

        assertEquals(new ErrorLog.Verdict(true, 5, "a1"), again);
        assertEquals(new ErrorLog.Verdict(false, 0, "c1"), after);
        assertEquals(new ErrorLog.Verdict(true, 1, "c1"), quiet);
    }

    @Test
    void admit_aKindIsARouteAndAnExceptionClass() {
        ErrorLog log = new ErrorLog();
        log.admit("a1", "/api/x", IllegalStateException.class, 0);

        assertTrue(log.admit("a2", "/api/x", IllegalArgumentException.class, 1).trace(), "another class");
        assertTrue(log.admit("a3", "/api/y", IllegalStateException.class, 2).trace(), "another route");
        assertFalse(log.admit("a4", "/api/y", IllegalStateException.class, 3).trace());
    }

    @Test
    void admit_pastTheMostKinds_noTrace_untilOldKindsCanBeForgotten() {
        ErrorLog log = new ErrorLog();
        for (int i = 0; i < ErrorLog.MAX_KINDS; i++) {
            assertTrue(log.admit("k" + i, "/api/r" + i, Error.class, 0).trace());
        }

        ErrorLog.Verdict full = log.admit("n1", "/api/new", Error.class, MINUTE - 1);
        ErrorLog.Verdict known = log.admit("n2", "/api/r7", Error.class, MINUTE - 1);
        ErrorLog.Verdict later = log.admit("n3", "/api/new", Error.class, MINUTE);
        ErrorLog.Verdict forgotten = log.admit("n4", "/api/r7", Error.class, MINUTE);

        assertEquals(new ErrorLog.Verdict(false, 0, null), full);
        assertEquals(new ErrorLog.Verdict(false, 0, "k7"), known);
        assertEquals(new ErrorLog.Verdict(true, 0, null), later, "the kinds traced a minute ago made room");
        assertEquals(new ErrorLog.Verdict(true, 0, null), forgotten, "forgotten, so its count went with it");
    }

    @Test
    void forget_tracesEveryKindAfresh() {
        ErrorLog log = new ErrorLog();
        log.admit("a1", "/api/x", Error.class, 0);

        log.forget();

        assertTrue(log.admit("a2", "/api/x", Error.class, 1).trace());
    }

    @Test
    void summary_classAndMessageOnOneShortLine_andNoMessageIsTheClassAlone() {
        String longMessage = "x".repeat(ErrorLog.CLIP_CHARS + 50);

        assertEquals("java.lang.StackOverflowError", ErrorLog.summary(new StackOverflowError()));
        assertEquals("java.lang.IllegalStateException: bad  input ", ErrorLog.summary(new IllegalStateException("bad\r\ninput\t")));
        assertEquals("java.lang.IllegalArgumentException: " + "x".repeat(ErrorLog.CLIP_CHARS) + "...",
                ErrorLog.summary(new IllegalArgumentException(longMessage)));
        assertEquals("\ud83d\ude00".repeat(ErrorLog.CLIP_CHARS / 2 - 1) + "a...",
                ErrorLog.clip("\ud83d\ude00".repeat(ErrorLog.CLIP_CHARS / 2 - 1) + "a\ud83d\ude00b"), "a pair is never split");
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{16})\"");

    /** The ids of the 500 bodies of {@code count} requests to the path. */
    private static List<String> fail(TestServer server, String path, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = server.get(path);
            assertEquals(500, response.statusCode(), response.body());
            Matcher id = ID.matcher(response.body());
            assertTrue(id.find(), response.body());
            ids.add(id.group(1));
        }
        return ids;
    }

    /** The error lines logged for these ids, one each, in the order of the ids. */
    private static List<LogRecord> linesOf(HostileLog log, List<String> ids) {
        List<LogRecord> lines = new ArrayList<>();
        for (String id : ids) {
            List<LogRecord> found = new ArrayList<>();
            for (LogRecord record : log.records()) {
                if (record.getMessage().startsWith("error " + id + " ")) {
                    found.add(record);
                }
            }
            assertEquals(1, found.size(), "lines for error " + id);
            lines.add(found.get(0));
        }
        return lines;
    }

    @Test
    void routeThatAlwaysFails_logsOneStackTrace_andALinePer500WithItsId() throws Exception {
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/fails", (req, res) -> {
            if (req.query("other") != null) {
                throw new IllegalStateException("bad\r\ninput");
            }
            throw new StackOverflowError();
        })) {
            List<String> ids = fail(server, "/api/fails", 50);
            List<String> otherIds = fail(server, "/api/fails?other=1", 2);

            assertEquals(50, new HashSet<>(ids).size(), "distinct ids");
            List<LogRecord> lines = linesOf(log, ids);
            assertTrue(lines.get(0).getThrown() instanceof StackOverflowError);
            assertTrue(lines.get(0).getMessage().endsWith(" answering GET /api/fails"), lines.get(0).getMessage());
            for (LogRecord line : lines.subList(1, lines.size())) {
                assertNull(line.getThrown(), line.getMessage());
                assertTrue(line.getMessage().endsWith(" answering GET /api/fails: java.lang.StackOverflowError"
                        + " (stack trace under error " + ids.get(0) + ")"), line.getMessage());
            }
            List<LogRecord> other = linesOf(log, otherIds);
            assertTrue(other.get(0).getThrown() instanceof IllegalStateException, "a second kind gets its own trace");
            assertNull(other.get(1).getThrown());
            assertTrue(other.get(1).getMessage().endsWith(": java.lang.IllegalStateException: bad  input (stack trace under error "
                    + otherIds.get(0) + ")"), other.get(1).getMessage());
            Set<String> traced = new HashSet<>();
            for (LogRecord record : log.records()) {
                if (record.getThrown() != null) {
                    traced.add(record.getMessage());
                }
            }
            assertEquals(2, traced.size(), traced.toString());
            server.assertAlive();
        }
    }
}
