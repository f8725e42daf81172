package io.apiroutes.json;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A parsed JSON array: an unmodifiable list over an array sized to its content, or holding its
 * one element itself (nested one-element arrays, {@code [[[1]]]}, are cheap).
 */
final class JsonArray extends AbstractList<Object> implements RandomAccess {
    /** The empty array, shared. */
    static final JsonArray EMPTY = new JsonArray(null, new Object[0]);

    /** The element of a one-element array. */
    private final Object one;
    /** The elements, or null for a one-element array. */
    private final Object[] items;

    private JsonArray(Object one, Object[] items) {
        this.one = one;
        this.items = items;
    }

    /** The array of the values at {@code [from, to)} of {@code stack}. */
    static JsonArray of(Object[] stack, int from, int to) {
        int n = to - from;
        return n == 0 ? EMPTY : n == 1 ? new JsonArray(stack[from], null) : new JsonArray(null, Arrays.copyOfRange(stack, from, to));
    }

    /** The estimated bytes of an array of {@code n} elements (a 64-bit JVM, compressed references). */
    static long bytes(int n) {
        return n == 0 ? 0 : n == 1 ? 24 : 24 + ((16 + 4L * n + 7) & ~7L);
    }

    @Override
    public Object get(int i) {
        if (items == null) {
            Objects.checkIndex(i, 1);
            return one;
        }
        return items[i];
    }

    @Override
    public int size() {
        return items == null ? 1 : items.length;
    }
}
