package io.apiroutes;

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
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    /** The binder's converters for the components, built on first use (a benign race). */
    private volatile JsonBinder.Converter[] converters;

    private JsonRecordInfo(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        int n = components.length;
        this.type = type;
        this.names = new String[n];
        this.types = new Type[n];
        this.rawTypes = new Class<?>[n];
        this.nameTokens = new byte[n][];
        this.accessors = new MethodHandle[n];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType getterType = MethodType.methodType(Object.class, Object.class);
        for (int i = 0; i < n; i++) {
            RecordComponent c = components[i];
            names[i] = c.getName();
            types[i] = c.getGenericType();
            rawTypes[i] = c.getType();
            String token = (i == 0 ? "" : ",") + Json.write(names[i]) + ":";
            nameTokens[i] = token.getBytes(StandardCharsets.UTF_8);
            Method accessor = c.getAccessor();
            accessor.trySetAccessible();
            try {
                accessors[i] = lookup.unreflect(accessor).asType(getterType);
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

    /** The value of component {@code i} of {@code record}. */
    Object get(int i, Object record) {
        try {
            return (Object) accessors[i].invokeExact(record);
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

    JsonBinder.Converter[] converters() {
        return converters;
    }

    void converters(JsonBinder.Converter[] built) {
        converters = built;
    }

    private static JsonException inaccessible(Class<?> type, Exception cause) {
        return new JsonException("Cannot access record " + type.getName()
                + " (open its package to module io.apiroutes): " + cause.getMessage(), null, cause);
    }
}
