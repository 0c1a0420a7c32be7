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
 * the real resident signing in from a browser they have used before (its cookie bound to their
 * account) is held up by neither the account's delay nor the address's (OWASP "device cookies"),
 * so an attacker cannot keep them out by failing on purpose, whether on their account or from
 * their network. That browser's own failures are counted against it, so a stolen cookie is not
 * unlimited guessing (ADR 0005).
 */
@Component
class SignInThrottle {

    /** Five free tries per account, then 1 s, 2 s, 4 s … doubling up to 15 minutes. */
    static final int ACCOUNT_FREE_FAILURES = 5;
    /** An address may be a whole office or mobile network behind one NAT, so it gets more. */
    static final int ADDRESS_FREE_FAILURES = 20;
    /** A known browser gets as many free tries as an account: it is one person's. */
    static final int KNOWN_BROWSER_FREE_FAILURES = 5;
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);
    /** Failures older than a day are forgotten. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final ThrottleStore store;
    private final Clock clock;

    SignInThrottle(ThrottleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long a browser that is not the account's known one must wait, if at all: the later of both delays. */
    Optional<Duration> wait(String accountKey, String address) {
        Instant now = clock.instant();
        Optional<Instant> until = store.blockedUntil(Scope.ADDRESS, ClientKeys.of(address), now);
        Optional<Instant> accountUntil = store.blockedUntil(Scope.ACCOUNT, accountKey, now);
        if (accountUntil.isPresent() && (until.isEmpty() || accountUntil.get().isAfter(until.get()))) {
            until = accountUntil;
        }
        return until.map(u -> Duration.between(now, u));
    }

    /**
     * How long the account's own known browser must wait, if at all: only after its own failures.
     * Everyone else's failures, on the account or from the same address, do not hold it up.
     */
    Optional<Duration> waitForKnownBrowser(String deviceKey) {
        Instant now = clock.instant();
        return store.blockedUntil(Scope.DEVICE, deviceKey, now).map(u -> Duration.between(now, u));
    }

    void failed(String accountKey, String address) {
        Instant now = clock.instant();
        count(Scope.ACCOUNT, accountKey, ACCOUNT_FREE_FAILURES, now);
        count(Scope.ADDRESS, ClientKeys.of(address), ADDRESS_FREE_FAILURES, now);
    }

    /** A failure from the account's known browser counts as any other, and against that browser too. */
    void failedFromKnownBrowser(String accountKey, String address, String deviceKey) {
        failed(accountKey, address);
        count(Scope.DEVICE, deviceKey, KNOWN_BROWSER_FREE_FAILURES, clock.instant());
    }

    void succeeded(String accountKey) {
        store.clear(Scope.ACCOUNT, accountKey);
    }

    void succeededFromKnownBrowser(String accountKey, String deviceKey) {
        succeeded(accountKey);
        store.clear(Scope.DEVICE, deviceKey);
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
