package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.townhall.support.TestClock;

@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerTest {

    private static final Duration OPEN_FOR = Duration.ofSeconds(10);
    private final TestClock clock = new TestClock();
    private final CircuitBreaker breaker = new CircuitBreaker("Redis at test:6379", "each instance counts alone", OPEN_FOR, clock);

    private long callsAllowedOutOf(int asks) {
        return IntStream.range(0, asks).filter(i -> breaker.allowsCall()).count();
    }

    @Test
    void whileClosedEveryCallIsMade() {
        assertThat(callsAllowedOutOf(100)).isEqualTo(100);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void oneFailureOpensItAndNoCallIsMadeUntilTheWhileIsOver() {
        breaker.failed("RedisConnectionException");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(callsAllowedOutOf(1_000)).isZero();
        clock.advance(OPEN_FOR.minusMillis(100));
        assertThat(callsAllowedOutOf(1_000)).isZero();
    }

    @Test
    void afterTheWhileASingleCallProbesHoweverManyAsk() {
        breaker.failed("RedisCommandTimeoutException");
        clock.advance(OPEN_FOR);
        assertThat(callsAllowedOutOf(1_000)).isEqualTo(1);
    }

    @Test
    void aProbeThatFailsKeepsItOpenForAnotherWhileAndOneThatSucceedsClosesIt() {
        breaker.failed("RedisConnectionException");
        clock.advance(OPEN_FOR);
        assertThat(breaker.allowsCall()).isTrue();
        breaker.failed("RedisConnectionException");
        assertThat(callsAllowedOutOf(100)).isZero();
        clock.advance(OPEN_FOR);
        assertThat(breaker.allowsCall()).isTrue();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(callsAllowedOutOf(100)).isEqualTo(100);
    }

    @Test
    void openingAndClosingAreLoggedOnceEachNotPerRequest(CapturedOutput output) {
        for (int i = 0; i < 500; i++) {
            breaker.failed("RedisConnectionException");
            breaker.allowsCall();
        }
        for (int i = 0; i < 500; i++) {
            breaker.succeeded();
        }
        assertThat(output.getOut().split("is not answering", -1)).hasSize(2);
        assertThat(output.getOut().split("is answering again", -1)).hasSize(2);
    }
}
