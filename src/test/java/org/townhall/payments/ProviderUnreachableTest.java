package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * GOV.UK Pay (WireMock in its API shapes) failing when a payment starts: the resident is told,
 * nothing is kept, and the same pay form tried again later starts the one payment. Failing when
 * asked how a payment went: the resident is never told nothing was taken.
 */
@TownhallTest
class ProviderUnreachableTest extends GovukPayPlayed {

    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired JdbcClient jdbc;
    @Autowired Payments payments;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Test
    void aProviderThatCannotStartAPaymentLeavesNothingAndTheSameFormWorksWhenItIsBack() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        String key = Payments.newIdempotencyKey();
        PAY.stubFor(post(urlEqualTo("/v1/payments")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("25.00"), key, ClientOrigin.system()))
                .isInstanceOf(PaymentsUnavailable.class);
        assertThat(count("select count(*) from payment where paying_for = :a", account.ref())).isZero();
        assertThat(count("select count(*) from audit_event where action = 'PAYMENT_STARTED' and subject_ref = :a", resident.ref()))
                .as("nothing started, so nothing recorded as started").isZero();

        govukPayCreates("pay-back-again-1", 2500, "back-again", 0);
        // Nobody has opened its card page, so the repeat may be sent there too (its address works once).
        govukPaySays("pay-back-again-1", 2500, "{\"status\": \"created\", \"finished\": false}");
        PayResult first = councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("25.00"), key, ClientOrigin.system());
        PayResult again = councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("25.00"), key, ClientOrigin.system());

        assertThat(((PayResult.Started) first).nextUrl()).isEqualTo("https://card.payments.service.gov.uk/secure/back-again");
        assertThat(again).isEqualTo(first);
        assertThat(count("select count(*) from payment where paying_for = :a and provider_id = 'pay-back-again-1'", account.ref()))
                .isEqualTo(1);
        PAY.verify(2, postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void onlyTheProvidersOwnAnswerMayTellAResidentTheirPaymentIsNotFinished() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        govukPayCreates("pay-left-open-1", 1000, "left-open", 0);
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("10.00"), Payments.newIdempotencyKey(), ClientOrigin.system());
        String ref = jdbc.sql("select public_ref from payment where provider_id = 'pay-left-open-1'").query(String.class).single();

        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-left-open-1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"amount": 1000, "payment_id": "pay-left-open-1", "state": {"status": "started", "finished": false}}""")));
        assertThat(payments.receipt(ref, resident.ref()).orElseThrow().canContinue()).isTrue();

        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-left-open-1")).willReturn(aResponse().withStatus(503)));
        PaymentView unanswered = payments.receipt(ref, resident.ref()).orElseThrow();
        assertThat(unanswered.canContinue()).as("the resident may have paid: we do not know").isFalse();
        assertThat(unanswered.checking()).isTrue();
    }

    @Test
    void aSlowProviderHoldsNoTransactionWhileAPaymentStarts() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        PAY.stubFor(post(urlEqualTo("/v1/payments")).willReturn(created("pay-slow-1", 1000, "slow").withTransformers(HeldAnswers.NAME)));
        HELD.holdUntilReleased();
        java.util.concurrent.CompletableFuture<PayResult> paying = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("10.00"), Payments.newIdempotencyKey(),
                        new ClientOrigin("127.0.0.1", "slow-provider-request", "test")));
        assertThat(HELD.awaitArrival()).as("the payment reached GOV.UK Pay").isTrue();

        // The provider is holding the request: no transaction is open, so no connection, row or audit chain is held.
        assertThat(jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'")
                .query(Long.class).single()).isZero();
        assertThat(count("select count(*) from payment where resident_ref = :a", resident.ref())).isZero();
        long chainLocksHeld = jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and granted "
                        + "and objid between :first and :last")
                .param("first", org.townhall.audit.store.AuditEventStore.CHAIN_LOCK)
                .param("last", org.townhall.audit.store.AuditEventStore.CHAIN_LOCK + org.townhall.audit.store.AuditEventStore.CHAINS - 1)
                .query(Long.class).single();
        assertThat(chainLocksHeld).isZero();
        HELD.release();
        assertThat(paying.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(PayResult.Started.class);
        assertThat(count("select count(*) from audit_event where action = 'PAYMENT_STARTED' and subject_ref = :a", resident.ref()))
                .isEqualTo(1);
        PAY.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void aSlowAnswerAboutAPaymentHoldsNeitherItsRowNorAConnection() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        govukPayCreates("pay-slow-status-1", 1000, "slow-status", 0);
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("10.00"), Payments.newIdempotencyKey(), ClientOrigin.system());
        String ref = jdbc.sql("select public_ref from payment where provider_id = 'pay-slow-status-1'").query(String.class).single();
        PAY.stubFor(get(urlEqualTo("/v1/payments/pay-slow-status-1")).willReturn(aResponse().withStatus(200)
                .withTransformers(HeldAnswers.NAME)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"amount": 1000, "payment_id": "pay-slow-status-1", "state": {"status": "submitted", "finished": false}}""")));
        HELD.holdUntilReleased();

        java.util.concurrent.CompletableFuture<java.util.Optional<PaymentView>> receipt =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> payments.receipt(ref, resident.ref()));
        assertThat(HELD.awaitArrival()).as("the question reached GOV.UK Pay").isTrue();

        // GOV.UK Pay is holding the question: the payment's row is free to lock at once.
        org.springframework.transaction.support.TransactionTemplate transactions =
                new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        String lockedAtOnce = transactions.execute(status -> jdbc.sql("select state from payment where public_ref = :r for update nowait")
                .param("r", ref).query(String.class).single());
        assertThat(lockedAtOnce).isEqualTo("CREATED");
        HELD.release();
        assertThat(receipt.get(30, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().state()).isEqualTo(PaymentState.SUBMITTED);
    }

    private long count(String sql, String value) {
        return jdbc.sql(sql).param("a", value).query(Long.class).single();
    }
}
