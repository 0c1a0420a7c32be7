package org.townhall.notifications.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.Visitor;

/**
 * GOV.UK Notify unreachable (played by WireMock), as during an outage: messages are tried again on
 * their own schedule for 72 hours, only real attempts count, two instances never both try one
 * message, and a message given up on is logged, audited, counted and shown to administrators,
 * who can send it again. Townhall here sends through Notify, as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClock.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
class OutboxRetryTest {

    private static final String API_KEY = "townhall_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static final String TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    private static final String EMAIL_ENDPOINT = "/v2/notifications/email";
    private static final WireMockServer NOTIFY = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
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

    @AfterAll
    static void stopNotify() {
        NOTIFY.stop();
    }

    /** Another Townhall instance: its own GOV.UK Notify client (and pause), the same database. */
    private OutboxDelivery anInstance() {
        GovukNotifyChannel channel = new GovukNotifyChannel(API_KEY, NOTIFY.baseUrl(),
                Map.of(NotificationTemplate.VERIFY_EMAIL.name(), TEMPLATE_ID), Duration.ofSeconds(2), clock);
        return new OutboxDelivery(store, channel, transactions, audit, clock, meters);
    }

    private String queued() {
        String reference = "N-" + PublicReferences.next();
        store.add(reference, NotificationTemplate.VERIFY_EMAIL, AccountFixtures.uniqueEmail("outage"),
                Map.of("name", "Ann", "link", "https://eastbridge.example/confirm-email?token=one-time-secret"));
        return reference;
    }

    private OutboxMessage message(String reference) {
        return store.find(reference).orElseThrow();
    }

    private int callsFor(String reference) {
        return NOTIFY.findAll(postRequestedFor(urlEqualTo(EMAIL_ENDPOINT))
                .withRequestBody(matchingJsonPath("$.reference", equalTo(reference)))).size();
    }

    private void moveClockTo(Instant moment) {
        Duration ahead = Duration.between(clock.instant(), moment);
        if (!ahead.isNegative()) {
            clock.advance(ahead.plusMillis(1));
        }
    }

    private void notifyAnswers() {
        NOTIFY.stubFor(post(EMAIL_ENDPOINT).willReturn(aResponse().withStatus(201).withFixedDelay(50)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"740e5834-3a29-46b4-9a6f-16142fde533a\"}")));
    }

    @Test
    void aMessageSkippedWhileNotifyIsPausedIsNotCountedAsAnAttempt() {
        OutboxDelivery instance = anInstance();
        List<String> references = new ArrayList<>();
        for (int i = 0; i <= GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE; i++) {
            references.add(queued());
        }
        String skipped = references.get(GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE);

        instance.sweep();

        references.subList(0, GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE)
                .forEach(tried -> assertThat(message(tried).attempts()).as(tried).isEqualTo(1));
        assertThat(callsFor(skipped)).isZero();
        OutboxMessage waiting = message(skipped);
        assertThat(waiting.attempts()).as("a paused provider was not tried").isZero();
        assertThat(waiting.status()).isEqualTo("PENDING");
        assertThat(waiting.nextAttemptAt()).as("due again when the pause ends")
                .isBetween(clock.instant(), clock.instant().plus(GovukNotifyChannel.PAUSE));

        moveClockTo(waiting.nextAttemptAt());
        instance.sweep();
        assertThat(message(skipped).attempts()).isEqualTo(1);
        assertThat(callsFor(skipped)).isEqualTo(1);
    }

    @Test
    void aFailedMessageIsTriedAgainAfterGapsDoublingFromAMinuteToAnHour() {
        OutboxDelivery instance = anInstance();
        String reference = queued();
        List<Long> gaps = new ArrayList<>();
        instance.sweep();
        for (int attempt = 1; attempt <= 9; attempt++) {
            OutboxMessage failed = message(reference);
            assertThat(failed.attempts()).isEqualTo(attempt);
            gaps.add(Duration.between(failed.lastAttemptAt(), failed.nextAttemptAt()).toMinutes());
            clock.advance(Duration.ofSeconds(30));
            instance.sweep();
            assertThat(message(reference).attempts()).as("not due yet").isEqualTo(attempt);
            moveClockTo(failed.nextAttemptAt());
            instance.sweep();
        }
        assertThat(gaps).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(callsFor(reference)).isEqualTo(10);
    }

    @Test
    void aMessageIsStillTriedAfter71HoursAndGivenUpVisiblyAfter72(CapturedOutput output) {
        OutboxDelivery instance = anInstance();
        String reference = queued();
        OutboxMessage queued = message(reference);
        double givenUpBefore = meters.counter("townhall.notifications.given.up").count();
        long auditBefore = auditRows.lastId();
        instance.sweep();
        while (message(reference).nextAttemptAt() != null
                && message(reference).nextAttemptAt().isBefore(queued.createdAt().plus(Duration.ofHours(71)))) {
            moveClockTo(message(reference).nextAttemptAt());
            instance.sweep();
        }
        moveClockTo(message(reference).nextAttemptAt());
        instance.sweep();
        OutboxMessage at71Hours = message(reference);
        assertThat(at71Hours.lastAttemptAt()).isAfter(queued.createdAt().plus(Duration.ofHours(71)));
        assertThat(at71Hours.status()).isEqualTo("PENDING");
        assertThat(at71Hours.attempts()).as("real attempts only").isEqualTo(callsFor(reference));
        assertThat(auditRows.actionsSince(auditBefore)).doesNotContain("NOTIFICATION_GIVEN_UP");

        while (message(reference).status().equals("PENDING")) {
            moveClockTo(message(reference).nextAttemptAt());
            instance.sweep();
        }

        OutboxMessage givenUp = message(reference);
        assertThat(givenUp.status()).isEqualTo("FAILED");
        assertThat(givenUp.givenUpAt()).isAfterOrEqualTo(queued.createdAt().plus(Duration.ofHours(72)));
        assertThat(givenUp.attempts()).isEqualTo(callsFor(reference)).isGreaterThan(70);
        assertThat(givenUp.lastError()).contains(reference).contains("did not answer");
        assertThat(auditRows.detailsSince(auditBefore, "NOTIFICATION_GIVEN_UP")).singleElement().asString()
                .startsWith(reference).contains("VERIFY_EMAIL").doesNotContain(queued.recipient());
        assertThat(meters.counter("townhall.notifications.given.up").count()).isEqualTo(givenUpBefore + 1);
        assertThat(output.getOut()).containsPattern("ERROR .*Gave up delivering " + reference)
                .doesNotContain(queued.recipient()).doesNotContain("one-time-secret");
    }

    @Test
    void twoInstancesSweepingAtOnceNeverTryOneMessageTwice() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            references.add(queued());
        }
        OutboxDelivery first = anInstance();
        OutboxDelivery second = anInstance();

        sweepTogether(first, second);
        sweepTogether(first, second);

        references.forEach(reference -> {
            assertThat(callsFor(reference)).as(reference).isEqualTo(1);
            assertThat(message(reference).attempts()).as("one attempt counted, not one per instance").isEqualTo(1);
        });

        notifyAnswers();
        references.forEach(reference -> moveClockTo(message(reference).nextAttemptAt()));
        references.add(queued());
        sweepTogether(first, second);
        references.forEach(reference -> {
            assertThat(message(reference).status()).as(reference).isEqualTo("SENT");
            assertThat(callsFor(reference)).as(reference).isEqualTo(reference.equals(references.get(4)) ? 1 : 2);
        });
    }

    private static void sweepTogether(OutboxDelivery first, OutboxDelivery second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> awaitThen(start, first::sweep));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> awaitThen(start, second::sweep));
        start.countDown();
        CompletableFuture.allOf(one, two).get();
    }

    private static void awaitThen(CountDownLatch start, Runnable sweep) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sweep.run();
    }

    private String givenUpOn() {
        clock.advance(RetrySchedule.KEEP_TRYING.plusHours(1).negated());
        String reference = queued();
        clock.reset();
        anInstance().deliver(reference);
        assertThat(message(reference).status()).isEqualTo("FAILED");
        return reference;
    }

    @Test
    void administratorsSeeWhatWasNotDeliveredWithoutItsContentAndCanSendItAgain() {
        String reference = givenUpOn();
        OutboxMessage failed = message(reference);
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());

        String page = admin.get("/staff/outbox").body();
        assertThat(page).contains(reference).contains("Given up").contains("Send again").contains("did not answer")
                .contains(OutboxMessage.mask(failed.recipient()));
        assertThat(page).as("no content where messages reach residents")
                .doesNotContain(failed.recipient()).doesNotContain("one-time-secret").doesNotContain("Latest messages");

        notifyAnswers();
        long before = auditRows.lastId();
        Visitor.Page sent = admin.post("/staff/outbox/" + reference + "/send-again");
        assertThat(sent.location()).endsWith("/staff/outbox?sentAgain");
        assertThat(auditRows.detailsSince(before, "NOTIFICATION_SENT_AGAIN")).singleElement().asString().startsWith(reference);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> message(reference).status().equals("SENT"));
        assertThat(message(reference).attempts()).isEqualTo(1);
        assertThat(admin.get("/staff/outbox").body()).doesNotContain(reference);
    }

    @Test
    void onlyAMessageGivenUpOnCanBeSentAgainAndAMistakeChangesNothing() {
        String waiting = queued();
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        for (String reference : List.of(waiting, "N-no-such-message", "x".repeat(500))) {
            admin.get("/staff/outbox");
            long before = auditRows.lastId();
            Visitor.Page refused = admin.post("/staff/outbox/" + reference + "/send-again");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("There is a problem").contains("Only a message Townhall has stopped trying");
            assertThat(auditRows.actionsSince(before)).contains("NOTIFICATION_SENT_AGAIN");
        }
        assertThat(message(waiting).status()).isEqualTo("PENDING");
        assertThat(message(waiting).attempts()).isZero();
    }

    @Test
    void nobodyButAnAdministratorCanSendAMessageAgainAndEachRefusalIsAudited() {
        String reference = givenUpOn();
        String path = "/staff/outbox/" + reference + "/send-again";

        Visitor anonymous = new Visitor(port);
        anonymous.get("/staff/sign-in");
        long before = auditRows.lastId();
        assertThat(anonymous.post(path).location()).endsWith("/staff/sign-in");
        assertThat(auditRows.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        before = auditRows.lastId();
        assertThat(resident.post(path).status()).isIn(302, 403);
        assertThat(auditRows.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor finance = new Visitor(port);
        SignIns.asStaff(finance, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        finance.get("/staff");
        before = auditRows.lastId();
        assertThat(finance.get("/staff/outbox").status()).isEqualTo(403);
        assertThat(finance.post(path).status()).isEqualTo(403);
        assertThat(auditRows.actionsSince(before)).filteredOn("ACCESS_DENIED"::equals).hasSize(2);

        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        before = auditRows.lastId();
        assertThat(admin.postRaw(path, Map.of()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(auditRows.detailsSince(before, "ACCESS_DENIED")).singleElement().asString().contains("csrf");

        assertThat(message(reference).status()).isEqualTo("FAILED");
        assertThat(callsFor(reference)).isEqualTo(1);
    }
}
