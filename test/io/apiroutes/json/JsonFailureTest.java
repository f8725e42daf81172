package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class JsonFailureTest {
    @Test
    void binding_messageStartsWithThePath() {
        JsonException e = JsonFailure.binding("expected a string, got 1").inKey("name").inIndex(2).inKey("items").toException();

        assertEquals("$.items[2].name: expected a string, got 1", e.getMessage());
        assertEquals("$.items[2].name", e.path());
    }

    @Test
    void writing_messageEndsWithThePathBelowTheTop() {
        assertEquals("Cannot write X as JSON", JsonFailure.writing("Cannot write X as JSON").toException().getMessage());
        assertEquals("Cannot write X as JSON (at $[0])",
                JsonFailure.writing("Cannot write X as JSON").inIndex(0).toException().getMessage());
    }

    @Test
    void keyThatIsNoIdentifier_isQuoted() {
        JsonException e = JsonFailure.binding("bad").inKey("a b").inKey("").inKey("x1").toException();

        assertEquals("$.x1[\"\"][\"a b\"]: bad", e.getMessage());
    }

    @Test
    void deepPath_keepsItsHeadAndTail() {
        JsonFailure f = JsonFailure.binding("bad");
        for (int i = 29; i >= 0; i--) {
            f.inIndex(i);
        }

        assertEquals("$[0][1][2][3][4][5][6][7][8][9][10][11]...[24][25][26][27][28][29]: bad", f.toException().getMessage());
    }

    @Test
    void cause_isKept() {
        IllegalArgumentException cause = new IllegalArgumentException("no");

        assertSame(cause, JsonFailure.binding("invalid X: no", cause).toException().getCause());
    }
}
