package org.townhall.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/**
 * The ICO's 72-hour clock: from when the council became aware of the breach (UK GDPR Art
 * 33(1): "without undue delay and, where feasible, not later than 72 hours after having become
 * aware of it"). Counted in elapsed hours, so a clock change in between moves the deadline's
 * London wall-clock time by an hour but never the time actually allowed.
 */
public record BreachClock(Instant awareAt, Instant notifiedAt, Instant now) {

    public static final Duration ALLOWED = Duration.ofHours(72);

    public Instant deadline() {
        return awareAt.plus(ALLOWED);
    }

    public ZonedDateTime deadlineLondon() {
        return deadline().atZone(ClockConfiguration.LONDON);
    }

    public ZonedDateTime awareLondon() {
        return awareAt.atZone(ClockConfiguration.LONDON);
    }

    public boolean notified() {
        return notifiedAt != null;
    }

    public Duration left() {
        return Duration.between(now, deadline());
    }

    public boolean overdue() {
        return !notified() && !now.isBefore(deadline());
    }

    /** Whether a notification made at {@code at} is late, so needs the reasons for the delay. */
    public boolean lateAt(Instant at) {
        return at.isAfter(deadline());
    }

    public boolean notifiedLate() {
        return notified() && lateAt(notifiedAt);
    }

    /** "1 day 5 hours left", "overdue by 3 hours 10 minutes", "notified". */
    public String describe() {
        if (notified()) {
            return notifiedLate() ? "Notified late" : "Notified in time";
        }
        Duration left = left();
        return left.isNegative() || left.isZero() ? "Overdue by " + words(left.negated()) : words(left) + " left";
    }

    static String words(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(days == 1 ? " day " : " days ");
        }
        if (hours > 0 || days > 0) {
            text.append(hours).append(hours == 1 ? " hour" : " hours");
        }
        if (days == 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
        }
        return text.toString().trim();
    }
}
