package org.townhall.payments;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * GOV.UK Pay taking its time, for exactly as long as a test needs: a stub marked
 * {@code .withTransformers(HeldAnswers.NAME)} answers only once the test lets it. A fixed delay
 * instead races the test on a busy machine: the answer can come before the test has looked at
 * what Townhall holds meanwhile, or before a second request has reached the provider at all.
 * Nothing is held longer than a minute, so a failed test leaves no thread waiting.
 */
final class HeldAnswers implements ResponseDefinitionTransformerV2 {

    static final String NAME = "held-answers";
    private static final long MOST_SECONDS = 60;

    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch released = new CountDownLatch(0);
    private volatile boolean releaseOnArrival;

    /** Holds every answer until {@link #release()}. */
    void holdUntilReleased() {
        hold(1, false);
    }

    /** Holds every answer until this many requests have arrived, then gives them all at once. */
    void holdUntilArrived(int requests) {
        hold(requests, true);
    }

    private void hold(int requests, boolean onArrival) {
        releaseOnArrival = onArrival;
        released = new CountDownLatch(1);
        arrived = new CountDownLatch(requests);
    }

    /** Waits (up to a minute: a loaded machine is slow, not stuck) until the held request has reached the provider. */
    boolean awaitArrival() throws InterruptedException {
        return arrived.await(MOST_SECONDS, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        CountDownLatch until = released;
        arrived.countDown();
        if (releaseOnArrival && arrived.getCount() == 0) {
            until.countDown();
        }
        try {
            until.await(MOST_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return event.getResponseDefinition();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
