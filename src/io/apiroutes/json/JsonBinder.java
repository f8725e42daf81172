package io.apiroutes.json;

import static io.apiroutes.json.JsonScalars.mismatch;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Binds a parsed JSON tree to a Java type: records, collections, maps, arrays and optionals here,
 * the single values in {@link JsonType}'s table. The work is split into a {@link Converter} per
 * type, built once per record (cached with its {@link JsonType}) and once per call for the
 * top-level type. A mismatch throws a {@link JsonFailure} that collects the path on its way out.
 */
final class JsonBinder {
    /** The tree as it is. */
    private static final Converter ANY = JsonType.of(Object.class);

    private JsonBinder() {
    }

    /** Binds a parsed tree to {@code type}; a {@link JsonException} with the path if it does not fit. */
    static Object bind(Object tree, Type type) {
        try {
            return converter(type, Map.of()).convert(tree);
        } catch (JsonFailure f) {
            throw f.toException();
        }
    }

    /** The converter for {@code type}; type variables are resolved by {@code bindings}. */
    private static Converter converter(Type type, Map<TypeVariable<?>, Type> bindings) {
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

    private static Converter classConverter(Class<?> c) {
        JsonType type = JsonType.of(c);
        switch (type.bind) {
            case JsonType.RECORD:
                return recordConverter(type, Map.of());
            case JsonType.ARRAY:
                Class<?> element = c.getComponentType();
                return arrayConverter(element, classConverter(element));
            case JsonType.LIST:
            case JsonType.SET:
            case JsonType.MAP:
                return containerConverter(type.bind, ANY, ANY);
            case JsonType.NONE:
                throw JsonFailure.binding("cannot bind JSON to " + c.getName());
            default:
                return type;
        }
    }

    private static Converter parameterizedConverter(ParameterizedType p, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        JsonType type = JsonType.of(raw);
        if (type.bind == JsonType.RECORD) {
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
            return recordConverter(type, resolved);
        }
        if (raw == Optional.class) {
            Converter inner = converter(args[0], bindings);
            return json -> json == null ? Optional.empty() : Optional.ofNullable(inner.convert(json));
        }
        if (type.bind == JsonType.MAP) {
            return containerConverter(JsonType.MAP, keyConverter(args[0], bindings), converter(args[1], bindings));
        }
        if (type.bind == JsonType.LIST || type.bind == JsonType.SET) {
            return containerConverter(type.bind, ANY, converter(args[0], bindings));
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
     * The converter for a record; the one of a non-generic record is cached with its type.
     * Its component converters are built on its first use (a benign race), so that a record may
     * contain itself.
     */
    private static Converter recordConverter(JsonType type, Map<TypeVariable<?>, Type> bindings) {
        boolean generic = !bindings.isEmpty();
        if (!generic && type.converter != null) {
            return type.converter;
        }
        JsonProperties info = type.properties();
        Object[] defaults = new Object[info.names.length];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = JsonType.of(info.rawTypes[i]).missing;
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
            type.converter = converter;
        }
        return converter;
    }

    private static Converter[] componentConverters(JsonProperties info, Map<TypeVariable<?>, Type> bindings) {
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
    private static Converter lazy(Type type, Map<TypeVariable<?>, Type> bindings) {
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

    // ---- containers

    /** A converter to an ArrayList, a LinkedHashSet or a LinkedHashMap, as {@code kind} says. */
    private static Converter containerConverter(int kind, Converter key, Converter value) {
        if (kind != JsonType.MAP) {
            return json -> {
                if (json == null) {
                    return null;
                }
                List<?> list = array(json);
                Collection<Object> out = kind == JsonType.LIST ? new ArrayList<>(list.size()) : new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(element(value, list.get(i), i));
                }
                return out;
            };
        }
        return json -> {
            if (!(json instanceof Map<?, ?> map)) {
                if (json == null) {
                    return null;
                }
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
        };
    }

    private static Converter keyConverter(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type, bindings);
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return ANY;
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
        return json -> {
            if (json == null) {
                return null;
            }
            List<?> list = array(json);
            Object out = Array.newInstance(element, list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(out, i, element(convert, list.get(i), i));
            }
            return out;
        };
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
