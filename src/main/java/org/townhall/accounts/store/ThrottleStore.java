package org.townhall.accounts.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts of recent failed sign-ins, per account, per client address and per known browser. */
@Repository
public class ThrottleStore {

    public enum Scope { ACCOUNT, ADDRESS, DEVICE }

    private final JdbcClient jdbc;

    public ThrottleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> blockedUntil(Scope scope, String key, Instant now) {
        return jdbc.sql("select blocked_until from sign_in_throttle where scope = :scope and key = :key and blocked_until > :now")
                .param("scope", scope.name()).param("key", key).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /**
     * Counts one more failure and returns the new count. A key quiet for longer than
     * {@code forgetAfter} starts again from one.
     */
    public int recordFailure(Scope scope, String key, Instant now, Duration forgetAfter) {
        return jdbc.sql("""
                insert into sign_in_throttle as t (scope, key, failures, last_failure_at)
                values (:scope, :key, 1, :now)
                on conflict (scope, key) do update set
                    failures = case when t.last_failure_at < :forget then 1 else t.failures + 1 end,
                    last_failure_at = :now
                returning failures""")
                .param("scope", scope.name()).param("key", key).param("now", Timestamp.from(now))
                .param("forget", Timestamp.from(now.minus(forgetAfter))).query(Integer.class).single();
    }

    public void block(Scope scope, String key, Instant until) {
        jdbc.sql("update sign_in_throttle set blocked_until = :until where scope = :scope and key = :key")
                .param("until", Timestamp.from(until)).param("scope", scope.name()).param("key", key).update();
    }

    public void clear(Scope scope, String key) {
        jdbc.sql("delete from sign_in_throttle where scope = :scope and key = :key")
                .param("scope", scope.name()).param("key", key).update();
    }
}
