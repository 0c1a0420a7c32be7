package org.townhall.shield;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether to call a service every request depends on (Redis) or do without it. Closed, every
 * call is made. One failure opens it: for a while no call is made, so each request does without
 * at once instead of waiting out a timeout; when the while is over, one call (and only one, however
 * many requests arrive together) is let through as a probe. A success closes it; a failure keeps
 * it open for another while. Opening and closing are logged once each, never per request.
 */
final class CircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    enum State { CLOSED, OPEN }

    private final String service;
    private final String without;
    private final Duration openFor;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean(true);
    private final AtomicReference<Instant> nextProbe = new AtomicReference<>(Instant.MIN);

    /** {@code without}: what happens meanwhile, for the log ("this instance counts alone"). */
    CircuitBreaker(String service, String without, Duration openFor, Clock clock) {
        this.service = service;
        this.without = without;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** True if the call may be made now: always while closed; while open, once per {@code openFor}. */
    boolean allowsCall() {
        if (closed.get()) {
            return true;
        }
        Instant due = nextProbe.get();
        Instant now = clock.instant();
        // Whoever moves the next probe forward makes this one; everyone else does without.
        return !now.isBefore(due) && nextProbe.compareAndSet(due, now.plus(openFor));
    }

    void succeeded() {
        if (closed.compareAndSet(false, true)) {
            log.info("{} is answering again; back to normal", service);
        }
    }

    /** {@code why}: a short reason with nothing secret in it (an exception's class, not its message). */
    void failed(String why) {
        nextProbe.set(clock.instant().plus(openFor));
        if (closed.compareAndSet(true, false)) {
            log.warn("{} is not answering ({}); {} until it does, trying it again every {} s", service, why, without,
                    openFor.toSeconds());
        }
    }

    State state() {
        return closed.get() ? State.CLOSED : State.OPEN;
    }
}
