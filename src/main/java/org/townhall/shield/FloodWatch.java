package org.townhall.shield;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;

/**
 * Counts refusals minute by minute. When a minute's refusals pass the flood threshold, one
 * FLOOD_DETECTED row goes into the audit trail (and a warning into the log) naming the busiest
 * client, so analysts see an attack without a row per refused request.
 */
@Component
class FloodWatch {

    private static final Logger log = LoggerFactory.getLogger(FloodWatch.class);

    private final AuditTrail audit;
    private final Clock clock;
    private final int threshold;
    private volatile long minute = -1;
    private final AtomicLong refusals = new AtomicLong();
    private final Map<String, AtomicLong> byClient = new ConcurrentHashMap<>();
    private volatile boolean reported;

    FloodWatch(AuditTrail audit, Clock clock, ShieldSettings settings) {
        this.audit = audit;
        this.clock = clock;
        this.threshold = settings.floodRefusalsPerMinute();
    }

    void refused(RequestClass requestClass, String clientKey) {
        long now = clock.instant().getEpochSecond() / 60;
        if (now != minute) {
            synchronized (this) {
                if (now != minute) {
                    minute = now;
                    refusals.set(0);
                    byClient.clear();
                    reported = false;
                }
            }
        }
        long count = refusals.incrementAndGet();
        if (byClient.size() < 10_000) {
            byClient.computeIfAbsent(clientKey, k -> new AtomicLong()).incrementAndGet();
        }
        if (count >= threshold && !reported) {
            synchronized (this) {
                if (!reported) {
                    reported = true;
                    report(count, requestClass);
                }
            }
        }
    }

    private void report(long count, RequestClass requestClass) {
        Map.Entry<String, AtomicLong> busiest = byClient.entrySet().stream()
                .max((a, b) -> Long.compare(a.getValue().get(), b.getValue().get())).orElse(null);
        String detail = count + " refusals this minute (" + requestClass + "), " + byClient.size() + " clients"
                + (busiest == null ? "" : ", busiest " + busiest.getKey() + " with " + busiest.getValue().get());
        log.warn("Flood detected: {}", detail);
        // Only a plain address goes in the address column; an IPv6 /64 key or "unknown" stays in the detail.
        String address = busiest == null || !busiest.getKey().matches("[0-9a-fA-F.:]+") ? null : busiest.getKey();
        audit.record(AuditEntry.of(AuditAction.FLOOD_DETECTED, AuditOutcome.DENIED, Actor.system()).because(detail),
                new ClientOrigin(address, "flood-" + Instant.ofEpochSecond(minute * 60), null));
    }
}
