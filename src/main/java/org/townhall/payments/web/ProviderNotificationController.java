package org.townhall.payments.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.townhall.payments.Payments;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GOV.UK Pay's webhook. A message is believed only if its Pay-Signature header is the HMAC-SHA256
 * of the exact body under the webhook signing secret; even then it is only a prompt: the payment's
 * state is asked of GOV.UK Pay, never taken from the message. A replayed message changes nothing.
 */
@RestController
class ProviderNotificationController {

    /** GOV.UK Pay webhook bodies are small; anything bigger is not one. */
    static final int MAX_BODY = 64 * 1024;
    static final String PATH = "/payments/provider-notifications";

    private final Payments notifications;
    private final byte[] secret;
    private final JsonMapper json = JsonMapper.builder().build();

    ProviderNotificationController(Payments notifications, @Value("${townhall.pay.webhook-secret:}") String secret) {
        this.notifications = notifications;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(PATH)
    ResponseEntity<Void> receive(HttpServletRequest request,
                                 @RequestHeader(value = "Pay-Signature", required = false) String signature) throws IOException {
        // Anyone may post here, before any signature is checked: a body is read no further than a
        // notification can be, and one declared or found longer is refused unread, so a stranger's
        // gigabytes never reach the heap (the incident API's bodies are bounded the same way).
        if (request.getContentLengthLong() > MAX_BODY) {
            notifications.notificationRefused("body too large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            notifications.notificationRefused("body too large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        if (body.length == 0 || secret.length == 0 || signature == null || !signedBy(body, signature)) {
            notifications.notificationRefused("bad or missing signature");
            return ResponseEntity.status(401).build();
        }
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (JacksonException e) {
            notifications.notificationRefused("not JSON");
            return ResponseEntity.badRequest().build();
        }
        String messageId = message.path("webhook_message_id").asString("");
        String paymentId = message.path("resource_id").asString("");
        if (messageId.isEmpty() || messageId.length() > 100 || paymentId.isEmpty() || paymentId.length() > 64) {
            notifications.notificationRefused("not a payment notification");
            return ResponseEntity.badRequest().build();
        }
        notifications.notified(messageId, paymentId);
        return ResponseEntity.ok().build();
    }

    private boolean signedBy(byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
