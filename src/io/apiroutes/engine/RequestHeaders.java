package io.apiroutes.engine;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Request headers, read-only once parsed, as the JDK's {@code getRequestHeaders()} documents them. */
final class RequestHeaders extends Headers {
    private boolean frozen;

    void freeze() {
        frozen = true;
    }

    private void check() {
        if (frozen) {
            throw new UnsupportedOperationException("request headers are read-only");
        }
    }

    @Override
    public void add(String key, String value) {
        check();
        super.add(key, value);
    }

    @Override
    public void set(String key, String value) {
        check();
        super.set(key, value);
    }

    @Override
    public List<String> put(String key, List<String> value) {
        check();
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ? extends List<String>> map) {
        check();
        super.putAll(map);
    }

    @Override
    public List<String> remove(Object key) {
        check();
        return super.remove(key);
    }

    @Override
    public void clear() {
        check();
        super.clear();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super List<String>, ? extends List<String>> function) {
        check();
        super.replaceAll(function);
    }
}
