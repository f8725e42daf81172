package io.apiroutes.json;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * The JSON engine behind the {@link Json} facade, which holds its one instance. It owns the
 * per-class caches: how the writer writes a class, and the metadata of each record class (its
 * components, accessors and canonical constructor, looked up by reflection once).
 *
 * <p>The caches are {@link ClassValue}s: an entry lives with its class and does not keep the
 * class's loader alive, so redeploying an application does not leak the old one.
 */
final class JsonCodec {
    private final ClassValue<JsonKind> kinds = new ClassValue<>() {
        @Override
        protected JsonKind computeValue(Class<?> type) {
            return JsonKind.of(type);
        }
    };

    private final ClassValue<JsonRecordInfo> records = new ClassValue<>() {
        @Override
        protected JsonRecordInfo computeValue(Class<?> type) {
            return JsonRecordInfo.of(type);
        }
    };

    JsonKind kind(Class<?> type) {
        return kinds.get(type);
    }

    JsonRecordInfo record(Class<?> type) {
        return records.get(type);
    }

    /** Writes {@code value} as JSON into {@code sink}. */
    void write(Object value, ByteSink sink) {
        try {
            new JsonWriter(this, sink).write(value);
        } catch (JsonFailure f) {
            throw f.toException();
        } catch (StackOverflowError e) {
            // a safety net: the depth cap keeps ordinary threads far from this
            throw new JsonException("Cannot write: nesting too deep for this thread's stack", null);
        }
    }

    /** Binds a parsed tree to {@code type}. */
    Object convert(Object tree, Type type) {
        try {
            return new JsonBinder(this).converter(type, Map.of()).convert(tree);
        } catch (JsonFailure f) {
            throw f.toException();
        }
    }
}
