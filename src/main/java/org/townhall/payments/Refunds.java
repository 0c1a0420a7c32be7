package org.townhall.payments;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.ResidentEmail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;
import org.townhall.payments.store.PaymentStore.RefundRow;
import org.townhall.platform.Money;
import org.townhall.platform.PublicReferences;

/**
 * Finance officers give money back, in full or in part. The amount is reserved on the payment row
 * under its lock before the provider is asked, so two officers refunding at once can never give
 * back more than was paid (the database also refuses refunded_pence above amount_pence). The
 * refund row is written first, so a crash while the provider is working leaves a SUBMITTED refund
 * that reconciliation settles.
 */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final PaymentStore store;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final Payments payments;
    private final AuditTrail audit;
    private final ResidentEmails residentEmails;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Refunds(PaymentStore store, Ledger ledger, PaymentProvider provider, Payments payments, AuditTrail audit,
            ResidentEmails residentEmails, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.ledger = ledger;
        this.provider = provider;
        this.payments = payments;
        this.audit = audit;
        this.residentEmails = residentEmails;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    public sealed interface Outcome {
        record Refunded(String refundRef) implements Outcome {
        }

        /** The provider has it but has not finished; reconciliation will. */
        record Pending(String refundRef) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    /** What the first transaction decided: the amount held for the provider, or why not. */
    private sealed interface Reservation {
    }

    private record Reserved(String refundRef, String providerId, long availableBefore) implements Reservation {
    }

    private record NotReserved(String reason) implements Reservation {
    }

    public Outcome refund(String paymentRef, long amountPence, String reason, String staffRef) {
        Actor officer = Actor.staff(staffRef);
        Reservation reservation = transaction.execute(status -> {
            Optional<PaymentRow> locked = paymentRef == null || paymentRef.length() > 64 ? Optional.empty() : store.lockByRef(paymentRef);
            String refusal = locked.isEmpty() ? "There is no such payment"
                    : locked.get().state() != PaymentState.SUCCESS ? "Only a payment that was taken can be refunded"
                    : amountPence <= 0 ? "Enter an amount more than £0"
                    : amountPence > locked.get().amountPence() - locked.get().refundedPence()
                    ? "You can refund at most " + Money.pounds(locked.get().amountPence() - locked.get().refundedPence())
                    : reason == null || reason.isBlank() || reason.length() > 500 ? "Give a reason of up to 500 characters" : null;
            if (refusal != null) {
                audit.record(AuditEntry.of(AuditAction.REFUND_REFUSED, AuditOutcome.DENIED, officer)
                        .about(locked.map(PaymentRow::residentRef).orElse(null))
                        .on(locked.map(PaymentRow::reference).orElse(null)).because(refusal + " (" + amountPence + "p)"));
                return new NotReserved(refusal);
            }
            PaymentRow row = locked.get();
            String refundRef = PublicReferences.next();
            store.insertRefund(refundRef, row.id(), amountPence, reason.trim(), staffRef, clock.instant());
            store.addRefunded(row.id(), amountPence);
            return new Reserved(refundRef, row.providerId(), row.amountPence() - row.refundedPence());
        });
        if (!(reservation instanceof Reserved r)) {
            return new Outcome.Refused(((NotReserved) reservation).reason());
        }
        PaymentProvider.ProviderRefund answer;
        try {
            answer = provider.refund(r.providerId(), r.refundRef(), amountPence, r.availableBefore());
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Refund {} not confirmed by the provider yet: {}", r.refundRef(), e.getMessage());
            return new Outcome.Pending(r.refundRef());
        }
        return switch (finish(r.refundRef(), answer, officer)) {
            case SUCCESS -> new Outcome.Refunded(r.refundRef());
            case ERROR -> new Outcome.Refused("The payment provider refused the refund; nothing was refunded");
            case SUBMITTED -> new Outcome.Pending(r.refundRef());
        };
    }

    /** Applies the provider's answer about a refund, once. Returns the refund's state afterwards. */
    RefundState finish(String refundRef, PaymentProvider.ProviderRefund answer, Actor actor) {
        return transaction.execute(status -> {
            RefundRow refund = store.lockRefund(refundRef).orElseThrow();
            if (refund.state().finished()) {
                return refund.state();
            }
            PaymentRow payment = store.byId(refund.paymentId()).orElseThrow();
            if (answer.providerRefundId() != null && refund.providerId() == null) {
                store.refundAt(refund.id(), answer.providerRefundId());
            }
            if ("success".equals(answer.status())) {
                store.finishRefund(refund.id(), RefundState.SUCCESS, clock.instant());
                ledger.transfer("refund:" + refund.ref(), "Refund of " + payment.description() + " (" + payment.reference() + ")",
                        payment.creditAccount(), payments.ledgerAccountOf(payment), refund.amountPence());
                events.publishEvent(new PaymentRefunded(payment.ref(), payment.reference(), payment.purpose(),
                        payment.payingFor(), refund.amountPence(), clock.instant()));
                residentEmails.emailResident(payment.residentRef(), new ResidentEmail.PaymentRefunded(Money.pounds(refund.amountPence()),
                        payment.reference(), payment.description(), refund.reason()));
                // Last: the audit row holds its chain's lock until this commits (ADR 0004).
                audit.record(AuditEntry.of(AuditAction.PAYMENT_REFUNDED, AuditOutcome.SUCCESS, actor).about(payment.residentRef())
                        .on(payment.reference()).because(refund.amountPence() + "p: " + refund.reason()));
                return RefundState.SUCCESS;
            }
            if ("error".equals(answer.status())) {
                store.finishRefund(refund.id(), RefundState.ERROR, clock.instant());
                store.addRefunded(payment.id(), -refund.amountPence());
                audit.record(AuditEntry.of(AuditAction.REFUND_FAILED, AuditOutcome.FAILURE, actor).about(payment.residentRef())
                        .on(payment.reference()).because(refund.amountPence() + "p"));
                return RefundState.ERROR;
            }
            return RefundState.SUBMITTED;
        });
    }

    /** For reconciliation: what the provider says about a refund Townhall has not heard back about. */
    void check(String refundRef) {
        RefundRow refund = transaction.execute(status -> store.lockRefund(refundRef).orElseThrow());
        PaymentRow payment = store.byId(refund.paymentId()).orElseThrow();
        finish(refundRef, provider.refundStatus(payment.providerId(), refund.ref(), refund.providerId(), refund.amountPence()),
                Actor.system());
    }
}
