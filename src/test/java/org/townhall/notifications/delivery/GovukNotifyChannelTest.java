package org.townhall.notifications.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.support.TestClock;

/** GOV.UK Notify is another organisation's API, so it is the one thing here played by WireMock. */
class GovukNotifyChannelTest {

    private static final String TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    @RegisterExtension final PlayedNotify notify = new PlayedNotify();
    private GovukNotifyChannel channel;

    @BeforeEach
    void aChannel() {
        channel = notify.channel(NotificationTemplate.RESET_PASSWORD, TEMPLATE_ID);
    }

    @Test
    void sendsAnEmailInNotifysShapeWithASignedToken() throws Exception {
        notify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": "N-abc",
                         "content": {"subject": "Reset your password", "body": "Dear Ann", "from_email": "noreply@eastbridge.example"},
                         "uri": "https://api.notifications.service.gov.uk/v2/notifications/740e5834-3a29-46b4-9a6f-16142fde533a",
                         "template": {"id": "%s", "version": 1, "uri": "https://api.notifications.service.gov.uk/v2/template/%s"}}
                        """.formatted(TEMPLATE_ID, TEMPLATE_ID))));

        String id = channel.sendEmail("N-abc", NotificationTemplate.RESET_PASSWORD, "ann@example.com",
                Map.of("name", "Ann", "link", "https://eastbridge.example/reset-password?token=t"));

        assertThat(id).isEqualTo("740e5834-3a29-46b4-9a6f-16142fde533a");
        notify.verify(postRequestedFor(urlEqualTo("/v2/notifications/email"))
                .withHeader("Authorization", matching("Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .withRequestBody(equalToJson("""
                        {"template_id": "%s", "email_address": "ann@example.com", "reference": "N-abc",
                         "personalisation": {"name": "Ann", "link": "https://eastbridge.example/reset-password?token=t"}}
                        """.formatted(TEMPLATE_ID), true, true)));
    }

    @Test
    void theTokenIsSignedWithTheKeysSecretAndNamesTheServiceAndTheMoment() throws Exception {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        GovukNotifyChannel signing = new GovukNotifyChannel(PlayedNotify.API_KEY, notify.baseUrl(), Map.of(), Duration.ofSeconds(1),
                Clock.fixed(now, ZoneOffset.UTC));
        String[] parts = signing.token().split("\\.");
        Base64.Decoder base64 = Base64.getUrlDecoder();
        assertThat(new String(base64.decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        assertThat(new String(base64.decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"iss\":\"" + PlayedNotify.SERVICE_ID + "\",\"iat\":" + now.getEpochSecond() + "}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PlayedNotify.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(base64.decode(parts[2])).isEqualTo(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aNotifyThatAnswersTooLateIsAFailedDeliveryNotAWait() {
        notify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(201).withFixedDelay(5_000)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"740e5834-3a29-46b4-9a6f-16142fde533a\"}")));
        GovukNotifyChannel impatient = new GovukNotifyChannel(PlayedNotify.API_KEY, notify.baseUrl(), Map.of("RESET_PASSWORD", TEMPLATE_ID),
                Duration.ofMillis(500), Clock.systemUTC());
        assertThatThrownBy(() -> impatient.sendEmail("N-late", NotificationTemplate.RESET_PASSWORD, "ann@example.com", Map.of()))
                .isInstanceOf(NotificationChannel.DeliveryFailed.class)
                .hasMessageContaining("N-late").hasMessageNotContaining("ann@example.com");
    }

    @Test
    void afterFiveUnansweredCallsInARowNotifyIsLeftAloneForAPause() throws Exception {
        TestClock clock = new TestClock();
        GovukNotifyChannel pausing = new GovukNotifyChannel(PlayedNotify.API_KEY, notify.baseUrl(), Map.of("RESET_PASSWORD", TEMPLATE_ID),
                Duration.ofSeconds(10), clock);
        notify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE; i++) {
            assertThatThrownBy(() -> pausing.sendEmail("N-down", NotificationTemplate.RESET_PASSWORD, "ann@example.com", Map.of()))
                    .isInstanceOf(NotificationChannel.DeliveryFailed.class);
        }
        assertThatThrownBy(() -> pausing.sendEmail("N-waits", NotificationTemplate.RESET_PASSWORD, "ann@example.com", Map.of()))
                .as("not an attempt").isInstanceOf(NotificationChannel.NotAttempted.class)
                .hasMessageContaining("paused").hasMessageContaining("N-waits")
                .satisfies(e -> assertThat(((NotificationChannel.NotAttempted) e).until())
                        .as("when to try again").isAfter(clock.instant()));
        assertThat(notify.getAllServeEvents()).hasSize(GovukNotifyChannel.UNANSWERED_BEFORE_PAUSE);

        clock.advance(GovukNotifyChannel.PAUSE.plusSeconds(1));
        notify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"740e5834-3a29-46b4-9a6f-16142fde533a\"}")));
        assertThat(pausing.sendEmail("N-later", NotificationTemplate.RESET_PASSWORD, "ann@example.com", Map.of()))
                .isEqualTo("740e5834-3a29-46b4-9a6f-16142fde533a");
    }

    @Test
    void somethingThatIsNotANotifyKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new GovukNotifyChannel("key", notify.baseUrl(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TOWNHALL_NOTIFY_API_KEY");
    }

    @Test
    void aRefusalFromNotifyIsAFailedDeliveryThatNamesNoRecipient() {
        notify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}]}
                        """)));
        assertThatThrownBy(() -> channel.sendEmail("N-def", NotificationTemplate.RESET_PASSWORD, "ann@example.com", Map.of()))
                .isInstanceOf(NotificationChannel.DeliveryFailed.class)
                .hasMessageContaining("N-def").hasMessageContaining("400").hasMessageNotContaining("ann@example.com");
    }

    @Test
    void aTemplateWithNoNotifyIdIsNotSent() {
        assertThatThrownBy(() -> channel.sendEmail("N-ghi", NotificationTemplate.VERIFY_EMAIL, "ann@example.com", Map.of()))
                .isInstanceOf(NotificationChannel.DeliveryFailed.class);
        assertThat(notify.getAllServeEvents()).isEmpty();
    }

    @Test
    void templateIdsFromEnvironmentVariablesAreFoundByName() {
        assertThat(ChannelConfiguration.byTemplateName(Map.of("verify.email", "a", "PARKING_LETTER", "b", "unknown", "c")))
                .containsEntry("VERIFY_EMAIL", "a").containsEntry("PARKING_LETTER", "b").hasSize(2);
    }

    @Test
    void theDefaultChannelLogsAMaskedAddressOnly() {
        assertThat(LogChannel.mask("ann.smith@example.com")).isEqualTo("a***@example.com");
    }
}
