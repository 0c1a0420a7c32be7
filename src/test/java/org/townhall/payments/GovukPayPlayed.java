package org.townhall.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
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

    static final WireMockServer PAY = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

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
}
