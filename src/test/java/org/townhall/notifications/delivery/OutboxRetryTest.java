package org.townhall.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * GOV.UK Notify unreachable, as during an outage: messages are tried again on their own schedule
 * for 72 hours, only real attempts count, two instances never both try one message, and a message
 * given up on is logged, audited and counted.
 */
class OutboxRetryTest extends NotifyOutage {

    @Test
    void aMessageSkippedWhileNotifyIsPausedIsNotCountedAsAnAttempt() {
        OutboxDelivery instance = anInstance();
        List<String> references = new ArrayList<>();
        for (int i = 0; i <= GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE; i++) {
            references.add(queued());
        }
        String skipped = references.get(GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE);

        instance.sweep();

        references.subList(0, GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE)
                .forEach(tried -> assertThat(message(tried).attempts()).as(tried).isEqualTo(1));
        assertThat(callsFor(skipped)).isZero();
        OutboxMessage waiting = message(skipped);
        assertThat(waiting.attempts()).as("a paused provider was not tried").isZero();
        assertThat(waiting.status()).isEqualTo("PENDING");
        assertThat(waiting.nextAttemptAt()).as("due again when the pause ends")
                .isBetween(clock.instant(), clock.instant().plus(GovukNotifyChannel.PAUSE));

        moveClockTo(waiting.nextAttemptAt());
        instance.sweep();
        assertThat(message(skipped).attempts()).isEqualTo(1);
        assertThat(callsFor(skipped)).isEqualTo(1);
    }

    @Test
    void aFailedMessageIsTriedAgainAfterGapsDoublingFromAMinuteToAnHour() {
        OutboxDelivery instance = anInstance();
        String reference = queued();
        List<Long> gaps = new ArrayList<>();
        instance.sweep();
        for (int attempt = 1; attempt <= 9; attempt++) {
            OutboxMessage failed = message(reference);
            assertThat(failed.attempts()).isEqualTo(attempt);
            gaps.add(Duration.between(failed.lastAttemptAt(), failed.nextAttemptAt()).toMinutes());
            clock.advance(Duration.ofSeconds(30));
            instance.sweep();
            assertThat(message(reference).attempts()).as("not due yet").isEqualTo(attempt);
            moveClockTo(failed.nextAttemptAt());
            instance.sweep();
        }
        assertThat(gaps).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(callsFor(reference)).isEqualTo(10);
    }

    @Test
    void aMessageIsStillTriedAfter71HoursAndGivenUpVisiblyAfter72(CapturedOutput output) {
        OutboxDelivery instance = anInstance();
        String reference = queued();
        OutboxMessage queued = message(reference);
        double givenUpBefore = meters.counter("townhall.notifications.given.up").count();
        long auditBefore = auditRows.lastId();
        instance.sweep();
        while (message(reference).nextAttemptAt() != null
                && message(reference).nextAttemptAt().isBefore(queued.createdAt().plus(Duration.ofHours(71)))) {
            moveClockTo(message(reference).nextAttemptAt());
            instance.sweep();
        }
        moveClockTo(message(reference).nextAttemptAt());
        instance.sweep();
        OutboxMessage at71Hours = message(reference);
        assertThat(at71Hours.lastAttemptAt()).isAfter(queued.createdAt().plus(Duration.ofHours(71)));
        assertThat(at71Hours.status()).isEqualTo("PENDING");
        assertThat(at71Hours.attempts()).as("real attempts only").isEqualTo(callsFor(reference));
        assertThat(auditRows.actionsSince(auditBefore)).doesNotContain("NOTIFICATION_GIVEN_UP");

        while (message(reference).status().equals("PENDING")) {
            moveClockTo(message(reference).nextAttemptAt());
            instance.sweep();
        }

        OutboxMessage givenUp = message(reference);
        assertThat(givenUp.status()).isEqualTo("FAILED");
        assertThat(givenUp.givenUpAt()).isAfterOrEqualTo(queued.createdAt().plus(Duration.ofHours(72)));
        assertThat(givenUp.attempts()).isEqualTo(callsFor(reference)).isGreaterThan(70);
        assertThat(givenUp.lastError()).contains(reference).contains("did not answer");
        assertThat(auditRows.detailsSince(auditBefore, "NOTIFICATION_GIVEN_UP")).singleElement().asString()
                .startsWith(reference).contains("VERIFY_EMAIL").doesNotContain(queued.recipient());
        assertThat(meters.counter("townhall.notifications.given.up").count()).isEqualTo(givenUpBefore + 1);
        assertThat(output.getOut()).containsPattern("ERROR .*Gave up delivering " + reference)
                .doesNotContain(queued.recipient()).doesNotContain("one-time-secret");
    }

    @Test
    void twoInstancesSweepingAtOnceNeverTryOneMessageTwice() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            references.add(queued());
        }
        OutboxDelivery first = anInstance();
        OutboxDelivery second = anInstance();

        sweepTogether(first, second);
        sweepTogether(first, second);

        references.forEach(reference -> {
            assertThat(callsFor(reference)).as(reference).isEqualTo(1);
            assertThat(message(reference).attempts()).as("one attempt counted, not one per instance").isEqualTo(1);
        });

        notifyAnswers();
        references.forEach(reference -> moveClockTo(message(reference).nextAttemptAt()));
        references.add(queued());
        sweepTogether(first, second);
        references.forEach(reference -> {
            assertThat(message(reference).status()).as(reference).isEqualTo("SENT");
            assertThat(callsFor(reference)).as(reference).isEqualTo(reference.equals(references.get(4)) ? 1 : 2);
        });
    }

    private static void sweepTogether(OutboxDelivery first, OutboxDelivery second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> awaitThen(start, first::sweep));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> awaitThen(start, second::sweep));
        start.countDown();
        CompletableFuture.allOf(one, two).get();
    }

    private static void awaitThen(CountDownLatch start, Runnable sweep) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sweep.run();
    }
}
