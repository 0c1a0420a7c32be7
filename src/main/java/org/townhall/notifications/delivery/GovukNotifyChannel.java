package org.townhall.notifications.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.platform.NotifyApiKey;
import org.townhall.platform.ProviderPause;
import org.townhall.platform.StartRefused;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * GOV.UK Notify's API (POST /v2/notifications/email): each template maps to a Notify template id,
 * personalisation is sent as is, and our outbox reference travels as Notify's reference so the
 * two can be matched. Every request carries a fresh token (HS256, the service id as issuer),
 * and waits at most ten seconds: a Notify that stops answering delays email, never residents
 * (ADR 0006).
 */
class GovukNotifyChannel implements NotificationChannel {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** After this many unanswered calls in a row, Notify is left alone for a pause (ProviderPause). */
    static final int UNANSWERED_BEFORE_PAUSE = 5;
    static final Duration PAUSE = Duration.ofSeconds(30);
    private static final String TOKEN_HEADER = base64Url("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http;
    private final URI emailEndpoint;
    private final String serviceId;
    private final SecretKeySpec secret;
    private final Map<String, String> templateIds;
    private final Duration timeout;
    private final Clock clock;
    private final ProviderPause pause;
    private final JsonMapper json = JsonMapper.builder().build();

    GovukNotifyChannel(String apiKey, String baseUrl, Map<String, String> templateIds) {
        this(apiKey, baseUrl, templateIds, Clock.systemUTC());
    }

    /** With Townhall's clock, so the pause and the retry schedule keep the same time. */
    GovukNotifyChannel(String apiKey, String baseUrl, Map<String, String> templateIds, Clock clock) {
        this(apiKey, baseUrl, templateIds, TIMEOUT, clock);
    }

    GovukNotifyChannel(String apiKey, String baseUrl, Map<String, String> templateIds, Duration timeout, Clock clock) {
        NotifyApiKey key = NotifyApiKey.parse(apiKey).orElseThrow(() -> new StartRefused(
                "TOWNHALL_NOTIFY_API_KEY is not a GOV.UK Notify API key",
                "Set it to the whole key, " + NotifyApiKey.FORMAT + "."));
        this.serviceId = key.serviceId();
        this.secret = new SecretKeySpec(key.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.emailEndpoint = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "v2/notifications/email");
        this.templateIds = Map.copyOf(templateIds);
        this.timeout = timeout;
        this.clock = clock;
        this.pause = new ProviderPause("GOV.UK Notify", UNANSWERED_BEFORE_PAUSE, PAUSE, clock);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                            Map<String, String> personalisation) throws DeliveryFailed, NotAttempted {
        String templateId = templateIds.get(template.name());
        if (templateId == null) {
            throw new DeliveryFailed("No GOV.UK Notify template id configured for " + template, null);
        }
        if (pause.paused()) {
            // Not an attempt: left in the outbox, due again once the pause is over.
            throw new NotAttempted(pause.describe() + "; " + reference + " waits", pause.pausedUntil());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email_address", emailAddress);
        body.put("template_id", templateId);
        body.put("personalisation", personalisation);
        body.put("reference", reference);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(emailEndpoint).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            pause.unanswered();
            // Neither the message nor the exception text can name the recipient: only the reference.
            throw new DeliveryFailed("GOV.UK Notify did not answer for " + reference + " (" + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("Interrupted while sending " + reference, null);
        }
        pause.heard(response.statusCode());
        if (response.statusCode() != 201) {
            // Notify's error text names the problem, never the recipient or the body.
            throw new DeliveryFailed("GOV.UK Notify refused " + reference + " with HTTP " + response.statusCode(), null);
        }
        try {
            String id = json.readTree(response.body()).path("id").asString(null);
            if (id == null) {
                throw new DeliveryFailed("GOV.UK Notify accepted " + reference + " without a notification id", null);
            }
            return id;
        } catch (JacksonException e) {
            throw new DeliveryFailed("GOV.UK Notify accepted " + reference + " with an answer that is not JSON", null);
        }
    }

    /** A token for one request: Notify refuses one issued more than 30 seconds from its clock. */
    String token() {
        String claims = base64Url(("{\"iss\":\"" + serviceId + "\",\"iat\":" + clock.instant().getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signed = TOKEN_HEADER + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return signed + "." + base64Url(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public boolean forgetsDelivered() {
        return true;
    }

    @Override
    public boolean reachesResidents() {
        return true;
    }
}
