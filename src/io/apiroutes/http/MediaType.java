package io.apiroutes.http;

import java.util.Locale;

/**
 * The parts of a {@code Content-Type} that choose a body parser.
 *
 * @param type the lower-case {@code type/subtype}, {@code text/plain} when the header is blank
 * @param charset the {@code charset} parameter, or null
 */
public record MediaType(String type, String charset) {
    /** The type of every JSON answer. */
    public static final String JSON_UTF8 = "application/json; charset=utf-8";


    public static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            return new MediaType("text/plain", null);
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                charset = parameter.substring(eq + 1).trim();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
            }
        }
        return new MediaType(type, charset);
    }

    /** {@code application/json} and every {@code +json} type, such as {@code application/merge-patch+json}. */
    public boolean isJson() {
        return type.equals("application/json") || (type.endsWith("+json") && type.indexOf('/') > 0);
    }

    /**
     * Whether a body of this {@code Content-Type} is worth compressing: text (event streams
     * included), JSON, JavaScript and XML (SVG too); not images, archives or anything already
     * compressed.
     */
    public static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType media = parse(contentType);
        String type = media.type;
        return type.startsWith("text/") || media.isJson() || type.endsWith("+xml") || type.equals("application/xml")
                || type.equals("application/javascript");
    }

    public boolean isForm() {
        return type.equals("application/x-www-form-urlencoded");
    }
}
