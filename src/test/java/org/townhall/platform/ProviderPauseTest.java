package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.townhall.support.TestClock;

class ProviderPauseTest {

    private final TestClock clock = new TestClock();
    private final ProviderPause pause = new ProviderPause("A provider", 3, Duration.ofSeconds(30), clock);

    @Test
    void pausesAfterUnansweredCallsInARowOnly() {
        pause.unanswered();
        pause.unanswered();
        pause.answered();
        pause.unanswered();
        pause.unanswered();
        assertThat(pause.paused()).as("an answer in between starts the count again").isFalse();
        pause.unanswered();
        assertThat(pause.paused()).isTrue();
        assertThat(pause.describe()).contains("A provider").contains("3");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreUnansweredAndARefusalIsAnAnswer() {
        pause.heard(503);
        pause.heard(429);
        pause.heard(404);
        pause.heard(500);
        pause.heard(502);
        assertThat(pause.paused()).as("the 404 started the count again").isFalse();
        pause.heard(504);
        assertThat(pause.paused()).isTrue();
    }

    @Test
    void afterThePauseOneMoreUnansweredCallPausesAgainAndOneAnswerEndsIt() {
        for (int i = 0; i < 3; i++) {
            pause.unanswered();
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(pause.paused()).isFalse();
        pause.unanswered();
        assertThat(pause.paused()).isTrue();

        clock.advance(Duration.ofSeconds(31));
        pause.answered();
        pause.unanswered();
        assertThat(pause.paused()).isFalse();
    }
}
