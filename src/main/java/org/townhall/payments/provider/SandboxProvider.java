package org.townhall.payments.provider;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.payments.PaymentState;
import org.townhall.platform.PublicReferences;

/**
 * A pretend card payment provider inside Townhall, for the demo and tests: its own card page, its
 * own books (sandbox_charge, sandbox_refund) committed in their own transactions as a remote
 * provider's would be, and GOV.UK Pay's test cards. It never sees a real card: only the test
 * numbers below, or any other number that passes the Luhn check, which succeeds.
 */
public class SandboxProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

    /** GOV.UK Pay's sandbox test cards, and one of our own for a provider that answers slowly. */
    public static final Map<String, String> TEST_CARDS = Map.of(
            "4444333322221111", "success",
            "5101180000000007", "success",
            "4000000000000002", "declined",
            "4000000000000119", "error",
            "4000000000000101", "slow");

    /** GOV.UK Pay expires a payment not finished in 90 minutes; so does the sandbox. */
    static final Duration EXPIRES_AFTER = Duration.ofMinutes(90);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration slowFor;

    public SandboxProvider(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Duration slowFor) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.slowFor = slowFor;
    }

    @Override
    public String name() {
        return "SANDBOX";
    }

    @Override
    public Created create(NewCharge charge) {
        // Committed on its own, as a remote provider's would be; a repeated idempotency key gets the
        // payment already created for it, as GOV.UK Pay's does.
        String id = jdbc.sql("""
                insert into sandbox_charge (provider_id, amount_pence, reference, return_url, status, created_at, idempotency_key)
                values (:id, :amount, :reference, :returnUrl, 'created', :at, :key)
                on conflict (idempotency_key) do nothing returning provider_id""")
                .param("id", "sbx_" + PublicReferences.next()).param("amount", charge.amountPence())
                .param("reference", charge.reference()).param("returnUrl", charge.returnUrl())
                .param("at", Timestamp.from(clock.instant())).param("key", charge.idempotencyKey())
                .query(String.class).optional()
                .orElseGet(() -> jdbc.sql("select provider_id from sandbox_charge where idempotency_key = :key")
                        .param("key", charge.idempotencyKey()).query(String.class).single());
        return new Created(id, "/sandbox-pay/" + id);
    }

    /**
     * The sandbox has no payment links, so nothing is ever paid through one: every payment it took
     * was started by Townhall and is already settled by reconciliation.
     */
    @Override
    public java.util.List<TakenPayment> takenBetween(Instant from, Instant to) {
        return java.util.List.of();
    }

    @Override
    public ProviderPayment status(String providerId) {
        Charge charge = charge(providerId).orElseThrow(() -> new Unavailable("The sandbox has no payment " + providerId, null));
        if (!charge.finished() && charge.createdAt().plus(EXPIRES_AFTER).isBefore(clock.instant())) {
            // Expiring again is harmless, so this needs no transaction of its own.
            jdbc.sql("""
                    update sandbox_charge set status = 'failed', failure_code = 'P0020' where provider_id = :id and status in
                    ('created', 'started', 'submitted')""").param("id", providerId).update();
            return new ProviderPayment(PaymentState.EXPIRED, "P0020 The payment expired", null);
        }
        return toPayment(charge);
    }

    /** What the sandbox's card page shows. */
    public record Charge(String providerId, long amountPence, String reference, String returnUrl, String status,
                         String failureCode, String cardLast4, Instant createdAt) {
        public boolean finished() {
            return !status.equals("created") && !status.equals("started") && !status.equals("submitted");
        }
    }

    public Optional<Charge> charge(String providerId) {
        return jdbc.sql("select * from sandbox_charge where provider_id = :id").param("id", providerId)
                .query((rs, n) -> new Charge(rs.getString("provider_id"), rs.getLong("amount_pence"), rs.getString("reference"),
                        rs.getString("return_url"), rs.getString("status"), rs.getString("failure_code"),
                        rs.getString("card_last4"), rs.getTimestamp("created_at").toInstant())).optional();
    }

    /**
     * The card page was opened. As GOV.UK Pay's, its address works once: the first open spends it
     * (created becomes started) and true is returned; any later open gets false and must take nothing.
     */
    public boolean opened(String providerId) {
        return Boolean.TRUE.equals(ownTransaction.execute(t -> jdbc.sql(
                "update sandbox_charge set status = 'started' where provider_id = :id and status = 'created'")
                .param("id", providerId).update() == 1));
    }

    /**
     * Card details were sent and the card authorised, as GOV.UK Pay does before its "Confirm your
     * payment" page: a declined card or a provider error finishes the payment here; any other card
     * waits, submitted, for the payer to confirm ({@link #confirm}). Nothing is taken until then.
     *
     * @return the status now: submitted, failed or error; or empty if the payment is finished or expired
     */
    public Optional<String> authorise(String providerId, String cardNumber) {
        String digits = cardNumber.replaceAll("[\\s-]", "");
        String outcome = TEST_CARDS.getOrDefault(digits, "success");
        String status = switch (outcome) {
            case "declined" -> "failed";
            case "error" -> "error";
            default -> "submitted";
        };
        String failure = switch (outcome) {
            case "declined" -> "P0010";
            case "error" -> "P0050";
            default -> null;
        };
        Instant expiredBefore = clock.instant().minus(EXPIRES_AFTER);
        Boolean moved = ownTransaction.execute(t -> jdbc.sql("""
                update sandbox_charge set status = :status, failure_code = :failure, card_last4 = :last4, slow = :slow
                where provider_id = :id and status in ('created', 'started') and created_at >= :expiredBefore""")
                .param("status", status).param("failure", failure).param("last4", digits.substring(digits.length() - 4))
                .param("slow", "slow".equals(outcome)).param("id", providerId)
                .param("expiredBefore", Timestamp.from(expiredBefore)).update() == 1);
        return Boolean.TRUE.equals(moved) ? Optional.of(status) : Optional.empty();
    }

    /**
     * The payer confirmed an authorised payment and the money is taken. The outcome is committed to
     * the sandbox's books first; only then does a "slow" card make the provider wait before
     * answering, so a crash in that wait leaves money taken that Townhall has not yet recorded,
     * which reconciliation must find.
     *
     * @return true if it was taken now; false if it was not waiting to be confirmed or has expired
     */
    public boolean confirm(String providerId) {
        Instant expiredBefore = clock.instant().minus(EXPIRES_AFTER);
        // Whether the card is the slow one comes back with the update: no second look at the row.
        Optional<Boolean> slow = ownTransaction.execute(t -> jdbc.sql("""
                update sandbox_charge set status = 'success'
                where provider_id = :id and status = 'submitted' and created_at >= :expiredBefore
                returning slow""")
                .param("id", providerId).param("expiredBefore", Timestamp.from(expiredBefore)).query(Boolean.class).optional());
        if (slow == null || slow.isEmpty()) {
            return false;
        }
        if (slow.get()) {
            log.info("Sandbox provider: test card for a slow provider, answering in {} seconds", slowFor.toSeconds());
            pause();
        }
        return true;
    }

    /**
     * Card details sent and confirmed in one go, for tests and benchmarks that stand in for the payer.
     *
     * @return the status now: success, failed or error; or empty if the payment is finished or expired
     */
    public Optional<String> pay(String providerId, String cardNumber) {
        Optional<String> authorised = authorise(providerId, cardNumber);
        if (authorised.filter("submitted"::equals).isPresent()) {
            return confirm(providerId) ? Optional.of("success") : Optional.empty();
        }
        return authorised;
    }

    /** The resident chose to cancel on the card page. */
    public boolean cancelledOnCardPage(String providerId) {
        return cancelled(providerId, "P0030", true);
    }

    /**
     * Townhall cancels a payment through the API, as GOV.UK Pay's: only while no card details have
     * been sent and it has not expired; otherwise false, and its status says how it went.
     */
    @Override
    public boolean cancel(String providerId) {
        charge(providerId).orElseThrow(() -> new Unavailable("The sandbox has no payment " + providerId, null));
        return cancelled(providerId, "P0040", false);
    }

    /** {@code awaitingConfirmation}: the payer may still cancel on the confirm page, after the card was authorised. */
    private boolean cancelled(String providerId, String code, boolean awaitingConfirmation) {
        Instant expiredBefore = clock.instant().minus(EXPIRES_AFTER);
        return Boolean.TRUE.equals(ownTransaction.execute(t -> jdbc.sql("""
                update sandbox_charge set status = 'cancelled', failure_code = :code
                where provider_id = :id and (status in ('created', 'started') or (:awaiting and status = 'submitted'))
                  and created_at >= :expiredBefore""")
                .param("code", code).param("awaiting", awaitingConfirmation).param("id", providerId).param("expiredBefore", Timestamp.from(expiredBefore)).update() == 1));
    }

    @Override
    public ProviderRefund refund(String providerId, String refundRef, long amountPence, long availablePence) {
        Charge charge = charge(providerId).orElseThrow(() -> new Unavailable("The sandbox has no payment " + providerId, null));
        Boolean made = ownTransaction.execute(t -> {
            long refunded = jdbc.sql("select coalesce(sum(amount_pence), 0) from sandbox_refund where provider_id = :id and status <> 'error'")
                    .param("id", providerId).query(Long.class).single();
            // As GOV.UK Pay: the refund is refused if the caller's idea of what is left disagrees.
            if (!"success".equals(charge.status()) || refunded + amountPence > charge.amountPence()
                    || availablePence != charge.amountPence() - refunded) {
                return false;
            }
            return jdbc.sql("""
                    insert into sandbox_refund (refund_id, provider_id, amount_pence, status, created_at)
                    values (:ref, :id, :amount, 'success', :at) on conflict do nothing""")
                    .param("ref", refundRef).param("id", providerId).param("amount", amountPence)
                    .param("at", Timestamp.from(clock.instant())).update() == 1;
        });
        if (Boolean.TRUE.equals(made) && isSlow(providerId)) {
            pause();
        }
        return Boolean.TRUE.equals(made) ? new ProviderRefund(refundRef, "success")
                : refundStatus(providerId, refundRef, null, amountPence);
    }

    @Override
    public ProviderRefund refundStatus(String providerId, String refundRef, String providerRefundId, long amountPence) {
        return jdbc.sql("select refund_id, status from sandbox_refund where refund_id = :ref").param("ref", refundRef)
                .query((rs, n) -> new ProviderRefund(rs.getString(1), rs.getString(2))).optional()
                .orElse(new ProviderRefund(null, "error"));
    }

    private boolean isSlow(String providerId) {
        return jdbc.sql("select slow from sandbox_charge where provider_id = :id").param("id", providerId)
                .query(Boolean.class).single();
    }

    private void pause() {
        try {
            Thread.sleep(slowFor.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProviderPayment toPayment(Charge charge) {
        String card = charge.cardLast4() == null ? null : "Card ending " + charge.cardLast4();
        return switch (charge.status()) {
            case "created" -> new ProviderPayment(PaymentState.CREATED, null, null);
            case "started" -> new ProviderPayment(PaymentState.STARTED, null, null);
            case "submitted" -> new ProviderPayment(PaymentState.SUBMITTED, null, card);
            case "success" -> new ProviderPayment(PaymentState.SUCCESS, null, card);
            case "cancelled" -> new ProviderPayment(PaymentState.CANCELLED, "P0040".equals(charge.failureCode())
                    ? "P0040 Cancelled by the council" : "P0030 Cancelled on the card page", null);
            case "error" -> new ProviderPayment(PaymentState.ERROR, "P0050 The card provider had a problem", card);
            default -> "P0020".equals(charge.failureCode())
                    ? new ProviderPayment(PaymentState.EXPIRED, "P0020 The payment expired", null)
                    : new ProviderPayment(PaymentState.FAILED, "P0010 The card was declined", card);
        };
    }
}
