package org.townhall.shield;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Token buckets per client and class (Bucket4j): in this instance's memory by default, where
 * deciding costs a map look-up and a compare-and-set; or, with townhall.shield.redis-url, in Redis
 * shared by every instance (one round trip), falling back to this instance's memory at once while
 * Redis is unreachable (SharedBuckets). No session, no database, no hashing either way.
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
    /** Redis, when configured: every instance counts in the same buckets while it answers. */
    private final SharedBuckets shared;

    RateLimits(ShieldSettings settings, MeterRegistry meters, FloodWatch floods, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.floods = floods;
        boolean sharing = settings.redisUrl() != null && !settings.redisUrl().isBlank();
        this.shared = sharing ? new SharedBuckets(settings.redisUrl(), settings.redisRetryEvery(), clock, meters) : null;
        for (RequestClass requestClass : RequestClass.values()) {
            Gauge.builder("townhall.shield.rate.limit.per.minute", () -> settings.perMinute(requestClass))
                    .tag("class", requestClass.name()).description("Requests per minute each client may make").register(meters);
        }
        Gauge.builder("townhall.shield.tracked.clients", buckets, Map::size)
                .description("Clients with a bucket in this instance's memory").register(meters);
    }

    @PreDestroy
    void close() {
        if (shared != null) {
            shared.close();
        }
    }

    /** The Redis side, if configured. */
    Optional<SharedBuckets> shared() {
        return Optional.ofNullable(shared);
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
        ConsumptionProbe probe = probe(key, settings.perMinute(requestClass));
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        meters.counter("townhall.shield.refusals", "class", requestClass.name(), "reason", "rate").increment();
        floods.refused(requestClass, client);
        return Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000_000L)));
    }

    private ConsumptionProbe probe(String key, int perMinute) {
        if (shared != null) {
            // Empty while Redis is down or its breaker is open: this instance counts alone, at once.
            Optional<ConsumptionProbe> counted = shared.tryConsume("townhall:shield:" + key, () -> configuration(perMinute));
            if (counted.isPresent()) {
                return counted.get();
            }
        }
        return buckets.computeIfAbsent(key, k -> newBucket(perMinute)).tryConsumeAndReturnRemaining(1);
    }

    /** As {@link #tryAcquire} for a signed-in account, wherever its requests come from. */
    public Optional<Duration> tryAcquireForAccount(String accountRef) {
        ConsumptionProbe probe = probe("ACCOUNT|" + accountRef, settings.accountPerMinute());
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        meters.counter("townhall.shield.refusals", "class", "ACCOUNT", "reason", "rate").increment();
        floods.refused(RequestClass.NORMAL, "account " + accountRef);
        return Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000_000L)));
    }

    /** Every minute, forget clients whose buckets have refilled: they are idle. */
    @Scheduled(fixedDelay = 60_000)
    void dropIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
    }

    private long capacityOf(String key) {
        String kind = key.substring(0, key.indexOf('|'));
        return kind.equals("ACCOUNT") ? settings.accountPerMinute() : settings.perMinute(RequestClass.valueOf(kind));
    }

    private static Bucket newBucket(int perMinute) {
        return Bucket.builder().addLimit(bandwidth(perMinute)).build();
    }

    private static BucketConfiguration configuration(int perMinute) {
        return BucketConfiguration.builder().addLimit(bandwidth(perMinute)).build();
    }

    private static Bandwidth bandwidth(int perMinute) {
        return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
    }
}
