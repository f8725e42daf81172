package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size rule of the framework's code (src/, test/ but the user's test/api/, bench/): no file over
 * 400 lines and no method over 50,
 * unless the file says why in one line ({@code // Longer than 400 lines because ...}), or the line
 * above the method does ({@code // Longer than 50 lines because ...}).
 */
class SourceSizeTest {
    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 50;
    private static final String FILE_REASON = "// Longer than 400 lines because";
    private static final String METHOD_REASON = "// Longer than 50 lines because";
    /** A method or constructor's first line: modifiers, a type, a name and an opening parenthesis, not a statement. */
    private static final Pattern SIGNATURE = Pattern.compile(
            "^\\s+(?!(?:if|for|while|switch|catch|synchronized|else|try|do|return|new|throw)\\b)"
                    + "(?:(?:public|protected|private|static|final|abstract|synchronized|default|native)\\s+)*"
                    + "(?:<[^>]+>\\s+)?\\w[\\w.<>\\[\\], ?]*\\s+\\w+\\s*\\(.*");

    @Test
    void sources_stayWithinTheSizeRule() throws IOException {
        List<String> over = new ArrayList<>();
        for (String root : List.of("src", "test", "bench")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                // test/api is the user's, as api/ is: a user's long test must not fail the framework's
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(Path.of("test", "api")))
                        .sorted().toList()) {
                    over.addAll(violations(file, Files.readAllLines(file)));
                }
            }
        }

        assertEquals(List.of(), over, "over the size rule; shorten them, or say why in one line");
    }

    /** The file's violations of the rule, one line each. */
    static List<String> violations(Path file, List<String> lines) {
        List<String> over = new ArrayList<>();
        if (lines.size() > MAX_FILE_LINES && lines.stream().noneMatch(l -> l.trim().startsWith(FILE_REASON))) {
            over.add(file + ": " + lines.size() + " lines");
        }
        boolean textBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).split("\"\"\"", -1).length % 2 == 0) {
                textBlock = !textBlock;
                continue;
            }
            if (textBlock || !SIGNATURE.matcher(lines.get(i)).matches() || lines.get(i).trim().endsWith(";")) {
                continue;
            }
            int end = endOfBody(lines, i);
            boolean excused = i > 0 && lines.get(i - 1).trim().startsWith(METHOD_REASON)
                    || i > 1 && lines.get(i - 1).trim().startsWith("@") && lines.get(i - 2).trim().startsWith(METHOD_REASON);
            if (end - i + 1 > MAX_METHOD_LINES && !excused) {
                over.add(file + ":" + (i + 1) + ": a method of " + (end - i + 1) + " lines");
            }
        }
        return over;
    }

    /** The line of the brace that closes the body opened at or after {@code start}: braces counted outside strings and comments. */
    private static int endOfBody(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean inString = false;
            char quote = 0;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (inString) {
                    if (ch == '\\') {
                        c++;
                    } else if (ch == quote) {
                        inString = false;
                    }
                } else if (ch == '"' || ch == '\'') {
                    inString = true;
                    quote = ch;
                } else if (ch == '/' && c + 1 < line.length() && line.charAt(c + 1) == '/') {
                    break;
                } else if (ch == '{') {
                    depth++;
                    opened = true;
                } else if (ch == '}') {
                    depth--;
                }
            }
            if (opened && depth <= 0) {
                return i;
            }
        }
        return start;
    }

    @Test
    void violations_countMethodsAndFilesAndHonourTheReasons() {
        List<String> method = new ArrayList<>(List.of("class A {", "    void long_(int x) {"));
        for (int i = 0; i < 50; i++) {
            method.add("        x++; // \"{\"");
        }
        method.add("    }");
        method.add("}");

        assertEquals(List.of("A.java:2: a method of 52 lines"), violations(Path.of("A.java"), method));
        method.add(1, "    " + METHOD_REASON + " it is a table");
        assertEquals(List.of(), violations(Path.of("A.java"), method));
        List<String> file = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            file.add("// line");
        }
        assertEquals(List.of("B.java: 401 lines"), violations(Path.of("B.java"), file));
        file.add(FILE_REASON + " it is a table");
        assertEquals(List.of(), violations(Path.of("B.java"), file));
    }
}
