package org.townhall.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.BillingStore;
import org.townhall.billing.store.BillingStore.CouncilTaxRow;
import org.townhall.billing.store.HolderStore;
import org.townhall.payments.Ceiling;
import org.townhall.payments.Ledger;
import org.townhall.payments.PaymentRequest;
import org.townhall.payments.Payments;
import org.townhall.payments.Purpose;
import org.townhall.payments.WouldOverpay;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.Money;
import org.townhall.platform.PublicReferences;

/** Council tax accounts: the bill, its instalments, the balance, and paying it. */
@Service
public class CouncilTax {

    private final BillingStore store;
    private final HolderStore holders;
    private final Ledger ledger;
    private final Payments payments;
    private final AuditTrail audit;
    private final Clock clock;

    CouncilTax(BillingStore store, HolderStore holders, Ledger ledger, Payments payments, AuditTrail audit, Clock clock) {
        this.store = store;
        this.holders = holders;
        this.ledger = ledger;
        this.payments = payments;
        this.audit = audit;
        this.clock = clock;
    }

    static String ledgerAccount(String ref) {
        return "council-tax:" + ref;
    }

    /**
     * A new account for the year with its bill posted to the ledger, held by {@code residentRef}
     * from the start if not null (demo data and tests; production loads them from the revenues
     * system).
     */
    @Transactional
    public String open(String accountNumber, String address, String postcode, char band, LocalDate yearStartsOn,
                       long annualChargePence, int instalments, LocalDate firstDueOn, String residentRef, boolean demo) {
        String ref = PublicReferences.next();
        long id = store.addCouncilTax(ref, accountNumber, address, BillingLinks.normalisePostcode(postcode), String.valueOf(band),
                yearStartsOn, annualChargePence, instalments, firstDueOn, demo);
        if (residentRef != null) {
            holders.insertActive(PublicReferences.next(), AccountKind.COUNCIL_TAX, id, residentRef, clock.instant());
        }
        Instant billed = yearStartsOn.atStartOfDay(ClockConfiguration.LONDON).toInstant();
        ledger.post("council-tax-bill:" + accountNumber + ":" + yearStartsOn, "Council tax bill " + year(yearStartsOn) + ", band " + band,
                billed, List.of(new Ledger.Line(ledgerAccount(ref), annualChargePence),
                        new Ledger.Line(Ledger.COUNCIL_TAX_INCOME, -annualChargePence)));
        return ref;
    }

    public List<CouncilTaxAccount> accountsOf(String residentRef) {
        return store.councilTaxOf(residentRef).stream().map(row -> view(row, true)).toList();
    }

    /** The account, for a resident who holds it; anyone else gets nothing and the attempt is recorded. */
    @Transactional
    public Optional<CouncilTaxAccount> account(String ref, String residentRef) {
        return owned(ref, residentRef).map(row -> view(row, true));
    }

    /** The account for a statement file its owner downloads; the download is recorded. */
    @Transactional
    public Optional<CouncilTaxAccount> statement(String ref, String residentRef) {
        Optional<CouncilTaxAccount> account = account(ref, residentRef);
        account.ifPresent(a -> audit.record(AuditEntry.of(AuditAction.STATEMENT_DOWNLOADED, AuditOutcome.SUCCESS,
                Actor.resident(residentRef)).about(residentRef).on("council tax " + a.accountNumber())));
        return account;
    }

    /**
     * Starts a payment: the next instalment (with anything overdue), or an amount the resident
     * chose, from 1p to the balance. The amount is decided here, never taken from the page.
     */
    public PayResult pay(String ref, String residentRef, PayChoice choice, String idempotencyKey, ClientOrigin origin) {
        Optional<CouncilTaxRow> account = owned(ref, residentRef);
        if (account.isEmpty()) {
            return new PayResult.Invalid("There is no such account");
        }
        CouncilTaxRow a = account.get();
        long balance = ledger.balance(ledgerAccount(a.ref()));
        long amount;
        if (choice instanceof PayChoice.Amount typed) {
            Optional<Long> pence = Money.parsePounds(typed.typedPounds());
            if (pence.isEmpty() || pence.get() <= 0) {
                return new PayResult.Invalid("Enter an amount in pounds, for example 85.50");
            }
            amount = pence.get();
        } else {
            // Only the instalment needs the plan, and the plan the outages' extensions: a typed amount reads neither.
            amount = view(a, balance, false).instalmentPaymentPence();
        }
        if (amount <= 0 || balance <= 0) {
            return new PayResult.Invalid("There is nothing to pay on this account");
        }
        if (amount > balance) {
            return new PayResult.Invalid("Enter an amount no more than your balance of " + Money.pounds(balance));
        }
        try {
            // Never more than is owed, counting payments already started and not finished (a second
            // tab, another joint taxpayer): an overpayment is money the council must hand back.
            return PayResult.Started.of(payments.start(new PaymentRequest(idempotencyKey, residentRef, Purpose.COUNCIL_TAX, a.ref(),
                    "Council tax " + CouncilTaxAccount.year(a.yearStartsOn()) + ", account " + a.accountNumber(), amount,
                    ledgerAccount(a.ref()), "/council-tax/" + a.ref(), Ceiling.owedOn(ledgerAccount(a.ref()))), origin));
        } catch (WouldOverpay e) {
            return new PayResult.Invalid(e.availablePence() == 0
                    ? "Payments of " + Money.pounds(e.inFlightPence()) + " already started for this account would pay all of its balance. "
                    + "Finish or cancel them from Your payments before paying again"
                    : "Payments of " + Money.pounds(e.inFlightPence()) + " already started for this account leave "
                    + Money.pounds(e.availablePence()) + " to pay. Enter an amount no more than " + Money.pounds(e.availablePence()));
        }
    }

    private Optional<CouncilTaxRow> owned(String ref, String residentRef) {
        return OwnedAccounts.ofResident(ref, residentRef, store::councilTaxByRef,
                row -> holders.isActive(AccountKind.COUNCIL_TAX, row.id(), residentRef), "council tax account", audit);
    }

    /** The account with its instalments and balance; the statement only when a page shows it. */
    private CouncilTaxAccount view(CouncilTaxRow row, boolean withStatement) {
        return view(row, ledger.balance(ledgerAccount(row.ref())), withStatement);
    }

    private CouncilTaxAccount view(CouncilTaxRow row, long balance, boolean withStatement) {
        long paid = row.annualChargePence() - balance;
        List<InstalmentPlan.Instalment> plan = plan(row, paid);
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        return new CouncilTaxAccount(row.ref(), row.accountNumber(), row.propertyAddress(), row.band(), row.yearStartsOn(),
                row.annualChargePence(), plan, balance, InstalmentPlan.arrears(plan, today),
                withStatement ? Statements.of(ledger.movements(ledgerAccount(row.ref()))) : List.of());
    }

    /** The instalments, with due dates moved by any outage that swallowed them. */
    List<InstalmentPlan.Instalment> plan(CouncilTaxRow row, long paidPence) {
        return plan(row, paidPence, store.extensionsOf(row.id()));
    }

    static List<InstalmentPlan.Instalment> plan(CouncilTaxRow row, long paidPence, List<BillingStore.ExtensionRow> extensions) {
        return InstalmentPlan.of(row.annualChargePence(), row.instalments(), row.firstDueOn(), paidPence,
                extensions.stream().map(e -> new InstalmentPlan.Extension(e.windowStart(), e.coversUntil(), e.days())).toList());
    }

    /** Every account's balance by its reference, in one pass over the ledger, for work over all accounts at once. */
    Map<String, Long> balancesByRef() {
        String prefix = ledgerAccount("");
        Map<String, Long> byRef = new HashMap<>();
        ledger.balancesStartingWith(prefix).forEach((account, pence) -> byRef.put(account.substring(prefix.length()), pence));
        return byRef;
    }

    private static String year(LocalDate start) {
        return start.getYear() + "/" + String.valueOf(start.getYear() + 1).substring(2);
    }
}
