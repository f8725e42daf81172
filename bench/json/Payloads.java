package jsonbench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The three payloads: a one-field record, a record of twelve mixed fields, a list of 100 of those. */
public final class Payloads {
    private Payloads() {
    }

    /** {@code {"message":"Hello"}}. */
    public record Message(String message) {}

    /** The small record nested in {@link Event}. */
    public record Address(String city, String zip) {}

    /** Twelve fields: strings, ints, longs, a double, a boolean, a record, a list, a date. */
    public record Event(long id, String name, String description, int count, int priority, long createdMillis,
            double score, boolean active, Address address, List<String> tags, LocalDate day, String status) {}

    public static Message message() {
        return new Message("Hello");
    }

    public static Event event(int i) {
        return new Event(1_000_000L + i, "event-" + i, "A medium-length description of event number " + i,
                i * 7, i % 5, 1_717_171_717_000L + i * 1000L, 3.25 + i, i % 2 == 0,
                new Address("Lyon", "6900" + (i % 10)), List.of("red", "green", "blue-" + i),
                LocalDate.of(2024, 1 + i % 12, 1 + i % 28), i % 3 == 0 ? "OPEN" : "CLOSED");
    }

    public static List<Event> events(int n) {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(event(i));
        }
        return events;
    }
}
