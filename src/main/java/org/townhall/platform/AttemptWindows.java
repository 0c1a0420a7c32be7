package org.townhall.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attempts counted per scope and key (a client address, a PCN number, an account reference) in
 * fixed windows, in a table of (scope, key, window_start, attempts). In the database so that every
 * instance counts together and a restart forgets nothing.
 */
public final class AttemptWindows {

    private final JdbcClient jdbc;
    private final String table;

    /** {@code table} is a constant naming a table of the shape above, never user input. */
    public AttemptWindows(JdbcClient jdbc, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Adds one attempt, starting a new window if the last began before {@code windowStartedBefore}; returns the count. */
    public int count(String scope, String key, Instant now, Instant windowStartedBefore) {
        return jdbc.sql("insert into " + table + " as w (scope, key, window_start, attempts) values (:scope, :key, :now, 1)"
                        + " on conflict (scope, key) do update set"
                        + " attempts = case when w.window_start < :expired then 1 else w.attempts + 1 end,"
                        + " window_start = case when w.window_start < :expired then :now else w.window_start end"
                        + " returning attempts")
                .param("scope", scope).param("key", key).param("now", Timestamp.from(now))
                .param("expired", Timestamp.from(windowStartedBefore)).query(Integer.class).single();
    }

    /** The count in the current window, without adding to it. */
    public int inWindow(String scope, String key, Instant windowStartedBefore) {
        return jdbc.sql("select attempts from " + table + " where scope = :scope and key = :key and window_start >= :expired")
                .param("scope", scope).param("key", key).param("expired", Timestamp.from(windowStartedBefore))
                .query(Integer.class).optional().orElse(0);
    }

    private Optional<Instant> windowStart(String scope, String key) {
        return jdbc.sql("select window_start from " + table + " where scope = :scope and key = :key")
                .param("scope", scope).param("key", key).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** How long until the window for this key ends (at least a second). */
    public Duration retryAfter(String scope, String key, Duration window, Instant now) {
        Instant start = windowStart(scope, key).orElse(now);
        Duration left = Duration.between(now, start.plus(window));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
