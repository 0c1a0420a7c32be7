package org.townhall.payments.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.townhall.payments.PaymentState;
import org.townhall.support.TestClock;

/** GOV.UK Pay is another organisation's API, so WireMock plays it, answering in its documented shapes. */
class GovukPayProviderTest {

    private static final String KEY = "api_test_townhall-not-a-real-key";

    private WireMockServer pay;
    private GovukPayProvider provider;

    @BeforeEach
    void start() {
        pay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pay.start();
        provider = new GovukPayProvider(pay.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        pay.stop();
    }

    @Test
    void createsAPaymentWithItsKeyAndIdempotencyKeyAndReturnsTheNextUrl() {
        pay.stubFor(post(urlEqualTo("/v1/payments")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"amount": 4000, "description": "Council tax", "reference": "EBP-ABCDEFGHJK",
                         "payment_id": "hu20sqlact5260q2nanm0q8u93", "state": {"status": "created", "finished": false},
                         "return_url": "https://services.eastbridge.example/payments/ref/return",
                         "_links": {"next_url": {"href": "https://card.payments.service.gov.uk/secure/ef1b6ff1", "method": "GET"}}}""")));
        PaymentProvider.Created created = provider.create(new PaymentProvider.NewCharge(4000, "EBP-ABCDEFGHJK", "Council tax",
                "https://services.eastbridge.example/payments/ref/return", "key-0123456789abcdef"));
        assertThat(created.providerId()).isEqualTo("hu20sqlact5260q2nanm0q8u93");
        assertThat(created.nextUrl()).isEqualTo("https://card.payments.service.gov.uk/secure/ef1b6ff1");
        pay.verify(postRequestedFor(urlEqualTo("/v1/payments"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo("key-0123456789abcdef"))
                .withRequestBody(equalToJson("""
                        {"amount": 4000, "reference": "EBP-ABCDEFGHJK", "description": "Council tax",
                         "return_url": "https://services.eastbridge.example/payments/ref/return", "language": "en"}""")));
    }

    @Test
    void mapsEveryGovukPayStateIncludingExpiredAndReadsTheCard() {
        stubStatus("p1", "{\"status\": \"success\", \"finished\": true}", ", \"card_details\": {\"last_digits_card_number\": \"1111\", \"card_brand\": \"Visa\"}");
        stubStatus("p2", "{\"status\": \"failed\", \"finished\": true, \"code\": \"P0010\", \"message\": \"Payment method rejected\"}", "");
        stubStatus("p3", "{\"status\": \"failed\", \"finished\": true, \"code\": \"P0020\", \"message\": \"Payment expired\"}", "");
        stubStatus("p4", "{\"status\": \"submitted\", \"finished\": false}", "");
        stubStatus("p5", "{\"status\": \"cancelled\", \"finished\": true, \"code\": \"P0040\", \"message\": \"Cancelled\"}", "");
        stubStatus("p6", "{\"status\": \"error\", \"finished\": true, \"code\": \"P0050\", \"message\": \"Payment provider error\"}", "");
        stubStatus("p7", "{\"status\": \"capturable\", \"finished\": false}", "");
        assertThat(provider.status("p1")).isEqualTo(new PaymentProvider.ProviderPayment(PaymentState.SUCCESS, null, "Visa ending 1111"));
        assertThat(provider.status("p2").state()).isEqualTo(PaymentState.FAILED);
        assertThat(provider.status("p2").failure()).startsWith("P0010");
        assertThat(provider.status("p3").state()).isEqualTo(PaymentState.EXPIRED);
        assertThat(provider.status("p4").state()).isEqualTo(PaymentState.SUBMITTED);
        assertThat(provider.status("p5").state()).isEqualTo(PaymentState.CANCELLED);
        assertThat(provider.status("p6").state()).isEqualTo(PaymentState.ERROR);
        assertThat(provider.status("p7").state()).isEqualTo(PaymentState.SUBMITTED);
    }

    @Test
    void cancelsAPaymentThroughTheApiAndSaysWhenItCanNoLongerBeCancelled() {
        pay.stubFor(post(urlEqualTo("/v1/payments/p-open/cancel")).willReturn(aResponse().withStatus(204)));
        pay.stubFor(post(urlEqualTo("/v1/payments/p-submitted/cancel")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"P0501\", \"description\": \"Cancellation of payment failed\"}")));
        pay.stubFor(post(urlEqualTo("/v1/payments/p-finished/cancel")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"P0502\", \"description\": \"Cancellation of payment failed\"}")));
        assertThat(provider.cancel("p-open")).isTrue();
        assertThat(provider.cancel("p-submitted")).isFalse();
        assertThat(provider.cancel("p-finished")).isFalse();
        pay.verify(postRequestedFor(urlEqualTo("/v1/payments/p-open/cancel"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)).withRequestBody(absent()));
    }

    @Test
    void aCancelGovukPayCannotFindOrCannotAnswerIsUnavailableNeverTakenAsDone() {
        pay.stubFor(post(urlEqualTo("/v1/payments/p-unknown/cancel")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\": \"P0500\", \"description\": \"Not found\"}")));
        pay.stubFor(post(urlEqualTo("/v1/payments/p-down/cancel")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> provider.cancel("p-unknown")).isInstanceOf(PaymentProvider.Unavailable.class)
                .hasMessageContaining("404 P0500");
        assertThatThrownBy(() -> provider.cancel("p-down")).isInstanceOf(PaymentProvider.Unavailable.class);
        assertThatThrownBy(() -> provider.cancel("../p-open")).isInstanceOf(PaymentProvider.Unavailable.class);
    }

    @Test
    void refundsSayWhatTownhallBelievesIsLeftAndAreFoundAgainAfterACrash() {
        pay.stubFor(post(urlEqualTo("/v1/payments/p1/refunds")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"refund_id\": \"r1\", \"amount\": 1500, \"status\": \"submitted\", \"created_date\": \"2026-11-23T10:00:00Z\"}")));
        pay.stubFor(get(urlEqualTo("/v1/payments/p1/refunds")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"payment_id\": \"p1\", \"_embedded\": {\"refunds\": [{\"refund_id\": \"r1\", \"amount\": 1500, \"status\": \"success\"}]}}")));
        assertThat(provider.refund("p1", "townhall-ref", 1500, 4000)).isEqualTo(new PaymentProvider.ProviderRefund("r1", "submitted"));
        pay.verify(postRequestedFor(urlEqualTo("/v1/payments/p1/refunds"))
                .withRequestBody(equalToJson("{\"amount\": 1500, \"refund_amount_available\": 4000}")));
        assertThat(provider.refundStatus("p1", "townhall-ref", null, 1500)).isEqualTo(new PaymentProvider.ProviderRefund("r1", "success"));
    }

    @Test
    void anUnreachableOrConfusedProviderIsUnavailableAndNeverAGuess() {
        pay.stubFor(get(urlEqualTo("/v1/payments/p1")).willReturn(aResponse().withStatus(500)));
        pay.stubFor(get(urlEqualTo("/v1/payments/p2")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"state\": {\"status\": \"teleported\"}}")));
        pay.stubFor(get(urlEqualTo("/v1/payments/p3")).willReturn(aResponse().withBody("<html>not json")));
        pay.stubFor(post(urlEqualTo("/v1/payments")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"payment_id\": \"p9\", \"_links\": {\"next_url\": {\"href\": \"http://evil.example/card\"}}}")));
        assertThatThrownBy(() -> provider.status("p1")).isInstanceOf(PaymentProvider.Unavailable.class);
        assertThatThrownBy(() -> provider.status("p2")).isInstanceOf(PaymentProvider.Unavailable.class);
        assertThatThrownBy(() -> provider.status("p3")).isInstanceOf(PaymentProvider.Unavailable.class);
        assertThatThrownBy(() -> provider.status("../admin")).isInstanceOf(PaymentProvider.Unavailable.class);
        assertThatThrownBy(() -> provider.create(new PaymentProvider.NewCharge(100, "EBP-ABCDEFGHJK", "x", "https://x/r", "k")))
                .isInstanceOf(PaymentProvider.Unavailable.class);
        pay.stop();
        assertThatThrownBy(() -> provider.status("p1")).isInstanceOf(PaymentProvider.Unavailable.class);
    }

    private void stubStatus(String id, String state, String extra) {
        pay.stubFor(get(urlEqualTo("/v1/payments/" + id)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"payment_id\": \"" + id + "\", \"amount\": 4000, \"state\": " + state + extra + "}")));
    }
    @Test
    void afterFiveUnansweredCallsInARowGovukPayIsLeftAloneForAPauseThenTriedAgain() {
        TestClock clock = new TestClock();
        GovukPayProvider paused = new GovukPayProvider(pay.baseUrl(), KEY, clock);
        pay.stubFor(get("/v1/payments/pay-down").willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < GovukPayProvider.UNANSWERED_BEFORE_PAUSE; i++) {
            assertThatThrownBy(() -> paused.status("pay-down")).isInstanceOf(PaymentProvider.Unavailable.class);
        }
        assertThat(pay.findAll(getRequestedFor(urlEqualTo("/v1/payments/pay-down")))).hasSize(GovukPayProvider.UNANSWERED_BEFORE_PAUSE);

        // Paused: the answer is at once, and GOV.UK Pay is not asked.
        assertThatThrownBy(() -> paused.status("pay-down")).isInstanceOf(PaymentProvider.Unavailable.class).hasMessageContaining("paused");
        assertThat(pay.findAll(getRequestedFor(urlEqualTo("/v1/payments/pay-down")))).hasSize(GovukPayProvider.UNANSWERED_BEFORE_PAUSE);

        clock.advance(GovukPayProvider.PAUSE.plusSeconds(1));
        pay.stubFor(get("/v1/payments/pay-down").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"payment_id": "pay-down", "amount": 100, "state": {"status": "success", "finished": true}}""")));
        assertThat(paused.status("pay-down").state()).isEqualTo(PaymentState.SUCCESS);
    }

    @Test
    void answersThatRefuseTheRequestAreNotAnOutage() {
        TestClock clock = new TestClock();
        GovukPayProvider refusing = new GovukPayProvider(pay.baseUrl(), KEY, clock);
        pay.stubFor(get("/v1/payments/pay-unknown").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": "P0200", "description": "Not found"}""")));
        for (int i = 0; i < 2 * GovukPayProvider.UNANSWERED_BEFORE_PAUSE; i++) {
            assertThatThrownBy(() -> refusing.status("pay-unknown")).isInstanceOf(PaymentProvider.Unavailable.class);
        }
        assertThat(pay.findAll(getRequestedFor(urlEqualTo("/v1/payments/pay-unknown")))).hasSize(2 * GovukPayProvider.UNANSWERED_BEFORE_PAUSE);
    }
}
