package org.townhall.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.Csv;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.RefundRow;
import org.townhall.platform.ClockConfiguration;

/** What finance officers see: payments found by reference, the daily settlement report, reconciliation. */
@Service
public class FinanceReports {

    private final PaymentStore store;
    private final LedgerCheck ledgerCheck;
    private final AuditTrail audit;

    FinanceReports(PaymentStore store, LedgerCheck ledgerCheck, AuditTrail audit) {
        this.store = store;
        this.ledgerCheck = ledgerCheck;
        this.audit = audit;
    }

    public record Refund(String ref, long amountPence, RefundState state, String reason, String requestedBy, Instant createdAt) {
    }

    /**
     * Payments by reference (or what they paid for; blank for any) and state (empty for any),
     * created on the London days from..to.
     */
    @Transactional
    public List<PaymentView> search(String reference, Optional<PaymentState> state, LocalDate from, LocalDate to, String staffRef) {
        audit.record(AuditEntry.of(AuditAction.PAYMENTS_SEARCHED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(reference).because(state.map(PaymentState::name).orElse("any state") + " " + from + ".." + to));
        return store.search(reference == null || reference.isBlank() ? null : reference.trim(), state.orElse(null),
                        startOf(from), startOf(to.plusDays(1)), 500)
                .stream().map(Payments::view).toList();
    }

    public Optional<PaymentView> payment(String ref) {
        return ref == null || ref.length() > 64 ? Optional.empty() : store.byRef(ref).map(Payments::view);
    }

    public List<Refund> refundsOf(String paymentRef) {
        return store.byRef(paymentRef).map(p -> store.refundsOf(p.id()).stream()
                .map(r -> new Refund(r.ref(), r.amountPence(), r.state(), r.reason(), r.requestedBy(), r.createdAt())).toList())
                .orElse(List.of());
    }

    /**
     * One London day's settlement: every payment taken and every refund made, by purpose, with
     * totals, as CSV. The provider pays the council the day's net amount; this is what it is checked against.
     */
    @Transactional
    public void settlementCsv(LocalDate day, String staffRef, Writer out) {
        audit.record(AuditEntry.of(AuditAction.SETTLEMENT_REPORTED, AuditOutcome.SUCCESS, Actor.staff(staffRef)).because(day.toString()));
        Instant from = startOf(day);
        Instant to = startOf(day.plusDays(1));
        try {
            out.write(Csv.line("type", "reference", "purpose", "paying_for", "amount_pence", "provider", "time"));
            long taken = 0;
            long refunded = 0;
            for (PaymentStore.PaymentRow p : store.finishedBetween(from, to)) {
                out.write(Csv.line("payment", p.reference(), p.purpose().name(), p.payingFor(), Long.toString(p.amountPence()),
                        p.provider(), p.finishedAt().toString()));
                taken += p.amountPence();
            }
            for (RefundRow r : store.refundsFinishedBetween(from, to)) {
                PaymentStore.PaymentRow p = store.byId(r.paymentId()).orElseThrow();
                out.write(Csv.line("refund", p.reference(), p.purpose().name(), p.payingFor(), Long.toString(r.amountPence()),
                        p.provider(), r.finishedAt().toString()));
                refunded += r.amountPence();
            }
            out.write(Csv.line("total taken", "", "", "", Long.toString(taken), "", ""));
            out.write(Csv.line("total refunded", "", "", "", Long.toString(refunded), "", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What finance officers look at to keep the books right. To refund: {@code finesPaidAgain}, and
     * {@code overpaid}, payments that took an account beyond what it owed (ADR 0016).
     */
    public record ReconciliationView(List<PaymentView> unfinished, List<PaymentView> finesPaidAgain, long unbalancedEntries,
                                     long heldBySandbox, long heldByGovukPay, List<PaymentView> overpaid) {
    }

    public ReconciliationView reconciliation() {
        String sandbox = Payments.providerAccount("SANDBOX");
        String govukPay = Payments.providerAccount("GOVUK_PAY");
        LedgerCheck.Checked ledger = ledgerCheck.check(List.of(sandbox, govukPay));
        return new ReconciliationView(store.unfinished(200).stream().map(Payments::view).toList(),
                store.finesPaidAgain(200).stream().map(Payments::view).toList(), ledger.unbalancedEntries(),
                ledger.balances().get(sandbox), ledger.balances().get(govukPay),
                store.overpaid(200).stream().map(Payments::view).toList());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ClockConfiguration.LONDON).toInstant();
    }
}
