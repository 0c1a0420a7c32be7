package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The ICO's 72 hours are elapsed hours, however the clocks in London change in between. */
class BreachClockTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Instant london(String localTime) {
        return LocalDateTime.parse(localTime).atZone(LONDON).toInstant();
    }

    @Test
    void acrossTheSpringClockChangeTheDeadlineIsAnHourLaterOnTheWallClock() {
        // Clocks go forward at 01:00 GMT on Sunday 28 March 2027.
        BreachClock clock = new BreachClock(london("2027-03-27T10:00"), null, london("2027-03-27T10:00"));
        assertThat(clock.deadlineLondon().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2027-03-30T11:00"));
        assertThat(Duration.between(clock.awareAt(), clock.deadline())).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void acrossTheAutumnClockChangeTheDeadlineIsAnHourEarlierOnTheWallClock() {
        // Clocks go back at 01:00 GMT on Sunday 25 October 2026.
        BreachClock clock = new BreachClock(london("2026-10-23T12:00"), null, london("2026-10-23T12:00"));
        assertThat(clock.deadlineLondon().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-26T11:00"));
    }

    @Test
    void awarenessInTheRepeatedHourCountsFromTheInstantNotTheWallClock() {
        Instant firstOneThirty = LocalDateTime.parse("2026-10-25T01:30").atZone(LONDON).withEarlierOffsetAtOverlap().toInstant();
        Instant secondOneThirty = LocalDateTime.parse("2026-10-25T01:30").atZone(LONDON).withLaterOffsetAtOverlap().toInstant();
        BreachClock first = new BreachClock(firstOneThirty, null, firstOneThirty);
        BreachClock second = new BreachClock(secondOneThirty, null, secondOneThirty);
        assertThat(Duration.between(first.deadline(), second.deadline())).isEqualTo(Duration.ofHours(1));
        assertThat(first.deadlineLondon().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-28T00:30"));
    }

    @Test
    void timeLeftIsSaidInWordsAndOverdueIsFlagged() {
        Instant aware = london("2027-01-10T09:00");
        assertThat(new BreachClock(aware, null, aware.plus(Duration.ofHours(47))).describe()).isEqualTo("1 day 1 hour left");
        assertThat(new BreachClock(aware, null, aware.plus(Duration.ofMinutes(72 * 60 - 5))).describe()).isEqualTo("5 minutes left");
        BreachClock late = new BreachClock(aware, null, aware.plus(Duration.ofHours(75)));
        assertThat(late.overdue()).isTrue();
        assertThat(late.describe()).isEqualTo("Overdue by 3 hours 0 minutes");
        assertThat(new BreachClock(aware, aware.plus(Duration.ofHours(80)), aware.plus(Duration.ofHours(90))).notifiedLate()).isTrue();
    }
}
