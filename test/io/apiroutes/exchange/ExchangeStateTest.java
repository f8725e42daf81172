package io.apiroutes.exchange;

import static io.apiroutes.exchange.ExchangeState.DONE;
import static io.apiroutes.exchange.ExchangeState.DROPPED;
import static io.apiroutes.exchange.ExchangeState.OPEN;
import static io.apiroutes.exchange.ExchangeState.SENDING;
import static io.apiroutes.exchange.ExchangeState.TIMING_OUT;
import static io.apiroutes.exchange.ExchangeState.ANSWER_TIMEOUT;
import static io.apiroutes.exchange.ExchangeState.CUT_OFF;
import static io.apiroutes.exchange.ExchangeState.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exchange's states and the watchdog's verdicts, as tables, with time as plain numbers (a fake clock). */
class ExchangeStateTest {
    private static final long S = 1_000_000_000L;

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("begin", (UnaryOperator<ExchangeState>) ExchangeState::begin, OPEN, SENDING),
                Arguments.of("end", (UnaryOperator<ExchangeState>) ExchangeState::end, SENDING, DONE),
                Arguments.of("end", (UnaryOperator<ExchangeState>) ExchangeState::end, OPEN, OPEN),
                Arguments.of("end", (UnaryOperator<ExchangeState>) ExchangeState::end, DROPPED, DROPPED),
                Arguments.of("drop", (UnaryOperator<ExchangeState>) ExchangeState::drop, OPEN, DROPPED),
                Arguments.of("drop", (UnaryOperator<ExchangeState>) ExchangeState::drop, SENDING, DROPPED),
                Arguments.of("drop", (UnaryOperator<ExchangeState>) ExchangeState::drop, DONE, DONE),
                Arguments.of("drop", (UnaryOperator<ExchangeState>) ExchangeState::drop, TIMING_OUT, TIMING_OUT),
                Arguments.of("timeOut", (UnaryOperator<ExchangeState>) ExchangeState::timeOut, OPEN, TIMING_OUT),
                Arguments.of("503 sent", (UnaryOperator<ExchangeState>) state -> state.timeoutAnswered(true), TIMING_OUT, DONE),
                Arguments.of("503 not sent", (UnaryOperator<ExchangeState>) state -> state.timeoutAnswered(false), TIMING_OUT, DROPPED));
    }

    @ParameterizedTest(name = "{2} --{0}--> {3}")
    @MethodSource("transitions")
    void transition_leadsToItsState(String name, UnaryOperator<ExchangeState> event, ExchangeState from, ExchangeState to) {
        assertEquals(to, event.apply(from));
    }

    @Test
    void begin_afterAnAnswerStarted_isRefused() {
        for (ExchangeState state : new ExchangeState[] {SENDING, DONE, DROPPED, TIMING_OUT}) {
            assertThrows(IllegalStateException.class, state::begin, state.name());
            assertThrows(IllegalStateException.class, state::timeOut, state.name());
        }
        assertThrows(IllegalStateException.class, () -> OPEN.timeoutAnswered(true));
    }

    static Stream<Arguments> watches() {
        // state, headers out, stream, now, start, sending since, time limit 30 s, response limit 60 s
        return Stream.of(
                Arguments.of(OPEN, false, false, 29 * S, 0L, 0L, WAIT),
                Arguments.of(OPEN, false, false, 30 * S, 0L, 0L, ANSWER_TIMEOUT),
                Arguments.of(OPEN, true, false, 90 * S, 0L, 0L, WAIT), // the handler wrote to the JDK's exchange itself
                Arguments.of(SENDING, false, false, 64 * S, 0L, 5 * S, WAIT),
                Arguments.of(SENDING, false, false, 65 * S, 0L, 5 * S, CUT_OFF),
                Arguments.of(DONE, false, false, 999 * S, 0L, 5 * S, WAIT),
                Arguments.of(DONE, false, true, 64 * S, 0L, 5 * S, WAIT), // a HEAD stream's handler goes on
                Arguments.of(DONE, false, true, 65 * S, 0L, 5 * S, CUT_OFF),
                Arguments.of(DROPPED, false, false, 29 * S, 0L, 0L, WAIT), // the client left before any answer
                Arguments.of(DROPPED, false, false, 30 * S, 0L, 0L, CUT_OFF),
                Arguments.of(DROPPED, false, false, 64 * S, 0L, 5 * S, WAIT), // it left mid-answer
                Arguments.of(DROPPED, false, false, 65 * S, 0L, 5 * S, CUT_OFF),
                Arguments.of(TIMING_OUT, false, false, 999 * S, 0L, 0L, WAIT),
                Arguments.of(OPEN, false, false, Long.MIN_VALUE + 29 * S, Long.MAX_VALUE, 0L, WAIT), // nanoTime wraps
                Arguments.of(OPEN, false, false, Long.MIN_VALUE + 29 * S, Long.MAX_VALUE - 2 * S, 0L, ANSWER_TIMEOUT));
    }

    @ParameterizedTest(name = "{0} headersOut={1} stream={2} now={3} -> {6}")
    @MethodSource("watches")
    void watch_decidesByTheClock(ExchangeState state, boolean headersOut, boolean stream, long now, long start,
                                 long sendingSince, int expected) {
        assertEquals(expected, state.watch(headersOut, stream, now, start, sendingSince, 30 * S, 60 * S));
    }
}
