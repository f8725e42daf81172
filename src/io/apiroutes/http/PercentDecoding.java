package io.apiroutes.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict percent-decoding: a malformed escape or bytes that are not UTF-8 are an error, never replaced. */
final class PercentDecoding {
    private PercentDecoding() {}

    /**
     * Decodes {@code %XX} escapes as UTF-8, and {@code +} as a space when {@code plusIsSpace}.
     *
     * @throws IllegalArgumentException on a malformed escape or invalid UTF-8, saying which
     */
    static String decode(String text, boolean plusIsSpace) {
        int firstSpecial = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c >= 0x80 || (plusIsSpace && c == '+')) {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) {
            return text;
        }
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("incomplete percent-escape at the end of '" + text + "'");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("malformed percent-escape '" + text.substring(i, i + 3) + "'");
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[length++] = ' ';
            } else if (c <= 0xff) {
                // The JDK reads the request line as ISO-8859-1, so a raw byte arrives as one char.
                bytes[length++] = (byte) c;
            } else {
                throw new IllegalArgumentException("a character outside ISO-8859-1 in '" + text + "'");
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes that are not valid UTF-8 in '" + text + "'");
        }
    }
}
