package io.apiroutes.http1;

import com.sun.net.httpserver.Headers;
import io.apiroutes.http.HeaderText;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The header fields of a request, read strictly (RFC 9112 5): a token name right before the colon,
 * no folding, no control character in a value; then read-only, as the JDK's
 * {@code getRequestHeaders()} documents them. Also the checks of {@code Host} and of the body's
 * framing ({@code Content-Length}, {@code Transfer-Encoding}), and the syntax helpers they share.
 */
final class RequestHeaders extends Headers {
    private boolean frozen;

    /** Reads header lines up to the empty line that ends the head. */
    static RequestHeaders read(HeadParser head, int maxCount) throws RequestException {
        RequestHeaders headers = new RequestHeaders();
        int count = 0;
        for (String header; !(header = head.line()).isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon <= 0 || !HeaderText.isToken(header.substring(0, colon))) {
                throw new RequestException(400, header.charAt(0) == ' ' || header.charAt(0) == '\t'
                        ? "Folded header lines are not allowed" : "Invalid header name");
            }
            if (++count > maxCount) {
                throw new RequestException(431, HeaderText.tooManyFields(maxCount));
            }
            String value = trim(header.substring(colon + 1));
            if (hasControl(value)) {
                throw new RequestException(400, "Control character in a header value");
            }
            headers.add(header.substring(0, colon), value);
        }
        headers.frozen = true;
        return headers;
    }

    /**
     * Checks {@code Host} and the framing headers; returns the body's length: 0 for none, -1 for chunked.
     *
     * @throws RequestException for a missing, doubled or invalid {@code Host} on HTTP/1.1, and for
     *     framing that could be read two ways
     */
    long bodyLength(boolean http10) throws RequestException {
        List<String> hosts = get("Host");
        if (hosts == null ? !http10 : hosts.size() != 1 || !HeaderText.isHost(hosts.get(0))) {
            throw new RequestException(400, hosts == null ? "Missing Host header" : hosts.size() > 1 ? "More than one Host header"
                    : "Invalid Host header");
        }
        List<String> lengths = get("Content-Length");
        List<String> codings = get("Transfer-Encoding");
        if (codings != null) {
            String last = codings.get(codings.size() - 1);
            last = trim(last.substring(last.lastIndexOf(',') + 1));
            if (lengths != null || http10) {
                throw new RequestException(400, http10 ? "Transfer-Encoding is not allowed in an HTTP/1.0 request" : "Content-Length with Transfer-Encoding");
            }
            if (!last.equalsIgnoreCase("chunked")) {
                throw new RequestException(400, "Transfer-Encoding must end in chunked");
            }
            if (codings.size() > 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
                throw new RequestException(501, "Transfer coding not supported (only chunked)");
            }
            return -1;
        }
        if (lengths == null) {
            return 0;
        }
        String digits = lengths.get(0);
        if (lengths.size() > 1 || !HeaderText.isContentLength(digits)) {
            throw new RequestException(400, lengths.size() > 1 ? "More than one Content-Length" : "Invalid Content-Length");
        }
        return Long.parseLong(digits);
    }

    /** Without the spaces and tabs around it (only those: RFC 9110 5.5). */
    static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Whether the text has a control character other than a tab. */
    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
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
