package org.townhall.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant QUEUED = Instant.parse("2026-12-04T18:00:00Z");

    @Test
    void theGapDoublesFromAMinuteAndStopsGrowingAtAnHour() {
        assertThat(IntStream.rangeClosed(1, 10).mapToObj(RetrySchedule::gapAfter).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L);
        assertThat(RetrySchedule.gapAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theLastAttemptFallsOnTheDeadlineAndNoneAfterIt() {
        Instant deadline = QUEUED.plus(RetrySchedule.KEEP_TRYING);
        assertThat(RetrySchedule.nextAttempt(deadline.minusSeconds(600), 40, deadline)).contains(deadline);
        assertThat(RetrySchedule.nextAttempt(deadline, 41, deadline)).isEmpty();
        assertThat(RetrySchedule.nextAttempt(deadline.plusSeconds(1), 41, deadline)).isEmpty();
    }

    @Test
    void messagesAreTriedForAtLeastSeventyTwoHours() {
        assertThat(RetrySchedule.KEEP_TRYING).isGreaterThanOrEqualTo(Duration.ofHours(72));
    }
}
