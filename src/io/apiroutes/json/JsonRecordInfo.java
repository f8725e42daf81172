package io.apiroutes.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;

/**
 * What the writer and the binder need to know about one record class, computed once per class
 * (see {@link JsonCodec}): its components in declaration order, their types, method handles on
 * their accessors and on the canonical constructor.
 *
 * <p>Records declared where this package cannot see them (a private record nested in a handler
 * class) are reached through {@code setAccessible}, which works for every package of the class
 * path (the unnamed module) and for packages a named module opens to this one.
 */
final class JsonRecordInfo {
    final Class<?> type;
    final String[] names;
    final Type[] types;
    final Class<?>[] rawTypes;
    /** {@code "name":} for the first component, {@code ,"name":} for the others, in UTF-8. */
    final byte[][] nameTokens;
    /**
     * How the writer reads each component without boxing: {@code 'I'} int, {@code 'J'} long,
     * {@code 'D'} double, {@code 'Z'} boolean, or 0 for a value read as an Object.
     */
    final char[] primitives;
    /** Accessors typed {@code (Object)int}, {@code (Object)long}, ... as {@link #primitives} says. */
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    /** The binder's converter for this record, built on first use (a benign race). */
    private volatile JsonBinder.Converter converter;

    private JsonRecordInfo(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        int n = components.length;
        this.type = type;
        this.names = new String[n];
        this.types = new Type[n];
        this.rawTypes = new Class<?>[n];
        this.nameTokens = new byte[n][];
        this.primitives = new char[n];
        this.accessors = new MethodHandle[n];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (int i = 0; i < n; i++) {
            RecordComponent c = components[i];
            names[i] = c.getName();
            types[i] = c.getGenericType();
            rawTypes[i] = c.getType();
            String token = (i == 0 ? "" : ",") + Json.write(names[i]) + ":";
            nameTokens[i] = token.getBytes(StandardCharsets.UTF_8);
            Method accessor = c.getAccessor();
            accessor.trySetAccessible();
            Class<?> raw = rawTypes[i];
            primitives[i] = raw == int.class ? 'I' : raw == long.class ? 'J'
                    : raw == double.class ? 'D' : raw == boolean.class ? 'Z' : 0;
            Class<?> read = primitives[i] == 0 ? Object.class : raw;
            try {
                accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(read, Object.class));
            } catch (IllegalAccessException e) {
                throw inaccessible(type, e);
            }
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(rawTypes);
            canonical.trySetAccessible();
            this.constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, n)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw inaccessible(type, e);
        }
    }

    static JsonRecordInfo of(Class<?> type) {
        return new JsonRecordInfo(type);
    }

    /** The value of component {@code i} of {@code record}, boxed if primitive. */
    Object get(int i, Object record) {
        try {
            switch (primitives[i]) {
                case 'I': return (int) accessors[i].invokeExact(record);
                case 'J': return (long) accessors[i].invokeExact(record);
                case 'D': return (double) accessors[i].invokeExact(record);
                case 'Z': return (boolean) accessors[i].invokeExact(record);
                default: return (Object) accessors[i].invokeExact(record);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** Component {@code i}, an int, of {@code record}. */
    int getInt(int i, Object record) {
        try {
            return (int) accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** Component {@code i}, a long, of {@code record}. */
    long getLong(int i, Object record) {
        try {
            return (long) accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** Component {@code i}, a double, of {@code record}. */
    double getDouble(int i, Object record) {
        try {
            return (double) accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /** Component {@code i}, a boolean, of {@code record}. */
    boolean getBoolean(int i, Object record) {
        try {
            return (boolean) accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * A new record from its component values. An {@link IllegalArgumentException} from the
     * constructor (a compact constructor's check) becomes a binding failure with its message.
     */
    Object construct(Object[] args) {
        try {
            return (Object) constructor.invokeExact(args);
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            throw JsonFailure.binding("invalid " + type.getSimpleName() + ": " + detail, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    JsonBinder.Converter converter() {
        return converter;
    }

    void converter(JsonBinder.Converter built) {
        converter = built;
    }

    private static JsonException inaccessible(Class<?> type, Exception cause) {
        return new JsonException("Cannot access record " + type.getName()
                + " (open its package to module io.apiroutes): " + cause.getMessage(), null, cause);
    }
}
