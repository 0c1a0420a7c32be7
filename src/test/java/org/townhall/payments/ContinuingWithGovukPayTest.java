package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.billing.PayResult;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.TownhallTest;

/**
 * "Continue to payment" against GOV.UK Pay (WireMock in its API shapes), whose card page address
 * works once: a payment whose page was opened is cancelled through the API and a new one started;
 * one the resident paid after all is settled, never charged twice; one nobody opened is gone back to.
 */
@TownhallTest
class ContinuingWithGovukPayTest extends GovukPayPlayed {

    private static final String STARTED_STATE = "{\"status\": \"started\", \"finished\": false}";

    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired UnfinishedPayments unfinished;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    @Test
    void continuingAPaymentWhoseCardPageWasOpenedCancelsItThroughTheApiAndStartsANewOne() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(49_500).linkedTo(resident.ref()).build();
        String ref = startedWithGovukPay(resident, account, "pay-abandoned-1", "abandoned");
        // The resident opened the card page (its one-time address is spent) and closed the tab.
        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-abandoned-1")).inScenario("abandoned").whenScenarioStateIs(STARTED)
                .willReturn(payment("pay-abandoned-1", 49_500, STARTED_STATE)));
        PAY.stubFor(post(urlEqualTo("/v1/payments/pay-abandoned-1/cancel")).inScenario("abandoned").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("cancelled"));
        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-abandoned-1")).inScenario("abandoned").whenScenarioStateIs("cancelled")
                .willReturn(payment("pay-abandoned-1", 49_500,
                        "{\"status\": \"cancelled\", \"finished\": true, \"code\": \"P0040\", \"message\": \"Payment was cancelled by the service\"}")));
        govukPayCreates("pay-instead-2", 49_500, "instead", 0);

        StartedPayment instead = unfinished.continueAnew(ref, resident.ref(), Payments.newIdempotencyKey(), ClientOrigin.system())
                .orElseThrow();

        assertThat(instead.nextUrl()).isEqualTo("https://card.payments.service.gov.uk/secure/instead");
        assertThat(instead.paymentRef()).isNotEqualTo(ref);
        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments/pay-abandoned-1/cancel"))
                .withHeader("Authorization", equalTo("Bearer api_test_townhall-not-a-real-key")));
        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
        assertThat(stateOf(ref)).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select state from payment where provider_id = 'pay-instead-2'").query(String.class).single())
                .isEqualTo("CREATED");
        assertThat(ledger.balance("council-tax:" + account.ref())).as("nothing taken yet").isEqualTo(49_500);
    }

    @Test
    void continuingWhenGovukPayWillNotCancelBecauseTheCardWasTakenSettlesItAndChargesNothingTwice() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(49_500).linkedTo(resident.ref()).build();
        String ref = startedWithGovukPay(resident, account, "pay-finished-1", "finished");
        // Started when asked; by the time the cancel arrives the resident has paid in their other tab.
        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-finished-1")).inScenario("finished").whenScenarioStateIs(STARTED)
                .willReturn(payment("pay-finished-1", 49_500, STARTED_STATE)));
        PAY.stubFor(post(urlEqualTo("/v1/payments/pay-finished-1/cancel")).inScenario("finished").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": \"P0502\", \"description\": \"Cancellation of payment failed\"}"))
                .willSetStateTo("paid"));
        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-finished-1")).inScenario("finished").whenScenarioStateIs("paid")
                .willReturn(payment("pay-finished-1", 49_500, "{\"status\": \"success\", \"finished\": true}")));
        govukPayCreates("pay-never-2", 49_500, "never", 0);

        StartedPayment after = unfinished.continueAnew(ref, resident.ref(), Payments.newIdempotencyKey(), ClientOrigin.system())
                .orElseThrow();

        assertThat(after.paymentRef()).isEqualTo(ref);
        assertThat(after.nextUrl()).isEqualTo(Payments.receiptPath(ref));
        assertThat(after.state()).isEqualTo(PaymentState.SUCCESS);
        PAY.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments")));
        assertThat(ledger.balance("council-tax:" + account.ref())).isZero();
        assertThat(jdbc.sql("select count(*) from journal_entry where source like 'payment:%' and description like :d")
                .param("d", "%" + account.accountNumber() + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void continuingAPaymentNobodyHasOpenedGoesBackToItsOwnCardPage() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(49_500).linkedTo(resident.ref()).build();
        String ref = startedWithGovukPay(resident, account, "pay-unopened-1", "unopened");
        govukPaySays("pay-unopened-1", 49_500, "{\"status\": \"created\", \"finished\": false}");

        StartedPayment again = unfinished.continueAnew(ref, resident.ref(), Payments.newIdempotencyKey(), ClientOrigin.system())
                .orElseThrow();

        assertThat(again.nextUrl()).isEqualTo("https://card.payments.service.gov.uk/secure/unopened");
        PAY.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments/pay-unopened-1/cancel")));
        PAY.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void aSecondTabRefusedAfterGovukPayCreatedItsPaymentHasThatPaymentCancelled() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(49_500).linkedTo(resident.ref()).build();
        String firstTab = Payments.newIdempotencyKey();
        String secondTab = Payments.newIdempotencyKey();
        // Both tabs pass the first look (nothing is with the provider yet) while GOV.UK Pay takes its time:
        // it answers neither until both have asked.
        PAY.stubFor(post(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key", equalTo(firstTab))
                .willReturn(created("pay-tab-1", 49_500, "tab-1").withTransformers(HeldAnswers.NAME)));
        PAY.stubFor(post(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key", equalTo(secondTab))
                .willReturn(created("pay-tab-2", 49_500, "tab-2").withTransformers(HeldAnswers.NAME)));
        HELD.holdUntilArrived(2);
        PAY.stubFor(post(urlEqualTo("/v1/payments/pay-tab-1/cancel")).willReturn(aResponse().withStatus(204)));
        PAY.stubFor(post(urlEqualTo("/v1/payments/pay-tab-2/cancel")).willReturn(aResponse().withStatus(204)));

        java.util.List<String> tabs = java.util.List.of(firstTab, secondTab);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<PayResult> results = PaymentSafetyTest.allAtOnce(2, () -> councilTax.pay(account.ref(), resident.ref(),
                PayChoice.amount("495.00"), tabs.get(next.getAndIncrement()), ClientOrigin.system()));

        assertThat(results.stream().filter(PayResult.Started.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(PayResult.Invalid.class::isInstance)).hasSize(1);
        String admitted = jdbc.sql("select provider_id from payment where paying_for = :a").param("a", account.ref())
                .query(String.class).single();
        String refused = admitted.equals("pay-tab-1") ? "pay-tab-2" : "pay-tab-1";
        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments/" + refused + "/cancel")));
        PAY.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments/" + admitted + "/cancel")));
    }

    /** A council tax payment of the whole £495 started with GOV.UK Pay as {@code paymentId}; its reference. */
    private String startedWithGovukPay(AccountFixtures.Resident resident, BillingFixtures.CouncilTaxFixture account, String paymentId,
                                       String page) {
        govukPayCreates(paymentId, 49_500, page, 0);
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("495.00"), Payments.newIdempotencyKey(), ClientOrigin.system());
        PAY.resetRequests();
        return jdbc.sql("select public_ref from payment where provider_id = :p").param("p", paymentId).query(String.class).single();
    }

    private String stateOf(String ref) {
        return jdbc.sql("select state from payment where public_ref = :r").param("r", ref).query(String.class).single();
    }
}
