package org.townhall.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.platform.ClockConfiguration;

/**
 * {@code billing.aCouncilTaxAccount().charging(120_000).linkedTo(resident.ref()).build()} and
 * {@code billing.aRentAccount().weekly(15_000).build()}: accounts with their charges in the ledger.
 */
@Component
public class BillingFixtures {

    // Numbers counted on from a random start, not drawn at random each time: the columns are unique,
    // and a few hundred random draws from one test run can pick the same number twice.
    private static final java.util.concurrent.atomic.AtomicInteger ACCOUNT_NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(10_000_000, 90_000_000));
    private static final java.util.concurrent.atomic.AtomicInteger TENANCIES =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000));

    private final CouncilTax councilTax;
    private final Rent rent;
    private final JdbcClient jdbc;
    private final Clock clock;

    BillingFixtures(CouncilTax councilTax, Rent rent, JdbcClient jdbc, Clock clock) {
        this.councilTax = councilTax;
        this.rent = rent;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record CouncilTaxFixture(String ref, String accountNumber, String postcode) {
    }

    public record RentFixture(String ref, String tenancyRef, LocalDate bornOn) {
    }

    public CouncilTaxBuilder aCouncilTaxAccount() {
        return new CouncilTaxBuilder();
    }

    public RentBuilder aRentAccount() {
        return new RentBuilder();
    }

    public void clearLinkCounts() {
        jdbc.sql("delete from billing_link_window").update();
        jdbc.sql("delete from billing_activation_window").update();
    }

    /** Makes the resident an active holder of the account too (a joint taxpayer); returns the holder's reference. */
    public String alsoHeldBy(CouncilTaxFixture account, String residentRef) {
        String ref = org.townhall.platform.PublicReferences.next();
        jdbc.sql("""
                insert into billing_holder (public_ref, council_tax_id, resident_ref, status, requested_at, activated_at)
                select :ref, id, :resident, 'ACTIVE', :now, :now from council_tax_account where public_ref = :account""")
                .param("ref", ref).param("resident", residentRef).param("account", account.ref())
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
        return ref;
    }

    /**
     * The code in the latest activation letter posted for the account with this number or tenancy
     * reference, read from the outbox as the household would read the letter.
     */
    public String activationCodeFor(String reference) {
        return jdbc.sql("""
                select personalisation ->> 'code' from notification_outbox
                where template = 'BILLING_ACTIVATION_LETTER' and personalisation ->> 'account' like :account order by id desc limit 1""")
                .param("account", "%" + reference).query(String.class).single();
    }

    /** How many activation letters have been posted for the account with this number or tenancy reference. */
    public long lettersFor(String reference) {
        return jdbc.sql("""
                select count(*) from notification_outbox
                where template = 'BILLING_ACTIVATION_LETTER' and personalisation ->> 'account' like :account""")
                .param("account", "%" + reference).query(Long.class).single();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
    }

    public class CouncilTaxBuilder {
        private long annualPence = 150_000;
        private int instalments = 10;
        private String residentRef;
        private LocalDate firstDue = today().minusMonths(2).withDayOfMonth(1);

        public CouncilTaxBuilder charging(long pence) {
            annualPence = pence;
            return this;
        }

        public CouncilTaxBuilder inInstalments(int count) {
            instalments = count;
            return this;
        }

        public CouncilTaxBuilder firstDue(LocalDate date) {
            firstDue = date;
            return this;
        }

        public CouncilTaxBuilder linkedTo(String resident) {
            residentRef = resident;
            return this;
        }

        public CouncilTaxFixture build() {
            String number = String.valueOf(ACCOUNT_NUMBERS.incrementAndGet());
            String postcode = "EB" + ThreadLocalRandom.current().nextInt(1, 9) + " " + ThreadLocalRandom.current().nextInt(1, 9) + "QT";
            String ref = councilTax.open(number, "1 Test Street, Eastbridge", postcode, 'D', firstDue.withDayOfMonth(1),
                    annualPence, instalments, firstDue, residentRef, false);
            return new CouncilTaxFixture(ref, number, postcode);
        }
    }

    public class RentBuilder {
        private long weeklyPence = 15_000;
        private String residentRef;
        private LocalDate startsOn = today().minusWeeks(4);
        private LocalDate bornOn = LocalDate.of(1985, 3, 27);

        public RentBuilder weekly(long pence) {
            weeklyPence = pence;
            return this;
        }

        public RentBuilder linkedTo(String resident) {
            residentRef = resident;
            return this;
        }

        public RentBuilder startingOn(LocalDate date) {
            startsOn = date;
            return this;
        }

        public RentFixture build() {
            String tenancy = "T" + TENANCIES.incrementAndGet();
            String ref = rent.open(tenancy, "Flat 1, Test House, Eastbridge", "EB4 1TH", bornOn, weeklyPence, startsOn, residentRef, false);
            return new RentFixture(ref, tenancy, bornOn);
        }
    }
}
