package io.apiroutes.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** How the writer writes instances of a class; computed once per class and cached. */
enum JsonKind {
    STRING, INTEGRAL, BIG_NUMBER, DOUBLE, FLOAT, BOOLEAN, CHARACTER, TO_STRING,
    RECORD, ENUM, MAP, ITERABLE, OPTIONAL, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE,
    OBJECT_ARRAY, BYTE_ARRAY, CHAR_ARRAY, SHORT_ARRAY, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY,
    DOUBLE_ARRAY, BOOLEAN_ARRAY, UNSUPPORTED;

    /** Classifies a class of a non-null value. */
    static JsonKind of(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return STRING;
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return INTEGRAL;
        }
        if (type == BigInteger.class || type == BigDecimal.class) {
            return BIG_NUMBER;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        if (type == Float.class) {
            return FLOAT;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == Character.class) {
            return CHARACTER;
        }
        if (type.isRecord()) {
            return RECORD;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return ENUM;
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP;
        }
        if (Iterable.class.isAssignableFrom(type)) {
            return ITERABLE;
        }
        if (type.isArray()) {
            return arrayKind(type.getComponentType());
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        if (type == OptionalInt.class) {
            return OPTIONAL_INT;
        }
        if (type == OptionalLong.class) {
            return OPTIONAL_LONG;
        }
        if (type == OptionalDouble.class) {
            return OPTIONAL_DOUBLE;
        }
        if (type == UUID.class || type == URI.class || isJavaTime(type)) {
            return TO_STRING;
        }
        return UNSUPPORTED;
    }

    private static JsonKind arrayKind(Class<?> component) {
        if (!component.isPrimitive()) {
            return OBJECT_ARRAY;
        }
        if (component == byte.class) {
            return BYTE_ARRAY;
        }
        if (component == char.class) {
            return CHAR_ARRAY;
        }
        if (component == short.class) {
            return SHORT_ARRAY;
        }
        if (component == int.class) {
            return INT_ARRAY;
        }
        if (component == long.class) {
            return LONG_ARRAY;
        }
        if (component == float.class) {
            return FLOAT_ARRAY;
        }
        if (component == double.class) {
            return DOUBLE_ARRAY;
        }
        return BOOLEAN_ARRAY;
    }

    /** The ISO-8601 types of {@code java.time}, whose {@code toString()} is their JSON form. */
    private static boolean isJavaTime(Class<?> type) {
        return type.getName().startsWith("java.time.")
                && (TemporalAccessor.class.isAssignableFrom(type)
                        || TemporalAmount.class.isAssignableFrom(type)
                        || ZoneId.class.isAssignableFrom(type));
    }
}
