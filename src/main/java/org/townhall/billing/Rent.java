package org.townhall.billing;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.BillingStore;
import org.townhall.billing.store.BillingStore.RentRow;
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

/** Council housing rent: charged weekly in advance on Mondays, paid in any amount. */
@Service
public class Rent {

    /** A single online rent payment above £5,000 is almost certainly a typing slip; the rent team takes those by phone. */
    static final long LARGEST_PAYMENT_PENCE = 500_000;
    /** The daily job posts the last eight Mondays' charges if missing, so a stopped job catches up. */
    private static final int CATCH_UP_WEEKS = 8;

    private final BillingStore store;
    private final HolderStore holders;
    private final Ledger ledger;
    private final Payments payments;
    private final AuditTrail audit;
    private final Clock clock;

    Rent(BillingStore store, HolderStore holders, Ledger ledger, Payments payments, AuditTrail audit, Clock clock) {
        this.store = store;
        this.holders = holders;
        this.ledger = ledger;
        this.payments = payments;
        this.audit = audit;
        this.clock = clock;
    }

    static String ledgerAccount(String ref) {
        return "rent:" + ref;
    }

    /**
     * A tenancy with every Monday's rent since it began posted, its letters going to the property,
     * held by {@code residentRef} from the start if not null (demo data and tests).
     */
    @Transactional
    public String open(String tenancyRef, String address, String postcode, LocalDate tenantBornOn, long weeklyRentPence,
                       LocalDate startsOn, String residentRef, boolean demo) {
        String ref = PublicReferences.next();
        long id = store.addRent(ref, tenancyRef, address, BillingLinks.normalisePostcode(postcode), tenantBornOn, weeklyRentPence,
                startsOn, demo);
        if (residentRef != null) {
            holders.insertActive(PublicReferences.next(), AccountKind.RENT, id, residentRef, clock.instant());
        }
        RentRow row = store.rentByRef(ref).orElseThrow();
        charge(row, startsOn);
        return ref;
    }

    /** Every day after midnight: this Monday's rent (and any missed) for every tenancy. Posting twice is a no-op. */
    @Scheduled(cron = "${townhall.rent.charge-cron:0 10 0 * * *}", zone = "Europe/London")
    @Transactional
    public int chargeDue() {
        LocalDate from = today().minusWeeks(CATCH_UP_WEEKS);
        return store.allRent().stream().mapToInt(row -> charge(row, from)).sum();
    }

    public List<RentAccount> accountsOf(String residentRef) {
        return store.rentOf(residentRef).stream().map(r -> view(r, true)).toList();
    }

    @Transactional
    public Optional<RentAccount> account(String ref, String residentRef) {
        return account(ref, residentRef, true);
    }

    private Optional<RentAccount> account(String ref, String residentRef, boolean withStatement) {
        return OwnedAccounts.ofResident(ref, residentRef, store::rentByRef,
                row -> holders.isActive(AccountKind.RENT, row.id(), residentRef), "rent account", audit).map(r -> view(r, withStatement));
    }

    /** The account for a statement file its tenant downloads; the download is recorded. */
    @Transactional
    public Optional<RentAccount> statement(String ref, String residentRef) {
        Optional<RentAccount> account = account(ref, residentRef, true);
        account.ifPresent(a -> audit.record(AuditEntry.of(AuditAction.STATEMENT_DOWNLOADED, AuditOutcome.SUCCESS,
                Actor.resident(residentRef)).about(residentRef).on("rent " + a.tenancyRef())));
        return account;
    }

    /** Starts a rent payment of any amount from 1p to £5,000, paying ahead included. */
    public PayResult pay(String ref, String residentRef, String typedAmount, String idempotencyKey, ClientOrigin origin) {
        Optional<RentAccount> account = account(ref, residentRef, false);
        if (account.isEmpty()) {
            return new PayResult.Invalid("There is no such account");
        }
        Optional<Long> amount = Money.parsePounds(typedAmount);
        if (amount.isEmpty() || amount.get() <= 0) {
            return new PayResult.Invalid("Enter an amount in pounds, for example 120.00");
        }
        if (amount.get() > LARGEST_PAYMENT_PENCE) {
            return new PayResult.Invalid("You can pay up to " + Money.pounds(LARGEST_PAYMENT_PENCE) + " online. Call us to pay more");
        }
        RentAccount a = account.get();
        try {
            // Rent may be paid ahead into credit (ADR 0016), so the balance is no limit; the online
            // limit is, for everything started and not finished at once, or two tabs would double it.
            return PayResult.Started.of(payments.start(new PaymentRequest(idempotencyKey, residentRef, Purpose.RENT, a.ref(),
                    "Rent, tenancy " + a.tenancyRef(), amount.get(), ledgerAccount(a.ref()), "/rent/" + a.ref(),
                    Ceiling.atMost(LARGEST_PAYMENT_PENCE)), origin));
        } catch (WouldOverpay e) {
            return new PayResult.Invalid("Rent payments of " + Money.pounds(e.inFlightPence()) + " already started for this tenancy "
                    + "have not finished, and you can pay up to " + Money.pounds(LARGEST_PAYMENT_PENCE) + " online at once. "
                    + (e.availablePence() == 0 ? "Finish or cancel them from Your payments first"
                    : "Enter an amount no more than " + Money.pounds(e.availablePence())));
        }
    }

    private int charge(RentRow row, LocalDate from) {
        LocalDate today = today();
        LocalDate monday = (from.isBefore(row.tenancyStartsOn()) ? row.tenancyStartsOn() : from)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int posted = 0;
        for (; !monday.isAfter(today); monday = monday.plusWeeks(1)) {
            if (ledger.post("rent-charge:" + row.tenancyRef() + ":" + monday, "Rent for the week from " + monday,
                    monday.atStartOfDay(ClockConfiguration.LONDON).toInstant(),
                    List.of(new Ledger.Line(ledgerAccount(row.ref()), row.weeklyRentPence()),
                            new Ledger.Line(Ledger.RENT_INCOME, -row.weeklyRentPence())))) {
                posted++;
            }
        }
        return posted;
    }

    private RentAccount view(RentRow row, boolean withStatement) {
        long balance = ledger.balance(ledgerAccount(row.ref()));
        LocalDate thisMonday = today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long thisWeek = thisMonday.isBefore(row.tenancyStartsOn()) ? 0 : row.weeklyRentPence();
        // This week's rent is due but not yet late; anything owed beyond it is arrears.
        return new RentAccount(row.ref(), row.tenancyRef(), row.propertyAddress(), row.weeklyRentPence(), row.tenancyStartsOn(),
                balance, Math.max(0, balance - thisWeek),
                withStatement ? Statements.of(ledger.movements(ledgerAccount(row.ref()))) : List.of());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
    }
}
