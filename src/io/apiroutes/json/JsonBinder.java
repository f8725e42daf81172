package io.apiroutes.json;

import static io.apiroutes.json.JsonScalars.enumConverter;
import static io.apiroutes.json.JsonScalars.integer;
import static io.apiroutes.json.JsonScalars.mismatch;
import static io.apiroutes.json.JsonScalars.nullable;
import static io.apiroutes.json.JsonScalars.primitiveConverter;
import static io.apiroutes.json.JsonScalars.textConverter;
import static io.apiroutes.json.JsonScalars.toDouble;
import static io.apiroutes.json.JsonScalars.toText;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Binds a parsed JSON tree to a Java type: records, collections, maps, arrays and optionals here,
 * numbers, text, enums and the ISO-8601 types in {@link JsonScalars}. The work is split into a
 * {@link Converter} per type, built once per record (cached with the record's metadata) and
 * once per call for the top-level type. A mismatch throws a {@link JsonFailure} that collects
 * the path on its way out.
 */
final class JsonBinder {
    /** Converts a JSON tree value (which may be null) to one Java type. */
    @FunctionalInterface
    interface Converter {
        Object convert(Object json);
    }

    private static final Converter IDENTITY = json -> json;

    private final JsonCodec codec;

    JsonBinder(JsonCodec codec) {
        this.codec = codec;
    }

    /** The converter for {@code type}; type variables are resolved by {@code bindings}. */
    Converter converter(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return classConverter(c);
        }
        if (type instanceof ParameterizedType p) {
            return parameterizedConverter(p, bindings);
        }
        if (type instanceof GenericArrayType g) {
            Type element = g.getGenericComponentType();
            return arrayConverter(rawClass(element, bindings), converter(element, bindings));
        }
        if (type instanceof WildcardType w) {
            return converter(w.getUpperBounds()[0], bindings);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null ? converter(bound, bindings) : converter(v.getBounds()[0], Map.of());
        }
        throw JsonFailure.binding("cannot bind JSON to " + type.getTypeName());
    }

    // ---- classes

    private Converter classConverter(Class<?> c) {
        if (c == String.class) {
            return nullable(json -> {
                if (json instanceof String s) {
                    return s;
                }
                throw mismatch("a string", json);
            });
        }
        if (c.isPrimitive()) {
            return primitiveConverter(c);
        }
        if (c == Object.class) {
            return IDENTITY;
        }
        if (c == Integer.class) {
            return nullable(json -> (int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (c == Long.class) {
            return nullable(json -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (c == Double.class) {
            return nullable(JsonScalars::toDouble);
        }
        if (c == Boolean.class) {
            return nullable(JsonScalars::toBoolean);
        }
        if (c == BigDecimal.class) {
            return nullable(JsonScalars::toBigDecimal);
        }
        if (c == BigInteger.class) {
            return nullable(JsonScalars::toBigInteger);
        }
        if (c == Short.class) {
            return nullable(json -> (short) integer(json, Short.MIN_VALUE, Short.MAX_VALUE));
        }
        if (c == Byte.class) {
            return nullable(json -> (byte) integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE));
        }
        if (c == Float.class) {
            return nullable(JsonScalars::toFloat);
        }
        if (c == Character.class) {
            return nullable(JsonScalars::toChar);
        }
        if (c == Number.class) {
            return nullable(json -> {
                if (json instanceof Number) {
                    return json;
                }
                throw mismatch("a number", json);
            });
        }
        if (c.isRecord()) {
            return recordConverter(codec.record(c), Map.of());
        }
        if (c.isEnum()) {
            return enumConverter(c);
        }
        if (c.isArray()) {
            Class<?> element = c.getComponentType();
            if (element == byte.class) {
                return nullable(JsonScalars::toBytes);
            }
            if (element == char.class) {
                return nullable(json -> toText(json).toCharArray());
            }
            return arrayConverter(element, converter(element, Map.of()));
        }
        if (c == Optional.class) {
            return json -> Optional.ofNullable(json);
        }
        if (c == OptionalInt.class) {
            return json -> json == null ? OptionalInt.empty()
                    : OptionalInt.of((int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (c == OptionalLong.class) {
            return json -> json == null ? OptionalLong.empty()
                    : OptionalLong.of(integer(json, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (c == OptionalDouble.class) {
            return json -> json == null ? OptionalDouble.empty() : OptionalDouble.of(toDouble(json));
        }
        Converter container = containerConverter(c, IDENTITY, IDENTITY);
        if (container != null) {
            return container;
        }
        Converter text = textConverter(c);
        if (text != null) {
            return text;
        }
        throw JsonFailure.binding("cannot bind JSON to " + c.getName());
    }

    private Converter parameterizedConverter(ParameterizedType p, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw.isRecord()) {
            TypeVariable<?>[] params = raw.getTypeParameters();
            // the outer bindings stay, for arguments such as List<T> that use them
            Map<TypeVariable<?>, Type> resolved = new HashMap<>(bindings);
            for (int i = 0; i < params.length; i++) {
                Type arg = resolve(args[i], bindings);
                if (arg != params[i]) {
                    resolved.put(params[i], arg);
                } else {
                    resolved.remove(params[i]);
                }
            }
            return recordConverter(codec.record(raw), resolved);
        }
        if (raw == Optional.class) {
            Converter inner = converter(args[0], bindings);
            return json -> json == null ? Optional.empty() : Optional.ofNullable(inner.convert(json));
        }
        Converter key = IDENTITY;
        Converter value = IDENTITY;
        if (Map.class.isAssignableFrom(raw)) {
            key = keyConverter(args[0], bindings);
            value = converter(args[1], bindings);
        } else if (Iterable.class.isAssignableFrom(raw)) {
            value = converter(args[0], bindings);
        }
        Converter container = containerConverter(raw, key, value);
        if (container != null) {
            return container;
        }
        throw JsonFailure.binding("cannot bind JSON to " + p.getTypeName());
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        return type;
    }

    private static Class<?> rawClass(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType(), bindings), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0], bindings);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null ? rawClass(bound, bindings) : rawClass(v.getBounds()[0], Map.of());
        }
        return Object.class;
    }

    // ---- records

    /**
     * The converter for a record; the one of a non-generic record is cached with its metadata.
     * Its component converters are built on its first use (a benign race), so that a record may
     * contain itself.
     */
    private Converter recordConverter(JsonRecordInfo info, Map<TypeVariable<?>, Type> bindings) {
        boolean generic = !bindings.isEmpty();
        if (!generic && info.converter() != null) {
            return info.converter();
        }
        Object[] defaults = new Object[info.names.length];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = missingValue(info.rawTypes[i]);
        }
        Converter[][] built = new Converter[1][];
        Converter converter = json -> {
            if (!(json instanceof Map<?, ?> map)) {
                if (json == null) {
                    return null;
                }
                throw mismatch("an object", json);
            }
            Converter[] converters = built[0];
            if (converters == null) {
                converters = componentConverters(info, bindings);
                built[0] = converters;
            }
            String[] names = info.names;
            Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                Object value = map.get(name);
                if (value == null && !map.containsKey(name)) {
                    args[i] = defaults[i];
                } else {
                    try {
                        args[i] = converters[i].convert(value);
                    } catch (JsonFailure f) {
                        throw f.inKey(name);
                    }
                }
            }
            return info.construct(args);
        };
        if (!generic) {
            info.converter(converter);
        }
        return converter;
    }

    private Converter[] componentConverters(JsonRecordInfo info, Map<TypeVariable<?>, Type> bindings) {
        Converter[] converters = new Converter[info.names.length];
        for (int i = 0; i < converters.length; i++) {
            try {
                converters[i] = lazy(info.types[i], bindings);
            } catch (JsonFailure f) {
                throw f.inKey(info.names[i]);
            }
        }
        return converters;
    }

    /**
     * A converter that builds its delegate on first use, so that a record may contain itself
     * ({@code record Node(List<Node> children)}) without building converters forever.
     */
    private Converter lazy(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c && !c.isRecord() && !c.isArray()) {
            return converter(type, bindings);
        }
        Converter[] delegate = new Converter[1];
        return json -> {
            Converter d = delegate[0];
            if (d == null) {
                d = converter(type, bindings);
                delegate[0] = d;
            }
            return d.convert(json);
        };
    }

    /** What a component missing from the JSON object gets. */
    private static Object missingValue(Class<?> type) {
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    // ---- containers

    /** A converter for a list, set, collection or map class, or null if {@code raw} is none. */
    private static Converter containerConverter(Class<?> raw, Converter key, Converter value) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return nullable(json -> {
                List<?> list = array(json);
                ArrayList<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(element(value, list.get(i), i));
                }
                return out;
            });
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return nullable(json -> {
                List<?> list = array(json);
                LinkedHashSet<Object> out = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(element(value, list.get(i), i));
                }
                return out;
            });
        }
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return nullable(json -> {
                if (!(json instanceof Map<?, ?> map)) {
                    throw mismatch("an object", json);
                }
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    try {
                        out.put(key.convert(e.getKey()), value.convert(e.getValue()));
                    } catch (JsonFailure f) {
                        throw f.inKey(e.getKey());
                    }
                }
                return out;
            });
        }
        return null;
    }

    private Converter keyConverter(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type, bindings);
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return IDENTITY;
        }
        if (raw == Integer.class || raw == Long.class) {
            return numberKey(raw == Integer.class);
        }
        if (raw.isEnum() || raw == UUID.class) {
            return classConverter(raw);
        }
        throw JsonFailure.binding("cannot bind JSON object keys to " + type.getTypeName());
    }

    private static Converter numberKey(boolean isInt) {
        return json -> {
            String key = String.valueOf(json);
            try {
                long n = Long.parseLong(key);
                if (isInt && (int) n != n) {
                    throw mismatch("an integer key in int range", json);
                }
                return isInt ? (Object) (int) n : (Object) n;
            } catch (NumberFormatException e) {
                throw mismatch("an integer key", json);
            }
        };
    }

    private static Converter arrayConverter(Class<?> element, Converter convert) {
        return nullable(json -> {
            List<?> list = array(json);
            Object out = Array.newInstance(element, list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(out, i, element(convert, list.get(i), i));
            }
            return out;
        });
    }

    private static Object element(Converter convert, Object json, int index) {
        try {
            return convert.convert(json);
        } catch (JsonFailure f) {
            throw f.inIndex(index);
        }
    }

    private static List<?> array(Object json) {
        if (json instanceof List<?> list) {
            return list;
        }
        throw mismatch("an array", json);
    }
}
