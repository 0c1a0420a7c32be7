package org.townhall.shield;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per minute each client may make in each class. Bulk is tight (a person looks up a
 * few fines or signs in a few times; a script tries thousands), essential generous.
 */
@ConfigurationProperties("townhall.shield")
public record ShieldSettings(Boolean enabled, Integer bulkPerMinute, Integer normalPerMinute, Integer essentialPerMinute,
                             Integer floodRefusalsPerMinute, Integer initialConcurrency, Integer maxConcurrency,
                             Integer fixedConcurrency, Integer bulkConcurrency, Integer accountPerMinute, String redisUrl,
                             Duration redisRetryEvery) {

    public ShieldSettings {
        enabled = enabled == null || enabled;
        bulkPerMinute = bulkPerMinute == null ? 30 : bulkPerMinute;
        normalPerMinute = normalPerMinute == null ? 300 : normalPerMinute;
        essentialPerMinute = essentialPerMinute == null ? 600 : essentialPerMinute;
        floodRefusalsPerMinute = floodRefusalsPerMinute == null ? 1000 : floodRefusalsPerMinute;
        // Requests in flight at once: the adaptive limit starts here and moves with latency.
        initialConcurrency = initialConcurrency == null ? 64 : initialConcurrency;
        maxConcurrency = maxConcurrency == null ? 400 : maxConcurrency;
        // A signed-in account, wherever its requests come from: a person clicks, a stolen session scripted does not stop.
        accountPerMinute = accountPerMinute == null ? 300 : accountPerMinute;
        // As many bulk requests run at once as there are cores: one core is not enough even for
        // residents alone (each sign-in hashes a password for 30 ms or more, and look-ups and pages
        // without a session are bulk too), so shedding, not this cap, keeps the flood off residents.
        bulkConcurrency = bulkConcurrency == null ? Runtime.getRuntime().availableProcessors() : bulkConcurrency;
        // While Redis is unreachable: how often to try it again (one request, and the reconnecting thread).
        redisRetryEvery = redisRetryEvery == null ? Duration.ofSeconds(10) : redisRetryEvery;
    }

    public int perMinute(RequestClass requestClass) {
        return switch (requestClass) {
            case BULK -> bulkPerMinute;
            case NORMAL -> normalPerMinute;
            case ESSENTIAL -> essentialPerMinute;
        };
    }
}
