package io.apiroutes.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named values of a class written as a JSON object, looked up once per class (see
 * {@link JsonType}) and read through method handles: the components of a record, in declaration
 * order, with its canonical constructor for binding; or the public getters and fields of another
 * class, in alphabetical order.
 *
 * <p>Records declared where this package cannot see them (a private record nested in a handler
 * class) are reached through {@code setAccessible}, which works for every package of the class
 * path (the unnamed module) and for packages a named module opens to this one. Other classes
 * are read only through what they make public.
 */
final class JsonProperties {
    final String[] names;
    /** {@code "name":} for the first property, {@code ,"name":} for the others, in UTF-8. */
    final byte[][] nameTokens;
    /**
     * How the writer reads each value without boxing: {@code 'I'} int, {@code 'J'} long,
     * {@code 'D'} double, or 0 for a value read as an Object (a boolean's box is shared).
     */
    final char[] primitives;
    /** A record's component types; null for another class. */
    final Type[] types;
    /** The declared class of each value. */
    final Class<?>[] rawTypes;
    /** Accessors typed {@code (Object)int}, {@code (Object)long}, ... as {@link #primitives} says. */
    private final MethodHandle[] accessors;
    /** A record's canonical constructor; null for another class. */
    private final MethodHandle constructor;
    /** It as {@code (Object[])Object}, made at the first bind: most records are only written, and its adapters cost start-up time. */
    private MethodHandle spreadConstructor;
    private final Class<?> type;

    private JsonProperties(Class<?> type, String[] names, MethodHandle[] handles, Type[] types, MethodHandle constructor) {
        int n = names.length;
        this.type = type;
        this.names = names;
        this.types = types;
        this.constructor = constructor;
        this.nameTokens = new byte[n][];
        this.primitives = new char[n];
        this.rawTypes = new Class<?>[n];
        this.accessors = new MethodHandle[n];
        for (int i = 0; i < n; i++) {
            nameTokens[i] = ((i == 0 ? "" : ",") + ByteSink.quote(names[i]) + ":").getBytes(StandardCharsets.UTF_8);
            Class<?> raw = handles[i].type().returnType();
            rawTypes[i] = raw;
            primitives[i] = raw == int.class ? 'I' : raw == long.class ? 'J' : raw == double.class ? 'D' : 0;
            Class<?> read = primitives[i] == 0 ? Object.class : raw;
            accessors[i] = handles[i].asType(MethodType.methodType(read, Object.class));
        }
    }

    /** The components of a record class. */
    static JsonProperties ofRecord(Class<?> type) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            RecordComponent[] components = type.getRecordComponents();
            int n = components.length;
            String[] names = new String[n];
            Type[] types = new Type[n];
            Class<?>[] raw = new Class<?>[n];
            MethodHandle[] handles = new MethodHandle[n];
            for (int i = 0; i < n; i++) {
                RecordComponent c = components[i];
                names[i] = c.getName();
                types[i] = c.getGenericType();
                raw[i] = c.getType();
                Method accessor = c.getAccessor();
                accessor.trySetAccessible();
                handles[i] = lookup.unreflect(accessor);
            }
            Constructor<?> canonical = type.getDeclaredConstructor(raw);
            canonical.trySetAccessible();
            return new JsonProperties(type, names, handles, types, lookup.unreflectConstructor(canonical));
        } catch (IllegalAccessException e) {
            // a set-up error, not the client's: the server answers 500 and logs how to fix it
            throw new IllegalStateException("Cannot access record " + type.getName() + ": open package "
                    + type.getPackageName() + " to module io.apiroutes (" + e.getMessage() + ")", e);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("Cannot read record " + type.getName() + ": " + e, e);
        }
    }

    /**
     * The public getters ({@code getX()}, {@code isX()} for a boolean) and public fields of a
     * public class, by name in alphabetical order, a getter winning over a field of the same
     * name; null when it has none that this module can read.
     */
    static JsonProperties ofBean(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        Map<String, MethodHandle> found = new TreeMap<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            for (Field f : type.getFields()) {
                int modifiers = f.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    found.put(f.getName(), lookup.findGetter(type, f.getName(), f.getType()));
                }
            }
            for (Method m : type.getMethods()) {
                String name = propertyName(m);
                if (name != null) {
                    found.put(name, lookup.findVirtual(type, m.getName(), MethodType.methodType(m.getReturnType())));
                }
            }
        } catch (IllegalAccessException | NoSuchFieldException | NoSuchMethodException e) {
            return null; // a package its module does not export
        }
        if (found.isEmpty()) {
            return null;
        }
        return new JsonProperties(type, found.keySet().toArray(new String[0]),
                found.values().toArray(new MethodHandle[0]), null, null);
    }

    /** The property a public method reads, as Jackson names it ({@code getURL} is {@code url}), or null. */
    private static String propertyName(Method m) {
        String name = m.getName();
        Class<?> returns = m.getReturnType();
        int start = name.startsWith("get") && returns != void.class ? 3
                : name.startsWith("is") && returns == boolean.class ? 2 : -1;
        if (start < 0 || name.length() == start || m.getParameterCount() != 0 || m.isBridge()
                || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
            return null;
        }
        char[] chars = name.substring(start).toCharArray();
        for (int i = 0; i < chars.length && Character.isUpperCase(chars[i]); i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** The value of property {@code i} of {@code object}, not primitive. */
    Object get(int i, Object object) {
        try {
            return (Object) accessors[i].invokeExact(object);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Property {@code i}, an int, of {@code object}. */
    int getInt(int i, Object object) {
        try {
            return (int) accessors[i].invokeExact(object);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Property {@code i}, a long, of {@code object}. */
    long getLong(int i, Object object) {
        try {
            return (long) accessors[i].invokeExact(object);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Property {@code i}, a double, of {@code object}. */
    double getDouble(int i, Object object) {
        try {
            return (double) accessors[i].invokeExact(object);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * A new record from its component values. An {@link IllegalArgumentException} or a
     * {@link NullPointerException} from the constructor (a compact constructor's check, such as
     * {@code Objects.requireNonNull(title, "title is required")}) becomes a binding failure with
     * its message: {@code invalid NewTodo: title is required}.
     */
    Object construct(Object[] args) {
        MethodHandle spread = spreadConstructor;
        if (spread == null) { // a race makes an equal handle twice
            spread = constructor.asSpreader(Object[].class, args.length).asType(MethodType.methodType(Object.class, Object[].class));
            spreadConstructor = spread;
        }
        try {
            return (Object) spread.invokeExact(args);
        } catch (IllegalArgumentException | NullPointerException e) {
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw JsonFailure.binding("invalid " + type.getSimpleName() + detail, e);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** What an accessor or constructor threw, unchecked as it was, or wrapped if it was checked. */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new UndeclaredThrowableException(e);
    }
}
