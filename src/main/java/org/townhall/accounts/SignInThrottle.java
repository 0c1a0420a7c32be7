package org.townhall.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.townhall.accounts.store.ThrottleStore;
import org.townhall.accounts.store.ThrottleStore.Scope;
import org.townhall.shield.ClientKeys;

/**
 * Growing delays after failed sign-ins, per account and per client address, decided before any
 * password is hashed. Delays, not lockout: a guessing run is slowed to a few tries an hour, while
 * the real resident signing in from a browser they have used before skips the per-account delay
 * (OWASP "device cookies"), so an attacker cannot keep them out by failing on purpose.
 */
@Component
class SignInThrottle {

    /** Five free tries per account, then 1 s, 2 s, 4 s … doubling up to 15 minutes. */
    static final int ACCOUNT_FREE_FAILURES = 5;
    /** An address may be a whole office or mobile network behind one NAT, so it gets more. */
    static final int ADDRESS_FREE_FAILURES = 20;
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);
    /** Failures older than a day are forgotten. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final ThrottleStore store;
    private final Clock clock;

    SignInThrottle(ThrottleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long the caller must wait, if at all. {@code knownDevice} skips the account's own delay. */
    Optional<Duration> wait(String accountKey, String address, boolean knownDevice) {
        Instant now = clock.instant();
        Optional<Instant> until = store.blockedUntil(Scope.ADDRESS, ClientKeys.of(address), now);
        if (!knownDevice) {
            Optional<Instant> accountUntil = store.blockedUntil(Scope.ACCOUNT, accountKey, now);
            if (accountUntil.isPresent() && (until.isEmpty() || accountUntil.get().isAfter(until.get()))) {
                until = accountUntil;
            }
        }
        return until.map(u -> Duration.between(now, u));
    }

    void failed(String accountKey, String address) {
        Instant now = clock.instant();
        count(Scope.ACCOUNT, accountKey, ACCOUNT_FREE_FAILURES, now);
        count(Scope.ADDRESS, ClientKeys.of(address), ADDRESS_FREE_FAILURES, now);
    }

    void succeeded(String accountKey) {
        store.clear(Scope.ACCOUNT, accountKey);
    }

    private void count(Scope scope, String key, int free, Instant now) {
        int failures = store.recordFailure(scope, key, now, FORGET_AFTER);
        if (failures >= free) {
            store.block(scope, key, now.plus(delayAfter(failures - free)));
        }
    }

    static Duration delayAfter(int failuresBeyondFree) {
        if (failuresBeyondFree >= 10) {
            return LONGEST_DELAY;
        }
        Duration delay = Duration.ofSeconds(1L << failuresBeyondFree);
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }
}
