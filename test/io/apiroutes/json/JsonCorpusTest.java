package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The JSONTestSuite corpus (Nicolas Seriot): {@code y_} files must parse, {@code n_} files must
 * fail with a {@link JsonException} that has a position, and each {@code i_} file (either is
 * allowed) gives the outcome decided in {@link #DECIDED}, so that a change shows up here.
 *
 * <p>The corpus is its {@code test_parsing} folder, found at the system property
 * {@code apiroutes.jsonTestSuite}, else the environment variable {@code JSON_TEST_SUITE}, else
 * {@code ../shared/json-test-suite/test_parsing} relative to the working directory (the
 * repository root when {@code make test} runs). Without it these tests are skipped, with the
 * reason, rather than failed or passed.
 */
class JsonCorpusTest {
    private static final Path CORPUS = corpusFolder();

    private static final Pattern POSITION = Pattern.compile(".* at \\d+:\\d+ \\(offset \\d+\\).*");

    /**
     * The decided outcome of every {@code i_} file: what {@code Json.write(Json.parse(bytes))}
     * gives when accepted, or {@code "! "} and the error message when rejected. In short: big
     * numbers are kept exactly (BigInteger, BigDecimal) up to an exponent of 9999; escaped lone
     * surrogates are kept, as {@code JSON.parse} does; invalid UTF-8 of every kind, UTF-16 and a
     * byte order mark are rejected; 500 nested arrays are within the default cap of 512.
     */
    static final Map<String, String> DECIDED = Map.ofEntries(
            Map.entry("i_number_double_huge_neg_exp.json", "[1.23456E-787]"),
            Map.entry("i_number_huge_exp.json",
                    "! Number exponent out of range at 1:6 (offset 5), the limit is 9999"),
            Map.entry("i_number_neg_int_huge_exp.json", "[-1E+9999]"),
            Map.entry("i_number_pos_double_huge_exp.json", "[1.5E+9999]"),
            Map.entry("i_number_real_neg_overflow.json",
                    "! Number exponent out of range at 1:10 (offset 9), the limit is 9999"),
            Map.entry("i_number_real_pos_overflow.json",
                    "! Number exponent out of range at 1:9 (offset 8), the limit is 9999"),
            Map.entry("i_number_real_underflow.json",
                    "! Number exponent out of range at 1:7 (offset 6), the limit is 9999"),
            Map.entry("i_number_too_big_neg_int.json", "[-123123123123123123123123123123]"),
            Map.entry("i_number_too_big_pos_int.json", "[100000000000000000000]"),
            Map.entry("i_number_very_big_negative_int.json",
                    "[-237462374673276894279832749832423479823246327846]"),
            Map.entry("i_object_key_lone_2nd_surrogate.json", "{\"\\udfaa\":0}"),
            Map.entry("i_string_1st_surrogate_but_2nd_missing.json", "[\"\\udada\"]"),
            Map.entry("i_string_1st_valid_surrogate_2nd_invalid.json", "[\"\\ud888\u1234\"]"),
            Map.entry("i_string_UTF-16LE_with_BOM.json", "! Invalid UTF-8 byte 0xFF at 1:1 (offset 0)"),
            Map.entry("i_string_UTF-8_invalid_sequence.json", "! Invalid UTF-8 byte 0xFA at 1:5 (offset 7)"),
            Map.entry("i_string_UTF8_surrogate_U+D800.json",
                    "! Invalid UTF-8 sequence 0xED 0xA0 at 1:3 (offset 2)"),
            Map.entry("i_string_incomplete_surrogate_and_escape_valid.json", "[\"\\ud800\\n\"]"),
            Map.entry("i_string_incomplete_surrogate_pair.json", "[\"\\udd1ea\"]"),
            Map.entry("i_string_incomplete_surrogates_escape_valid.json", "[\"\\ud800\\ud800\\n\"]"),
            Map.entry("i_string_invalid_lonely_surrogate.json", "[\"\\ud800\"]"),
            Map.entry("i_string_invalid_surrogate.json", "[\"\\ud800abc\"]"),
            Map.entry("i_string_invalid_utf-8.json", "! Invalid UTF-8 byte 0xFF at 1:3 (offset 2)"),
            Map.entry("i_string_inverted_surrogates_U+1D11E.json", "[\"\\udd1e\\ud834\"]"),
            Map.entry("i_string_iso_latin_1.json", "! Invalid UTF-8 sequence 0xE9 0x22 at 1:3 (offset 2)"),
            Map.entry("i_string_lone_second_surrogate.json", "[\"\\udfaa\"]"),
            Map.entry("i_string_lone_utf8_continuation_byte.json",
                    "! Invalid UTF-8 byte 0x81 at 1:3 (offset 2)"),
            Map.entry("i_string_not_in_unicode_range.json",
                    "! Invalid UTF-8 sequence 0xF4 0xBF at 1:3 (offset 2)"),
            Map.entry("i_string_overlong_sequence_2_bytes.json", "! Invalid UTF-8 byte 0xC0 at 1:3 (offset 2)"),
            Map.entry("i_string_overlong_sequence_6_bytes.json", "! Invalid UTF-8 byte 0xFC at 1:3 (offset 2)"),
            Map.entry("i_string_overlong_sequence_6_bytes_null.json",
                    "! Invalid UTF-8 byte 0xFC at 1:3 (offset 2)"),
            Map.entry("i_string_truncated-utf-8.json", "! Invalid UTF-8 sequence 0xE0 0xFF at 1:3 (offset 2)"),
            Map.entry("i_string_utf16BE_no_BOM.json",
                    "! Unexpected character U+0000 at 1:1 (offset 0), expected a value"),
            Map.entry("i_string_utf16LE_no_BOM.json",
                    "! Unexpected character U+0000 at 1:2 (offset 1), expected a value"),
            Map.entry("i_structure_500_nested_arrays.json", "[".repeat(500) + "]".repeat(500)),
            Map.entry("i_structure_UTF-8_BOM_empty_object.json",
                    "! Unexpected byte order mark U+FEFF at 1:1 (offset 0), JSON text must not start with one"));

    @TestFactory
    Stream<DynamicTest> parse_acceptsEveryYFile() {
        return corpus("y_").stream().map(file -> dynamicTest(name(file), () -> {
            byte[] bytes = read(file);

            Object value = Json.parse(bytes);

            assertEquals(value, Json.parse(new String(bytes, StandardCharsets.UTF_8)),
                    "the String overload disagrees");
        }));
    }

    @TestFactory
    Stream<DynamicTest> writeThenParse_roundTripsEveryYFile() {
        return corpus("y_").stream().map(file -> dynamicTest(name(file), () -> {
            Object value = parseOrFail(file);
            byte[] written = Json.toBytes(value);

            Object again = Json.parse(written);

            assertEquals(value, again);
            assertArrayEquals(written, Json.toBytes(again), "writing is not stable");
            assertEquals(value, Json.parse(Json.write(value)), "String form differs");
        }));
    }

    @TestFactory
    Stream<DynamicTest> parse_rejectsEveryNFileWithPosition() {
        return corpus("n_").stream().map(file -> dynamicTest(name(file), () -> {
            byte[] bytes = read(file);

            JsonException e = assertThrows(JsonException.class, () -> Json.parse(bytes));

            assertTrue(POSITION.matcher(e.getMessage()).matches(), "no position in: " + e.getMessage());
            assertTrue(e.offset() >= 0 && e.line() >= 1 && e.column() >= 1, e.getMessage());
            assertEquals(null, e.path());
        }));
    }

    @TestFactory
    Stream<DynamicTest> parse_givesDecidedOutcomeForEveryIFile() {
        return corpus("i_").stream().map(file -> dynamicTest(name(file), () -> {
            String expected = DECIDED.get(name(file));
            assertTrue(expected != null, "no decided outcome for " + name(file));
            String actual;
            try {
                actual = Json.write(Json.parse(read(file)));
            } catch (JsonException e) {
                actual = "! " + e.getMessage();
            } catch (Throwable t) {
                throw new AssertionError("threw " + t + " instead of JsonException", t);
            }

            assertEquals(expected, actual);
        }));
    }

    @Test
    void decided_coversExactlyTheIFiles() {
        TreeSet<String> files = corpus("i_").stream().map(JsonCorpusTest::name)
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(new TreeSet<>(DECIDED.keySet()), files);
    }

    @Test
    void corpus_hasTheExpectedFileCounts() {
        assertEquals(95, corpus("y_").size());
        assertEquals(188, corpus("n_").size());
        assertEquals(35, corpus("i_").size());
    }

    private static Object parseOrFail(Path file) {
        try {
            return Json.parse(read(file));
        } catch (JsonException e) {
            return fail("rejected: " + e.getMessage());
        }
    }

    private static Path corpusFolder() {
        String folder = System.getProperty("apiroutes.jsonTestSuite");
        if (folder == null || folder.isEmpty()) {
            folder = System.getenv("JSON_TEST_SUITE");
        }
        return Path.of(folder == null || folder.isEmpty() ? "../shared/json-test-suite/test_parsing" : folder);
    }

    private static List<Path> corpus(String prefix) {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), () -> "JSONTestSuite corpus not found at "
                + CORPUS.toAbsolutePath().normalize() + ": set -Dapiroutes.jsonTestSuite (or JSON_TEST_SUITE)"
                + " to its test_parsing folder");
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> name(f).startsWith(prefix) && name(f).endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
