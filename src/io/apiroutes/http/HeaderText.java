package io.apiroutes.http;

/** Checks of header names and values, so that nothing a handler sets can split a response. */
public final class HeaderText {
    private HeaderText() {}

    /** An RFC 9110 token: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first character not allowed in a header value (a control other than tab, or past U+00FF), or -1. */
    public static int firstInvalidValueChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return i;
            }
        }
        return -1;
    }
}
