package io.apiroutes.http1;

import io.apiroutes.http.HeaderText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the bytes of a whole request head into a request head (the parser's fields), or throws one
 * {@link RequestException} (RFC 9112 2-5, strictly): CR LF line ends only, a request line of a
 * token, a target and {@code HTTP/1.1} or {@code HTTP/1.0}, header fields as {@link RequestHeaders}
 * reads them, then {@code Host} and the body's framing. It does no I/O: the connection buffers the
 * head first ({@code Connection.scanHead}), so it is tested with byte strings.
 */
final class HeadParser {
    private final byte[] buf;
    private final int end;
    private int pos;
    /** The head read: a token; the target (origin form, absolute form, or {@code *} for {@code OPTIONS}); {@code HTTP/1.x}. */
    String method;
    URI uri;
    String version;
    /** The header fields, read-only. */
    RequestHeaders headers;
    /** The body's length: 0 for none, -1 for chunked. */
    long bodyLength;

    private HeadParser(byte[] buf, int from, int end) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
    }

    /**
     * Parses the head in {@code buf[from, end)}, which ends with its empty line (or, for a head the
     * engine refuses, with its first bare CR or LF).
     *
     * @throws RequestException what the engine answers instead, with {@code Connection: close}
     */
    static HeadParser parse(byte[] buf, int from, int end, EngineSettings settings) throws RequestException {
        if (end - from > settings.maxHeaderBytes()) {
            throw new RequestException(431, "Request header fields too large");
        }
        HeadParser head = new HeadParser(buf, from, end);
        String requestLine = head.line();
        if (requestLine.isEmpty()) {
            requestLine = head.line(); // RFC 9112 2.2: an empty line before the request line is ignored
        }
        if (requestLine.length() > settings.maxRequestLine()) {
            throw new RequestException(414, "Request line too long");
        }
        int sp1 = requestLine.indexOf(' ');
        int sp2 = requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
            throw new RequestException(400, "Malformed request line");
        }
        String method = requestLine.substring(0, sp1);
        String version = requestLine.substring(sp2 + 1);
        boolean http10 = version.equals("HTTP/1.0");
        if (!http10 && !version.equals("HTTP/1.1")) {
            throw version.length() == 8 && version.startsWith("HTTP/") && version.charAt(6) == '.'
                    && Character.isDigit(version.charAt(5)) && Character.isDigit(version.charAt(7))
                    ? new RequestException(505, "HTTP version not supported: " + version)
                    : new RequestException(400, "Malformed request line");
        }
        if (!HeaderText.isToken(method)) {
            throw new RequestException(400, "Invalid method");
        }
        head.headers = RequestHeaders.read(head, settings.maxHeaderCount());
        head.bodyLength = head.headers.bodyLength(http10);
        head.uri = target(method, requestLine.substring(sp1 + 1, sp2));
        head.method = method;
        head.version = version;
        return head;
    }

    /**
     * The next line of the head, without its CR LF.
     *
     * @throws RequestException 400 for a bare CR or LF, or a head that ends without its empty line
     */
    String line() throws RequestException {
        int i = pos;
        while (i < end && buf[i] != '\r' && buf[i] != '\n') {
            i++;
        }
        if (i + 1 >= end || buf[i] != '\r' || buf[i + 1] != '\n') {
            throw new RequestException(400, "Line ending other than CR LF");
        }
        String line = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
        pos = i + 2;
        return line;
    }

    /** The request target as a URI: origin form, absolute form (http or https), or {@code *} for OPTIONS. */
    private static URI target(String method, String target) throws RequestException {
        for (int i = 0; i < target.length(); i++) {
            if (target.charAt(i) <= ' ' || target.charAt(i) >= 0x7f) {
                throw new RequestException(400, "Invalid request target");
            }
        }
        String lower = target.toLowerCase(Locale.ROOT);
        boolean absolute = lower.startsWith("http://") || lower.startsWith("https://");
        if (!target.startsWith("/") && !absolute && !(target.equals("*") && method.equals("OPTIONS"))) {
            throw method.equals("CONNECT") ? new RequestException(501, "CONNECT is not supported")
                    : new RequestException(400, "Invalid request target");
        }
        try {
            URI uri = new URI(target);
            if (!absolute || uri.getRawAuthority() != null && HeaderText.isHost(uri.getRawAuthority())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new RequestException(400, "Invalid request target");
    }
}
