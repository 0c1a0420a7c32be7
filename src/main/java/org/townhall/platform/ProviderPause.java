package org.townhall.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling another organisation's service for a while after it has left several calls in
 * a row unanswered (no connection, a timeout, 5xx, 429). While it is paused, callers give up at
 * once instead of each waiting out its timeout with a database connection held: an outage at
 * GOV.UK Pay or Notify must not become an outage of the council's site. After the pause one more
 * unanswered call pauses it again; one answer resets the count.
 */
public final class ProviderPause {

    private static final Logger log = LoggerFactory.getLogger(ProviderPause.class);

    private final String provider;
    private final int unansweredBeforePause;
    private final Duration pause;
    private final Clock clock;
    private final AtomicInteger unansweredInARow = new AtomicInteger();
    private volatile Instant pausedUntil = Instant.MIN;

    public ProviderPause(String provider, int unansweredBeforePause, Duration pause, Clock clock) {
        this.provider = provider;
        this.unansweredBeforePause = unansweredBeforePause;
        this.pause = pause;
        this.clock = clock;
    }

    /** True while calls should not be made. */
    public boolean paused() {
        return clock.instant().isBefore(pausedUntil);
    }

    /** When calls may be made again (a moment in the past when they may be made now). */
    public Instant pausedUntil() {
        return pausedUntil;
    }

    /** The provider answered (even to refuse the request). */
    public void answered() {
        unansweredInARow.set(0);
    }

    /** The provider's HTTP status: 5xx and 429 say it is not answering requests now; anything else is an answer. */
    public void heard(int httpStatus) {
        if (httpStatus >= 500 || httpStatus == 429) {
            unanswered();
        } else {
            answered();
        }
    }

    /** The provider did not answer: no connection, a timeout, a 5xx or a 429. */
    public void unanswered() {
        if (unansweredInARow.incrementAndGet() >= unansweredBeforePause) {
            pausedUntil = clock.instant().plus(pause);
            unansweredInARow.set(unansweredBeforePause - 1);
            log.warn("{} did not answer {} calls in a row; calls paused for {} s", provider, unansweredBeforePause, pause.toSeconds());
        }
    }

    public String describe() {
        return provider + " calls paused after " + unansweredBeforePause + " unanswered in a row";
    }
}
