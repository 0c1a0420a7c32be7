package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.Limiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Under overload, bulk requests are shed first and essential ones last. */
class LoadSheddingTest {

    private static ShieldSettings fixedAt(int limit) {
        return new ShieldSettings(true, null, null, null, null, null, null, limit, 1000, null, null, null);
    }

    @Test
    void whenTheLimitIsReachedBulkIsShedWhileEssentialStillGetsItsShare() {
        LoadShedding shedding = new LoadShedding(fixedAt(20), new SimpleMeterRegistry());
        List<Limiter.Listener> held = new ArrayList<>();
        // A flood of bulk look-ups fills everything the other classes are not using.
        Optional<Limiter.Listener> slot;
        while ((slot = shedding.acquire(RequestClass.BULK)).isPresent()) {
            held.add(slot.get());
        }
        assertThat(held).as("bulk borrowed the unused capacity, up to the limit").hasSize(20);
        // Now essential requests arrive: they are guaranteed half the limit even though bulk holds all of it.
        int essential = 0;
        while (shedding.acquire(RequestClass.ESSENTIAL).isPresent()) {
            essential++;
        }
        assertThat(essential).isEqualTo(10);
        assertThat(shedding.acquire(RequestClass.BULK)).as("bulk is over its share and refused").isEmpty();
        held.forEach(Limiter.Listener::onSuccess);
        assertThat(shedding.acquire(RequestClass.BULK)).isPresent();
    }

    @Test
    void normalPagesKeepTheirShareAgainstBulkButNotAgainstEssential() {
        LoadShedding shedding = new LoadShedding(fixedAt(20), new SimpleMeterRegistry());
        for (int i = 0; i < 20; i++) {
            assertThat(shedding.acquire(RequestClass.BULK)).isPresent();
        }
        int normal = 0;
        while (shedding.acquire(RequestClass.NORMAL).isPresent()) {
            normal++;
        }
        assertThat(normal).isEqualTo(7);
        assertThat(shedding.acquire(RequestClass.ESSENTIAL)).isPresent();
    }

    @Test
    void bulkWorkNeverRunsOnMoreThanItsCoresHoweverMuchCapacityIsFree() {
        LoadShedding shedding = new LoadShedding(new ShieldSettings(true, null, null, null, null, null, null, 20, 2, null, null, null),
                new SimpleMeterRegistry());
        Limiter.Listener first = shedding.acquire(RequestClass.BULK).orElseThrow();
        Limiter.Listener second = shedding.acquire(RequestClass.BULK).orElseThrow();
        assertThat(shedding.acquire(RequestClass.BULK)).isEmpty();
        assertThat(shedding.acquire(RequestClass.NORMAL)).isPresent();
        first.onSuccess();
        assertThat(shedding.acquire(RequestClass.BULK)).isPresent();
        second.onIgnore();
    }

    @Test
    void theAdaptiveLimitStartsWhereConfigured() {
        LoadShedding shedding = new LoadShedding(new ShieldSettings(true, null, null, null, null, 50, 300, null, null, null, null, null),
                new SimpleMeterRegistry());
        assertThat(shedding.currentLimit()).isEqualTo(50);
    }

    @Test
    void aBulkRequestIsShedAtOnceWhenEnoughOthersAreAlreadyWaitingForItsSlots() {
        assertThat(LoadShedding.queueIsFull(0, 1)).isFalse();
        assertThat(LoadShedding.queueIsFull(LoadShedding.BULK_QUEUE_PER_SLOT - 1, 1)).isFalse();
        assertThat(LoadShedding.queueIsFull(LoadShedding.BULK_QUEUE_PER_SLOT, 1)).isTrue();
        assertThat(LoadShedding.queueIsFull(LoadShedding.BULK_QUEUE_PER_SLOT, 2)).as("the queue grows with the slots").isFalse();
    }
}
