package org.townhall.payments;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.LinkPaymentStore;
import org.townhall.payments.store.LinkPaymentStore.HeldRow;
import org.townhall.payments.store.LinkSettlement;
import org.townhall.platform.PublicReferences;

/**
 * Finance officers settle the payment-link payments Townhall could not apply by itself (ADR 0031):
 * match one by hand to the account the resident meant, or refund it in full through GOV.UK Pay.
 * Each is settled once, under the row's lock; the money leaves suspense only when it is on an
 * account or GOV.UK Pay says the refund succeeded. A refund is recorded as asked for before GOV.UK
 * Pay is called, so a crash or a timeout leaves it "being refunded" for the officer to check, never
 * asked for twice: GOV.UK Pay also refuses a refund whose expected available amount is stale.
 */
@Service
public class HeldLinkPayments {

    private static final Logger log = LoggerFactory.getLogger(HeldLinkPayments.class);

    private final LinkPaymentStore store;
    private final LinkPayments linkPayments;
    private final PaymentProvider provider;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    HeldLinkPayments(LinkPaymentStore store, LinkPayments linkPayments, PaymentProvider provider, Ledger ledger, AuditTrail audit,
                     Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.linkPayments = linkPayments;
        this.provider = provider;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What a finance officer's action did: done, waiting on GOV.UK Pay, or refused with a reason to show. */
    public sealed interface Settled {
        /** What to tell the finance officer. */
        String message();

        record Done(String message) implements Settled {
        }

        record Waiting(String message) implements Settled {
        }

        record Refused(String reason) implements Settled {
            @Override
            public String message() {
                return reason;
            }
        }
    }

    /** Held payments, and those being refunded, newest first. */
    public List<HeldRow> waiting() {
        return store.held(200);
    }

    /** Applies a held payment to the account {@code reference} names, as if the resident had typed it. */
    public Settled match(String providerPaymentId, String reference, String staffRef) {
        Actor officer = Actor.staff(staffRef);
        return transaction.execute(status -> {
            Optional<HeldRow> held = lockHeld(providerPaymentId);
            Optional<LinkPayments.Named> named = reference == null || reference.length() > 64 ? Optional.empty()
                    : linkPayments.named(reference);
            Optional<LinkReferences.Payee> payee = named.map(LinkPayments.Named::payee);
            String refusal = held.isEmpty() ? "There is no such held payment"
                    : held.get().settlement() != LinkSettlement.HELD ? "This payment has already been settled"
                    : payee.isEmpty() ? "Enter a council tax account number, tenancy reference or PCN number that names one account"
                    : !payee.get().payableNow() ? "That parking fine is no longer open (paid or cancelled): refund this payment instead"
                    : !named.get().paidInFullBy(held.get().payment().amountPence(), held.get().payment().paidAt())
                    ? "This payment is less than the fine was on the day it was paid: refund it instead" : null;
            if (refusal != null) {
                return refused(providerPaymentId, "match", refusal, officer);
            }
            HeldRow row = held.get();
            linkPayments.credit(payee.get(), providerPaymentId, row.payment().amountPence(), row.payment().paidAt(),
                    LinkPayments.SUSPENSE, "link-match:" + providerPaymentId, AuditAction.LINK_PAYMENT_MATCHED, officer);
            store.matched(providerPaymentId, payee.get().purpose().name(), payee.get().payingFor(), staffRef, clock.instant());
            return new Settled.Done("Applied to " + payee.get().description());
        });
    }

    /** Gives a held payment back to the card it came from, in full. */
    public Settled refund(String providerPaymentId, String staffRef) {
        Actor officer = Actor.staff(staffRef);
        Asked asked = transaction.execute(status -> {
            Optional<HeldRow> held = lockHeld(providerPaymentId);
            if (held.isEmpty() || held.get().settlement() != LinkSettlement.HELD) {
                return new Asked(null, null, refused(providerPaymentId, "refund",
                        held.isEmpty() ? "There is no such held payment" : "This payment has already been settled", officer));
            }
            String refundRef = PublicReferences.next();
            store.refunding(providerPaymentId, refundRef, staffRef, clock.instant());
            return new Asked(held.get(), refundRef, null);
        });
        if (asked.refused() != null) {
            return asked.refused();
        }
        PaymentProvider.ProviderRefund answer;
        try {
            long amount = asked.row().payment().amountPence();
            answer = provider.refund(providerPaymentId, asked.refundRef(), amount, amount);
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Refund of payment-link payment {} not confirmed by GOV.UK Pay yet: {}", providerPaymentId, e.getMessage());
            return new Settled.Waiting("GOV.UK Pay has not confirmed the refund yet. Check it again in a few minutes");
        }
        return finish(providerPaymentId, answer, officer);
    }

    /** The first step of a refund: the row marked as being refunded under {@code refundRef}, or why not. */
    private record Asked(HeldRow row, String refundRef, Settled refused) {
    }

    /** Asks GOV.UK Pay how a refund it has not confirmed went, and settles it if it has finished. */
    public Settled check(String providerPaymentId, String staffRef) {
        Actor officer = Actor.staff(staffRef);
        Optional<HeldRow> held = transaction.execute(status -> lockHeld(providerPaymentId));
        if (held.isEmpty() || held.get().settlement() != LinkSettlement.REFUNDING) {
            return transaction.execute(status -> refused(providerPaymentId, "check", "No refund of this payment is in progress", officer));
        }
        try {
            return finish(providerPaymentId, provider.refundStatus(providerPaymentId, held.get().refundRef(),
                    held.get().providerRefundId(), held.get().payment().amountPence()), officer);
        } catch (PaymentProvider.Unavailable e) {
            return new Settled.Waiting("GOV.UK Pay could not be asked just now. Check again in a few minutes");
        }
    }

    private Settled finish(String providerPaymentId, PaymentProvider.ProviderRefund answer, Actor officer) {
        return transaction.execute(status -> {
            HeldRow row = lockHeld(providerPaymentId).orElseThrow();
            if (row.settlement() != LinkSettlement.REFUNDING) {
                return new Settled.Done("This payment has already been settled");
            }
            if ("success".equals(answer.status())) {
                store.refunded(providerPaymentId, answer.providerRefundId(), clock.instant());
                ledger.transfer("link-refund:" + providerPaymentId, "Refund of a payment through the payment link",
                        LinkPayments.SUSPENSE, Payments.providerAccount(row.payment().provider()), row.payment().amountPence());
                audit.record(AuditEntry.of(AuditAction.LINK_PAYMENT_REFUNDED, AuditOutcome.SUCCESS, officer).on(providerPaymentId)
                        .because(row.payment().amountPence() + "p"));
                return new Settled.Done("Refunded in full");
            }
            if ("error".equals(answer.status())) {
                store.refundRefused(providerPaymentId);
                audit.record(AuditEntry.of(AuditAction.REFUND_FAILED, AuditOutcome.FAILURE, officer).on(providerPaymentId)
                        .because("payment-link payment, " + row.payment().amountPence() + "p"));
                return new Settled.Refused("GOV.UK Pay refused the refund; nothing was refunded and the payment is held again");
            }
            if (answer.providerRefundId() != null) {
                store.refundAt(providerPaymentId, answer.providerRefundId());
            }
            return new Settled.Waiting("GOV.UK Pay is processing the refund. Check it again later");
        });
    }

    private Optional<HeldRow> lockHeld(String providerPaymentId) {
        return providerPaymentId == null || providerPaymentId.isEmpty() || providerPaymentId.length() > 64 ? Optional.empty()
                : store.lockHeld(providerPaymentId);
    }

    private Settled refused(String providerPaymentId, String step, String reason, Actor officer) {
        audit.record(AuditEntry.of(AuditAction.LINK_PAYMENT_SETTLE_REFUSED, AuditOutcome.DENIED, officer)
                .on(providerPaymentId == null || providerPaymentId.length() > 64 ? null : providerPaymentId)
                .because(step + ": " + reason));
        return new Settled.Refused(reason);
    }
}
