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
        // Bulk work (hashing guessed passwords, anonymous look-ups and pages) runs on at most half the
        // cores, so a flood from more addresses than any per-address limit can see leaves the other
        // half to residents who are signed in or finishing a payment.
        bulkConcurrency = bulkConcurrency == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : bulkConcurrency;
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
