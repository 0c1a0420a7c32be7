package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.audit.Actor;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.payments.store.LinkPaymentStore;
import org.townhall.support.TownhallTest;

/**
 * Payments residents made through GOV.UK Pay payment links while Townhall was down, found by
 * searching GOV.UK Pay (WireMock in its API shapes) and applied once each.
 */
@TownhallTest
class LinkPaymentsTest extends GovukPayPlayed {

    private static final Instant FROM = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T13:00:00Z");

    @Autowired LinkPayments linkPayments;
    @Autowired HeldLinkPayments heldPayments;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    @Test
    void aPaymentFoundByTwoSearchesIsAppliedToItsCouncilTaxAccountOnce() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(49_500).build();
        String id = linkPaymentId();
        long heldBefore = ledger.balance("provider:govuk-pay");
        govukPayLists(1, null, taken(id, account.accountNumber(), 20_000));

        LinkPayments.Found first = linkPayments.search(FROM, TO, Actor.system());
        LinkPayments.Found second = linkPayments.search(FROM, TO, Actor.system());

        assertThat(first).isEqualTo(new LinkPayments.Found(1, 0, 0));
        assertThat(second).isEqualTo(new LinkPayments.Found(0, 0, 1));
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(29_500);
        assertThat(ledger.balance("provider:govuk-pay") - heldBefore).isEqualTo(20_000);
        assertThat(ledger.unbalancedEntries()).isZero();
        assertThat(jdbc.sql("select outcome from link_payment where provider_payment_id = :id").param("id", id)
                .query(String.class).list()).containsExactly("APPLIED");
    }

    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired org.springframework.context.ApplicationEventPublisher events;

    @Test
    void aPaymentServiceComingBackOnSearchesItsOutageWindowByItself() throws Exception {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(30_000).build();
        String id = linkPaymentId();
        govukPayLists(1, null, taken(id, account.accountNumber(), 12_000));

        transactions.executeWithoutResult(status -> events.publishEvent(new org.townhall.continuity.ServiceOutageEnded(
                "outage-" + id, org.townhall.continuity.ResidentService.COUNCIL_TAX_PAYMENTS, FROM, TO)));

        java.util.List<String> outcome = java.util.List.of();
        for (int wait = 0; wait < 300 && outcome.isEmpty(); wait++) {
            Thread.sleep(100);
            outcome = jdbc.sql("select outcome from link_payment where provider_payment_id = :id").param("id", id)
                    .query(String.class).list();
        }
        assertThat(outcome).containsExactly("APPLIED");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(18_000);
    }

    @Test
    void aReferenceTypedInLowerCaseWithSpacesStillFindsItsAccount() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(10_000).build();
        String typed = " " + account.accountNumber().toLowerCase(java.util.Locale.ROOT).replaceAll("(.{3})", "$1 ");
        govukPayLists(1, null, taken(linkPaymentId(), typed, 10_000));

        assertThat(linkPayments.search(FROM, TO, Actor.system())).isEqualTo(new LinkPayments.Found(1, 0, 0));
        assertThat(ledger.balance("council-tax:" + account.ref())).isZero();
    }

    @Test
    void aSecondPaymentForTheSameParkingFineIsListedForRefundAndTheFineIsPaidOnce() {
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        String firstId = linkPaymentId();
        String secondId = linkPaymentId();
        long incomeBefore = ledger.balance(Ledger.PARKING_INCOME);
        long suspenseBefore = ledger.balance(LinkPayments.SUSPENSE);
        govukPayLists(1, null, taken(firstId, pcn.number(), 16_000), taken(secondId, pcn.number(), 16_000));

        LinkPayments.Found found = linkPayments.search(FROM, TO, Actor.system());

        assertThat(found).isEqualTo(new LinkPayments.Found(1, 1, 0));
        assertThat(jdbc.sql("select status from pcn where public_ref = :ref").param("ref", pcn.ref()).query(String.class).single()).isEqualTo("PAID");
        assertThat(ledger.balance(Ledger.PARKING_INCOME) - incomeBefore).isEqualTo(-16_000);
        assertThat(ledger.balance(LinkPayments.SUSPENSE) - suspenseBefore).as("the second is held, not income").isEqualTo(-16_000);
        assertThat(heldPayments.waiting().stream().map(LinkPaymentStore.HeldRow::payment).toList()).anySatisfy(held -> {
            assertThat(held.providerPaymentId()).isEqualTo(secondId);
            assertThat(held.outcome()).isEqualTo("DUPLICATE");
            assertThat(held.amountPence()).isEqualTo(16_000);
        });
        assertThat(heldPayments.waiting().stream().map(LinkPaymentStore.HeldRow::payment).toList()).noneMatch(held -> held.providerPaymentId().equals(firstId));
        assertThat(ledger.unbalancedEntries()).isZero();
    }

    @Test
    void aPaymentWhoseReferenceNamesNoAccountIsHeldInSuspenseForAFinanceOfficer() {
        String id = linkPaymentId();
        long suspenseBefore = ledger.balance(LinkPayments.SUSPENSE);
        govukPayLists(1, null, taken(id, "MY HOUSE", 7_777));

        assertThat(linkPayments.search(FROM, TO, Actor.system())).isEqualTo(new LinkPayments.Found(0, 1, 0));

        assertThat(ledger.balance(LinkPayments.SUSPENSE) - suspenseBefore).isEqualTo(-7_777);
        assertThat(heldPayments.waiting().stream().map(LinkPaymentStore.HeldRow::payment).toList()).anySatisfy(held -> {
            assertThat(held.providerPaymentId()).isEqualTo(id);
            assertThat(held.outcome()).isEqualTo("UNMATCHED");
            assertThat(held.reference()).isEqualTo("MY HOUSE");
        });
    }

    @Test
    void everyPageOfTheSearchIsReadAndOnlySuccessfulPaymentsOfTheWindowAreAskedFor() {
        BillingFixtures.RentFixture rent = billing.aRentAccount().build();
        long before = ledger.balance("rent:" + rent.ref());
        govukPayLists(1, PAY.baseUrl() + "/v1/payments?state=success&page=2&display_size=500", taken(linkPaymentId(), rent.tenancyRef(), 1_000));
        govukPayLists(2, null, taken(linkPaymentId(), rent.tenancyRef(), 2_000));

        assertThat(linkPayments.search(FROM, TO, Actor.system())).isEqualTo(new LinkPayments.Found(2, 0, 0));

        assertThat(ledger.balance("rent:" + rent.ref()) - before).isEqualTo(-3_000);
        PAY.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/payments")).withQueryParam("page", equalTo("1"))
                .withQueryParam("state", equalTo("success")).withQueryParam("from_date", equalTo("2026-11-30T09:00:00Z"))
                .withQueryParam("to_date", equalTo("2026-11-30T13:00:00Z"))
                .withHeader("Authorization", equalTo("Bearer api_test_townhall-not-a-real-key")));
        PAY.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/payments")).withQueryParam("page", equalTo("2")));
    }
}
