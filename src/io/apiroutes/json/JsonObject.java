package io.apiroutes.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * A parsed JSON object: an unmodifiable map in document order, its keys and values side by side
 * in one array sized to its content. Past 8 members a hash index (about 8 to 16 bytes a member)
 * keeps lookups constant-time; smaller objects are scanned.
 */
final class JsonObject extends AbstractMap<String, Object> {
    /** The empty object, shared. */
    static final JsonObject EMPTY = new JsonObject(new Object[0], null);
    /** Objects with more members than this get a hash index. */
    private static final int SCAN_LIMIT = 8;

    /** key0, value0, key1, value1, ... in document order. */
    final Object[] members;
    /** For larger objects, open addressing: slot holds the member's key position + 1, or 0. */
    private final int[] index;

    private JsonObject(Object[] members, int[] index) {
        this.members = members;
        this.index = index;
    }

    /**
     * The object of the keys and values at {@code [from, to)} of {@code stack}, alternating; a
     * repeated key keeps its first place and its last value, as {@code JSON.parse} does.
     */
    static JsonObject of(Object[] stack, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EMPTY;
        }
        Object[] members = new Object[n];
        int[] index = n > 2 * SCAN_LIMIT ? new int[Integer.highestOneBit(n - 1) << 1] : null;
        int size = 0;
        for (int i = from; i < to; i += 2) {
            Object key = stack[i];
            int at = index == null ? scan(members, size, key) : probe(members, index, key, size);
            if (at < 0) {
                members[size] = key;
                at = size;
                size += 2;
            }
            members[at + 1] = stack[i + 1];
        }
        return new JsonObject(size == n ? members : Arrays.copyOf(members, size), index);
    }

    /** The estimated bytes of an object of {@code n} members (a 64-bit JVM, compressed references). */
    static long bytes(int n) {
        if (n == 0) {
            return 0;
        }
        long members = (16 + 8L * n + 7) & ~7L;
        return 32 + members + (n > SCAN_LIMIT ? 16 + 4L * (Integer.highestOneBit(2 * n - 1) << 1) : 0);
    }

    @Override
    public int size() {
        return members.length >> 1;
    }

    @Override
    public Object get(Object key) {
        int at = find(key);
        return at < 0 ? null : members[at + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return members.length >> 1;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Entry<String, Object>[] entries = new Entry[members.length >> 1];
                for (int i = 0; i < entries.length; i++) {
                    entries[i] = new SimpleImmutableEntry<>((String) members[2 * i], members[2 * i + 1]);
                }
                return Arrays.asList(entries).iterator();
            }
        };
    }

    /** The position of {@code key} in {@link #members}, or -1. */
    private int find(Object key) {
        if (key == null) {
            return -1;
        }
        return index == null ? scan(members, members.length, key) : probe(members, index, key, -1);
    }

    private static int scan(Object[] members, int size, Object key) {
        for (int i = 0; i < size; i += 2) {
            if (key.equals(members[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The position of {@code key}, or -1 when absent; with {@code insertAt} >= 0 an absent key
     * is recorded in the index at that position.
     */
    private static int probe(Object[] members, int[] index, Object key, int insertAt) {
        int mask = index.length - 1;
        int h = key.hashCode();
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (at < 0) {
                if (insertAt >= 0) {
                    index[slot] = insertAt + 1;
                }
                return -1;
            }
            if (key.equals(members[at])) {
                return at;
            }
        }
    }
}
