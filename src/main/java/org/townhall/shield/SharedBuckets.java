package org.townhall.shield;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Token buckets in Redis, shared by every instance, for as long as Redis answers. Townhall starts
 * whether or not Redis is there: the connection is made, and remade after Redis goes away, on a
 * thread of its own, never on a request. While Redis is unreachable the circuit breaker sends every
 * request straight to the instance's own buckets ({@link #tryConsume} is empty), so residents are
 * counted alone rather than refused or kept waiting on Redis.
 */
final class SharedBuckets implements AutoCloseable {

    /** A request waits at most this long for Redis, and only when Redis has just stopped answering. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private final String where;
    private final CircuitBreaker breaker;
    private final Counter failures;
    private final ScheduledExecutorService reconnector;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    SharedBuckets(String redisUrl, Duration retryEvery, Clock clock, MeterRegistry meters) {
        RedisURI uri = RedisURI.create(redisUrl);
        // Host and port only: the address may carry a password.
        this.where = "Redis at " + uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        // Reconnecting is ours (below), so that it is logged once per outage, not once per try.
        this.client.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT)).build());
        this.breaker = new CircuitBreaker(where, "this instance counts every client's requests alone", retryEvery, clock);
        this.failures = Counter.builder("townhall.shield.shared.failures")
                .description("Calls to Redis that failed; the request was counted by this instance alone").register(meters);
        Gauge.builder("townhall.shield.shared.available", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 1 : 0)
                .description("1 while rate limits are shared through Redis, 0 while this instance counts alone").register(meters);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-reconnect-");
        threads.setDaemon(true);
        this.reconnector = Executors.newSingleThreadScheduledExecutor(threads);
        // One try now, so an instance whose Redis is up shares its limits from the first request.
        reconnectIfNeeded();
        reconnector.scheduleWithFixedDelay(this::reconnectIfNeeded, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Takes one token from the shared bucket, or is empty when Redis cannot be asked now (never
     * connected, broken, or the breaker open): the caller then counts in its own memory.
     */
    Optional<ConsumptionProbe> tryConsume(String key, Supplier<BucketConfiguration> configuration) {
        ProxyManager<String> shared = buckets;
        if (shared == null || !breaker.allowsCall()) {
            return Optional.empty();
        }
        try {
            ConsumptionProbe probe = shared.builder().build(key, configuration).tryConsumeAndReturnRemaining(1);
            breaker.succeeded();
            return Optional.of(probe);
        } catch (RuntimeException e) {
            failures.increment();
            breaker.failed(e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Connects if there is no open connection; the breaker closes once Redis has answered. */
    synchronized void reconnectIfNeeded() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null && current.isOpen()) {
            return;
        }
        StatefulRedisConnection<String, byte[]> fresh = null;
        try {
            fresh = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            fresh.sync().ping();
            buckets = Bucket4jLettuce.casBasedBuilder(fresh)
                    // A bucket is forgotten once it would have refilled.
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
            connection = fresh;
            if (current != null) {
                current.closeAsync();
            }
            breaker.succeeded();
        } catch (RuntimeException e) {
            if (fresh != null) {
                fresh.closeAsync();
            }
            breaker.failed(e.getClass().getSimpleName());
        }
    }

    CircuitBreaker.State state() {
        return breaker.state();
    }

    @Override
    public void close() {
        reconnector.shutdownNow();
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
