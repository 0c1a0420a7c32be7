package org.townhall.notifications.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;

/**
 * Townhall sending through GOV.UK Notify, as in production, with Notify played by WireMock and
 * unreachable unless a test says otherwise (as during an outage), and a clock tests move. The
 * classes extending this share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClock.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class NotifyOutage {

    static final String API_KEY = PlayedNotify.API_KEY;
    static final String TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    static final String EMAIL_ENDPOINT = "/v2/notifications/email";
    static final WireMockServer NOTIFY = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        // Stopped with the test JVM: every class extending this one shares the context that calls it.
        NOTIFY.start();
    }

    @DynamicPropertySource
    static void sendThroughNotify(DynamicPropertyRegistry registry) {
        registry.add("townhall.notify.api-key", () -> API_KEY);
        registry.add("townhall.notify.base-url", NOTIFY::baseUrl);
        for (NotificationTemplate template : NotificationTemplate.values()) {
            registry.add("townhall.notify.templates." + template.name(), () -> TEMPLATE_ID);
        }
    }

    @LocalServerPort int port;
    @Autowired OutboxStore store;
    @Autowired OutboxDelivery delivery;
    @Autowired TransactionTemplate transactions;
    @Autowired AuditTrail audit;
    @Autowired MeterRegistry meters;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows auditRows;
    @Autowired AccountFixtures accounts;

    @BeforeEach
    void notifyIsUnreachable() {
        NOTIFY.resetAll();
        NOTIFY.stubFor(post(EMAIL_ENDPOINT).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // Messages other test classes left behind are not this test's business: never due here.
        jdbc.sql("update notification_outbox set next_attempt_at = '3000-01-01' where status = 'PENDING'").update();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Another Townhall instance: its own GOV.UK Notify client (and pause), the same database. */
    OutboxDelivery anInstance() {
        GovukNotifyChannel channel = new GovukNotifyChannel(API_KEY, NOTIFY.baseUrl(),
                Map.of(NotificationTemplate.VERIFY_EMAIL.name(), TEMPLATE_ID), Duration.ofSeconds(10), clock);
        return new OutboxDelivery(store, channel, transactions, audit, clock, meters);
    }

    String queued() {
        String reference = "N-" + PublicReferences.next();
        store.add(reference, NotificationTemplate.VERIFY_EMAIL, AccountFixtures.uniqueEmail("outage"),
                Map.of("name", "Ann", "link", "https://eastbridge.example/confirm-email?token=one-time-secret"));
        return reference;
    }

    OutboxMessage message(String reference) {
        return store.find(reference).orElseThrow();
    }

    int callsFor(String reference) {
        return NOTIFY.findAll(postRequestedFor(urlEqualTo(EMAIL_ENDPOINT))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(reference)))).size();
    }

    void moveClockTo(Instant moment) {
        Duration ahead = Duration.between(clock.instant(), moment);
        if (!ahead.isNegative()) {
            clock.advance(ahead.plusMillis(1));
        }
    }

    void notifyAnswers() {
        NOTIFY.stubFor(post(EMAIL_ENDPOINT).willReturn(aResponse().withStatus(201).withFixedDelay(50)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"740e5834-3a29-46b4-9a6f-16142fde533a\"}")));
    }

}
