package org.townhall.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs the cookie that marks a browser a resident has signed in from, so the shield can tell such
 * a browser from a script with an HMAC check alone (no database) and let its sign-in through as
 * normal traffic while credential stuffing is being shed. The token inside is still checked
 * against the resident's devices at sign-in.
 */
@Component
public class KnownBrowsers {

    private final byte[] key;

    KnownBrowsers(SecretKeys keys) {
        this.key = hmac(keys.fieldKey(), "townhall known-browser cookie v1".getBytes(StandardCharsets.UTF_8));
    }

    /** The cookie value for a device token. */
    public String sign(String token) {
        return token + "." + signature(token);
    }

    /** The device token in a cookie value, if its signature is ours. */
    public Optional<String> verify(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > 200) {
            return Optional.empty();
        }
        int dot = cookieValue.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String token = cookieValue.substring(0, dot);
        byte[] expected = signature(token).getBytes(StandardCharsets.US_ASCII);
        byte[] given = cookieValue.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(token) : Optional.empty();
    }

    private String signature(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, token.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
