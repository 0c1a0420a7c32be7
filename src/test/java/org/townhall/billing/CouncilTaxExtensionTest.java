package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.platform.ClockConfiguration;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/** An outage of online council tax payments moves the instalments it swallowed, once, and says so. */
@TownhallTest
class CouncilTaxExtensionTest {

    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired CouncilTaxExtensions extensions;
    @Autowired ServiceSwitches switches;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired org.townhall.payments.Ledger ledger;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @AfterEach
    void tidy() {
        clock.reset();
        switches.switchTo(ResidentService.COUNCIL_TAX_PAYMENTS, ServiceState.ON, null, "test");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
    }

    private LocalDate firstDue(BillingFixtures.CouncilTaxFixture account, String residentRef) {
        return councilTax.account(account.ref(), residentRef).orElseThrow().instalments().get(0).dueOn();
    }

    @Test
    void switchingPaymentsBackOnMovesTheSwallowedInstalmentTellsTheResidentAndNeverTwice() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        LocalDate due = today().plusDays(1);
        BillingFixtures.CouncilTaxFixture swallowed = billing.aCouncilTaxAccount().firstDue(due).linkedTo(resident.ref()).build();
        BillingFixtures.CouncilTaxFixture later = billing.aCouncilTaxAccount().firstDue(today().plusDays(20)).linkedTo(resident.ref()).build();

        switches.switchTo(ResidentService.COUNCIL_TAX_PAYMENTS, ServiceState.OFF, "Card payments are down", "manager");
        clock.advance(Duration.ofDays(3));
        long before = audit.lastId();
        switches.switchTo(ResidentService.COUNCIL_TAX_PAYMENTS, ServiceState.ON, null, "manager");

        // Four London dates of outage plus two days' grace.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(firstDue(swallowed, resident.ref())).isEqualTo(due.plusDays(6)));
        assertThat(firstDue(later, resident.ref())).isEqualTo(today().plusDays(17));
        assertThat(councilTax.account(swallowed.ref(), resident.ref()).orElseThrow().instalments().get(1).dueOn())
                .as("later instalments keep their dates").isEqualTo(due.plusMonths(1));
        assertThat(audit.detailsSince(before, "DEADLINE_EXTENDED")).anyMatch(d -> d.contains(swallowed.accountNumber() + " 6 days"));
        assertThat(outbox.templatesSentTo(resident.email())).contains("INSTALMENT_DEADLINE_EXTENDED");

        String outage = jdbc.sql("select outage_ref from council_tax_extension e join council_tax_account a on a.id = e.account_id "
                + "where a.public_ref = :r").param("r", swallowed.ref()).query(String.class).single();
        Instant now = clock.instant();
        assertThat(extensions.extendFor(new ServiceOutageEnded(outage, ResidentService.COUNCIL_TAX_PAYMENTS,
                now.minus(Duration.ofDays(3)), now))).isZero();
        assertThat(firstDue(swallowed, resident.ref())).isEqualTo(due.plusDays(6));
    }

    @Test
    void aHolderWhoseAddressIsUnconfirmedIsToldWithoutTheNameTheyTyped() {
        AccountFixtures.Resident resident = accounts.aResident().named("Maud Unconfirmed").unverified().build();
        String account = billing.aCouncilTaxAccount().firstDue(today().plusDays(1)).linkedTo(resident.ref()).build().ref();
        Instant now = clock.instant();
        extensions.extendFor(new ServiceOutageEnded("told-" + account, ResidentService.COUNCIL_TAX_PAYMENTS,
                now.minus(Duration.ofDays(3)), now));

        assertThat(outbox.lastFields(resident.email(), "INSTALMENT_DEADLINE_EXTENDED"))
                .contains("\"greeting\": \"Hello\"", "/council-tax/" + account, "\"days\": \"6\"").doesNotContain("Maud");
    }

    @Test
    void anInstalmentAlreadyPaidIsNotMovedWhileAnUnpaidOneDueTheSameDayIs() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        LocalDate due = today().plusDays(1);
        BillingFixtures.CouncilTaxFixture paid = billing.aCouncilTaxAccount().charging(120_000).firstDue(due).linkedTo(resident.ref()).build();
        BillingFixtures.CouncilTaxFixture unpaid = billing.aCouncilTaxAccount().charging(120_000).firstDue(due).linkedTo(resident.ref()).build();
        transactions.executeWithoutResult(status -> ledger.post("test-paid-in-full:" + paid.ref(), "Paid in full at the cash office",
                java.util.List.of(new org.townhall.payments.Ledger.Line("cash-office", 120_000),
                        new org.townhall.payments.Ledger.Line("council-tax:" + paid.ref(), -120_000))));

        Instant now = clock.instant();
        extensions.extendFor(new ServiceOutageEnded("outage-paid-" + paid.ref(), ResidentService.COUNCIL_TAX_PAYMENTS,
                now.minus(Duration.ofDays(3)), now));

        assertThat(extensionsOf(paid)).as("nothing outstanding, so nothing was swallowed").isZero();
        assertThat(extensionsOf(unpaid)).isEqualTo(1);
    }

    private long extensionsOf(BillingFixtures.CouncilTaxFixture account) {
        return jdbc.sql("select count(*) from council_tax_extension e join council_tax_account a on a.id = e.account_id "
                + "where a.public_ref = :r").param("r", account.ref()).query(Long.class).single();
    }

    @Test
    void anOutageOfAnotherServiceOrOneThatSwallowedNothingMovesNothing() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        LocalDate due = today().plusDays(1);
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().firstDue(due).linkedTo(resident.ref()).build();
        Instant now = clock.instant();
        assertThat(extensions.extendFor(new ServiceOutageEnded("outage-rent-" + System.nanoTime(), ResidentService.RENT_PAYMENTS,
                now.minus(Duration.ofDays(2)), now))).isZero();
        Instant longAgo = ZonedDateTime.now(ClockConfiguration.LONDON).minusDays(40).toInstant();
        extensions.extendFor(new ServiceOutageEnded("outage-old-" + System.nanoTime(), ResidentService.COUNCIL_TAX_PAYMENTS,
                longAgo, longAgo.plus(Duration.ofHours(3))));
        assertThat(firstDue(account, resident.ref())).isEqualTo(due);
    }
}
