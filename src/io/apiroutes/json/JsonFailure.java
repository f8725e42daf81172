package io.apiroutes.json;

import java.util.ArrayList;

/**
 * A binding or writing failure on its way up the value tree: each level it passes adds its key
 * or index, so the path costs nothing until something fails. The facade turns it into a
 * {@link JsonException} whose message starts with (binding) or ends with (writing) that path.
 */
final class JsonFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int PATH_HEAD = 12;
    private static final int PATH_TAIL = 6;

    /** Path segments, innermost first: {@code ".name"}, {@code "[3]"}, {@code "[\"a b\"]"}. */
    private final ArrayList<String> segments = new ArrayList<>();
    private final boolean writing;

    private JsonFailure(String message, Throwable cause, boolean writing) {
        super(message, cause, false, false);
        this.writing = writing;
    }

    /** A binding failure: the tree does not fit the target type. */
    static JsonFailure binding(String message) {
        return new JsonFailure(message, null, false);
    }

    /** A binding failure raised by a constructor's own check. */
    static JsonFailure binding(String message, Throwable cause) {
        return new JsonFailure(message, cause, false);
    }

    /** A writing failure: the value cannot be written as JSON. */
    static JsonFailure writing(String message) {
        return new JsonFailure(message, null, true);
    }

    /** Adds the member {@code key} of the enclosing object to the path; returns this. */
    JsonFailure inKey(Object key) {
        segments.add(keySegment(String.valueOf(key)));
        return this;
    }

    /** Adds the element {@code index} of the enclosing array to the path; returns this. */
    JsonFailure inIndex(int index) {
        segments.add("[" + index + "]");
        return this;
    }

    /** The exception the caller sees. */
    JsonException toException() {
        String path = path();
        if (writing) {
            String message = segments.isEmpty() ? getMessage() : getMessage() + " (at " + path + ")";
            return new JsonException(message, path, getCause());
        }
        return new JsonException(path + ": " + getMessage(), path, getCause());
    }

    private String path() {
        StringBuilder sb = new StringBuilder("$");
        int n = segments.size();
        for (int i = n - 1; i >= 0; i--) {
            int outer = n - 1 - i;
            if (n > PATH_HEAD + PATH_TAIL && outer == PATH_HEAD) {
                sb.append("...");
                i = PATH_TAIL - 1;
            }
            sb.append(segments.get(i));
        }
        return sb.toString();
    }

    private static String keySegment(String key) {
        if (isIdentifier(key)) {
            return "." + key;
        }
        return "[" + ByteSink.quote(key) + "]";
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
