package org.townhall.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the shield's refusals for the report. The shield counts them in memory (the Prometheus
 * counter townhall.shield.refusals, by class and reason) and refuses before touching the
 * database, so this writes each instance's new refusals once a minute instead.
 */
@Component
public class RefusalTally {

    private static final String INSTANCE = UUID.randomUUID().toString();

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Double> written = new HashMap<>();

    RefusalTally(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    public synchronized void write() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (Counter counter : meters.find("townhall.shield.refusals").counters()) {
            String requestClass = counter.getId().getTag("class");
            String reason = counter.getId().getTag("reason");
            if (requestClass == null || reason == null) {
                continue;
            }
            String key = requestClass + "/" + reason;
            double total = counter.count();
            long added = (long) (total - written.getOrDefault(key, 0.0));
            if (added <= 0) {
                continue;
            }
            jdbc.sql("""
                    insert into shield_refusal_tally (minute, instance, request_class, reason, refusals)
                    values (:minute, :instance, :class, :reason, :n)
                    on conflict (minute, instance, request_class, reason) do update set refusals = shield_refusal_tally.refusals + excluded.refusals""")
                    .param("minute", Timestamp.from(minute)).param("instance", INSTANCE).param("class", requestClass)
                    .param("reason", reason).param("n", added).update();
            written.put(key, written.getOrDefault(key, 0.0) + added);
        }
    }
}
