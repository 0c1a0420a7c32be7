package org.townhall.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * When a message that could not be delivered is tried again, and when Townhall stops trying.
 * The gap doubles from a minute to an hour (1, 2, 4 … 32 minutes, then hourly), so a short blip
 * costs a resident a minute and a long outage costs GOV.UK Notify one call an hour per message.
 * Trying stops 72 hours after the message was queued: an outage over a whole weekend (Friday
 * evening to Monday morning is about 63 hours) still ends in delivery.
 */
public final class RetrySchedule {

    static final Duration FIRST_GAP = Duration.ofMinutes(1);
    static final Duration LONGEST_GAP = Duration.ofHours(1);
    public static final Duration KEEP_TRYING = Duration.ofHours(72);
    /**
     * A sender's claim on a message lasts far longer than one attempt can (Notify's ten-second
     * timeout), so nobody else tries it meanwhile; if the instance dies mid-attempt, the message
     * is due again when the claim runs out.
     */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private RetrySchedule() {
    }

    /** The wait after the given number of failed attempts in a row. */
    static Duration gapAfter(int failedAttempts) {
        if (failedAttempts <= 0) {
            return Duration.ZERO;
        }
        // 2^6 minutes already passes the hour: stop doubling there, so the shift cannot overflow.
        Duration gap = FIRST_GAP.multipliedBy(1L << Math.min(failedAttempts - 1, 6));
        return gap.compareTo(LONGEST_GAP) > 0 ? LONGEST_GAP : gap;
    }

    /** The last moment the message is tried: its own deadline, or 72 hours after it was queued. */
    static Instant deadline(OutboxMessage message) {
        return message.retryUntil() != null ? message.retryUntil() : message.createdAt().plus(KEEP_TRYING);
    }

    /**
     * When to try again after a failed attempt at {@code now} (the message's {@code failedAttempts}-th),
     * never later than its deadline; empty once the deadline has come: Townhall gives up.
     */
    static Optional<Instant> nextAttempt(Instant now, int failedAttempts, Instant deadline) {
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Instant next = now.plus(gapAfter(failedAttempts));
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
