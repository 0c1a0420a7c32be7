package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with GOV.UK Pay as its provider, played by WireMock in its API shapes.
 * Every test class extending this shares one application context, and so one WireMock, which is
 * left running for the JVM: stopping it after one class would leave the shared context pointing at
 * a closed port.
 */
abstract class GovukPayPlayed {

    static final HeldAnswers HELD = new HeldAnswers();
    static final WireMockServer PAY = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(HELD));

    @DynamicPropertySource
    static void govukPay(DynamicPropertyRegistry registry) {
        if (!PAY.isRunning()) {
            PAY.start();
        }
        registry.add("townhall.pay.api-key", () -> "api_test_townhall-not-a-real-key");
        registry.add("townhall.pay.base-url", PAY::baseUrl);
    }

    @BeforeEach
    void forgetEarlierRequests() {
        HELD.release();
        PAY.resetAll();
    }

    /** GOV.UK Pay answers a create with this payment, after {@code delayMillis}, its card page at /secure/{page}. */
    static void govukPayCreates(String paymentId, long amountPence, String page, int delayMillis) {
        PAY.stubFor(post(urlEqualTo("/v1/payments")).willReturn(created(paymentId, amountPence, page).withFixedDelay(delayMillis)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String paymentId, long amountPence, String page) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"amount": %d, "description": "Council tax", "reference": "EBP-ANY",
                 "payment_id": "%s", "state": {"status": "created", "finished": false},
                 "_links": {"next_url": {"href": "https://card.payments.service.gov.uk/secure/%s", "method": "GET"}}}"""
                .formatted(amountPence, paymentId, page));
    }

    /** GOV.UK Pay's answer about a payment: {@code state} as its JSON, such as {"status": "started", "finished": false}. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder payment(String paymentId, long amountPence, String state) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"amount": %d, "payment_id": "%s", "state": %s}""".formatted(amountPence, paymentId, state));
    }

    static void govukPaySays(String paymentId, long amountPence, String state) {
        PAY.stubFor(get(urlEqualTo("/v1/payments/" + paymentId)).willReturn(payment(paymentId, amountPence, state)));
    }

    /** A GOV.UK Pay payment id for a payment made through a payment link. */
    static String linkPaymentId() {
        return "link" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** A successful payment in GOV.UK Pay's search results, made through a payment link on 30 November 2026. */
    static String taken(String id, String reference, long amountPence) {
        return """
                {"amount": %d, "reference": "%s", "description": "Pay while our website is down", "payment_id": "%s",
                 "created_date": "2026-11-30T10:15:00.000Z", "state": {"status": "success", "finished": true}}"""
                .formatted(amountPence, reference, id);
    }

    /** GOV.UK Pay's answer to a search of its payments: {@code page} of them, with a link to the next if any. */
    static void govukPayLists(int page, String nextPage, String... results) {
        String links = nextPage == null ? "{\"self\": {\"href\": \"x\"}}"
                : "{\"next_page\": {\"href\": \"" + nextPage + "\"}}";
        PAY.stubFor(get(urlPathEqualTo("/v1/payments")).withQueryParam("page", equalTo(String.valueOf(page)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"total": %d, "count": %d, "page": %d, "results": [%s], "_links": %s}"""
                        .formatted(results.length, results.length, page, String.join(",", List.of(results)), links))));
    }
}
