package org.townhall.shield;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How many requests run at once, adapting to latency (Netflix concurrency-limits' Gradient2: when
 * responses slow down the limit falls, when they recover it rises). The limit is shared by class:
 * essential requests are guaranteed half of it, normal 35%, bulk 15%, and a class may borrow what
 * the others leave unused. Under overload the classes over their share are refused: bulk first,
 * because its share is smallest, essential last.
 */
@Component
public class LoadShedding {

    static final double ESSENTIAL_SHARE = 0.50;
    static final double NORMAL_SHARE = 0.35;
    static final double BULK_SHARE = 0.15;

    private final Limit limit;
    private final Limiter<RequestClass> limiter;

    LoadShedding(ShieldSettings settings, MeterRegistry meters) {
        this.limit = settings.fixedConcurrency() != null ? FixedLimit.of(settings.fixedConcurrency())
                : Gradient2Limit.newBuilder().initialLimit(settings.initialConcurrency()).minLimit(8)
                .maxConcurrency(settings.maxConcurrency()).build();
        this.limiter = new ByClass().named("townhall").limit(limit).partitionResolver(RequestClass::name)
                .partition(RequestClass.ESSENTIAL.name(), ESSENTIAL_SHARE)
                .partition(RequestClass.NORMAL.name(), NORMAL_SHARE)
                .partition(RequestClass.BULK.name(), BULK_SHARE)
                .build();
        Gauge.builder("townhall.shield.concurrency.limit", limit, Limit::getLimit)
                .description("Requests allowed in flight at once (all classes)").register(meters);
    }

    /** A slot for the request, to be released when it ends; empty when the request is to be shed. */
    public Optional<Limiter.Listener> acquire(RequestClass requestClass) {
        return limiter.acquire(requestClass);
    }

    public int currentLimit() {
        return limit.getLimit();
    }

    private static final class ByClass extends AbstractPartitionedLimiter.Builder<ByClass, RequestClass> {
        @Override
        protected ByClass self() {
            return this;
        }
    }
}
