package org.townhall.payments;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.PaymentStore;

/**
 * Payments and refunds left unfinished (the resident closed the browser, the provider was slow,
 * Townhall crashed between the provider taking the money and recording it) are checked with the
 * provider and settled. Every instance may run it: each payment is settled under its row lock and
 * skipped while another holds it, and settling twice changes nothing.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    /** GOV.UK Pay expires a payment not finished within 90 minutes. */
    static final Duration EXPIRY = Duration.ofMinutes(90);

    private final PaymentStore store;
    private final Payments payments;
    private final Refunds refunds;
    private final Clock clock;
    private final Duration quietFor;

    Reconciliation(PaymentStore store, Payments payments, Refunds refunds, Clock clock,
                   @Value("${townhall.pay.reconcile-after:PT2M}") Duration quietFor) {
        this.store = store;
        this.payments = payments;
        this.refunds = refunds;
        this.clock = clock;
        this.quietFor = quietFor;
    }

    public record Result(int checked, int settled) {
    }

    /** Runs every minute; payments untouched for {@code reconcile-after} are checked. */
    @Scheduled(fixedDelayString = "${townhall.pay.reconcile-every:PT1M}", initialDelayString = "${townhall.pay.reconcile-first:PT30S}")
    public Result run() {
        int checked = 0;
        int settled = 0;
        for (String ref : store.unfinishedBefore(clock.instant().minus(quietFor), 500)) {
            checked++;
            try {
                if (payments.settle(ref, Settling.RECONCILING).filter(PaymentState::finished).isPresent() || payments.expireUnsent(ref, clock.instant().minus(EXPIRY))) {
                    settled++;
                }
            } catch (RuntimeException e) {
                log.warn("Reconciliation could not settle payment {}: {}", ref, e.getMessage());
            }
        }
        for (String refundRef : store.unfinishedRefundsBefore(clock.instant().minus(quietFor))) {
            checked++;
            try {
                refunds.check(refundRef);
                settled++;
            } catch (PaymentProvider.Unavailable e) {
                log.warn("Reconciliation could not check refund {}: {}", refundRef, e.getMessage());
            }
        }
        if (checked > 0) {
            log.info("Reconciliation checked {} unfinished payments and refunds with the provider; {} settled", checked, settled);
        }
        return new Result(checked, settled);
    }
}
