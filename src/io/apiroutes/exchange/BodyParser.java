package io.apiroutes.exchange;

import io.apiroutes.ApiException;
import io.apiroutes.ApiRequest;
import io.apiroutes.http.MediaType;
import io.apiroutes.http.QueryString;
import io.apiroutes.json.Json;
import io.apiroutes.json.JsonException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns body bytes into what {@link ApiRequest#body()} returns, chosen by {@code Content-Type}
 * as Next.js chooses: JSON to a tree, a form to a map, anything else to text.
 */
public final class BodyParser {
    private BodyParser() {}

    /**
     * Parses a body.
     *
     * @param bytes the body, empty when there is none
     * @param present whether the request declared a body
     * @param contentType the {@code Content-Type} header, or null
     * @param limits the form field and JSON depth limits
     * @throws ApiException 400 for invalid JSON, form or text encoding; 413 for too many form
     *     fields or a JSON body whose tree would take too much memory; 415 for a charset the
     *     parser cannot read
     */
    static Object parse(byte[] bytes, boolean present, String contentType, RequestLimits limits) {
        if (!present && contentType == null) {
            return null;
        }
        MediaType type = MediaType.parse(contentType);
        if (type.isJson()) {
            if (type.charset() != null && !isUtf8(type.charset())) {
                throw new ApiException(415, "JSON must be UTF-8, not " + type.charset());
            }
            if (isBlank(bytes)) {
                return new LinkedHashMap<String, Object>();
            }
            try {
                return Json.parse(bytes, limits.maxJsonDepth());
            } catch (JsonException e) {
                if (e.tooComplex()) {
                    // its tree would take more than Json.maxTreeBytes(bytes.length)
                    throw new ApiException(413, "JSON body too complex");
                }
                throw new ApiException(400, "Invalid JSON: " + e.getMessage());
            }
        }
        String text = text(bytes, type.charset());
        if (type.isForm()) {
            Map<String, Object> form = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> field
                    : QueryString.parse(text, limits.maxFormFields(), "form body").entrySet()) {
                List<String> values = field.getValue();
                form.put(field.getKey(), values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
            return form;
        }
        return text;
    }

    /** Decodes text strictly: bytes that are not valid in the charset are a 400, not replacement characters. */
    static String text(byte[] bytes, String charsetName) {
        Charset charset;
        try {
            charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ApiException(415, "Unsupported charset: " + charsetName);
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "Body is not valid " + charset.name());
        }
    }

    private static boolean isUtf8(String charset) {
        return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
