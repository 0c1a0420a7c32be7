package org.townhall.shield;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Token buckets per client and class, in this instance's memory (Bucket4j). Deciding costs a
 * map look-up and a compare-and-set: no session, no database, no hashing.
 */
@Service
@EnableConfigurationProperties(ShieldSettings.class)
public class RateLimits {

    /** Past this many tracked clients, idle buckets are dropped early, so a flood of addresses cannot exhaust memory. */
    static final int MAX_TRACKED = 200_000;

    private final ShieldSettings settings;
    private final MeterRegistry meters;
    private final FloodWatch floods;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(ShieldSettings settings, MeterRegistry meters, FloodWatch floods) {
        this.settings = settings;
        this.meters = meters;
        this.floods = floods;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Empty if the request may go ahead; otherwise how long the client should wait. */
    public Optional<Duration> tryAcquire(RequestClass requestClass, String clientAddress) {
        if (buckets.size() > MAX_TRACKED) {
            dropIdle();
        }
        String client = ClientKeys.of(clientAddress);
        String key = requestClass.name() + "|" + client;
        Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket(settings.perMinute(requestClass)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        meters.counter("townhall.shield.refusals", "class", requestClass.name(), "reason", "rate").increment();
        floods.refused(requestClass, client);
        return Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000_000L)));
    }

    /** Every minute, forget clients whose buckets have refilled: they are idle. */
    @Scheduled(fixedDelay = 60_000)
    void dropIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
    }

    private long capacityOf(String key) {
        return settings.perMinute(RequestClass.valueOf(key.substring(0, key.indexOf('|'))));
    }

    private static Bucket newBucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
