package io.apiroutes.json;

/**
 * Binds a value of a parsed JSON tree to one Java type. The binder builds one per type (the
 * table's own types are their converters, see {@link JsonType}); a mismatch is a
 * {@link JsonFailure}.
 */
@FunctionalInterface
interface Converter {
    /**
     * @param json a tree value: a map, list, string, number, boolean, or null for JSON null
     * @return the Java value
     */
    Object convert(Object json);
}
