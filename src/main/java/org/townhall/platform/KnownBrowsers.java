package org.townhall.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs the cookie that marks a browser a resident has signed in from, bound to that resident's
 * account, so the shield can tell the owner coming back from credential stuffing with HMACs alone
 * (no database) and let only that account's sign-in through ahead of bulk traffic (ADR 0011).
 *
 * <p>The cookie is {@code 2.TOKEN.ISSUED.ACCOUNT.SIGNATURE}: the device token (checked against
 * the resident's devices at sign-in), when it was issued (epoch seconds; a year later it is no
 * longer believed), a keyed hash of the account's normalised email address, and an HMAC over the
 * rest. A sign-in is the known browser's only when the keyed hash of the email being signed in
 * to equals the one in the cookie: a cookie copied from one resident's browser lifts nothing for
 * any other account. The hash is keyed, so the cookie does not say whose it is.
 */
@Component
public class KnownBrowsers {

    /** How long a known-browser cookie is believed after it was issued; every sign-in issues a fresh one. */
    public static final Duration LIFETIME = Duration.ofDays(365);
    private static final String VERSION = "2";
    /** 128 bits of the account hash: enough that no other address shares it by chance. */
    private static final int ACCOUNT_HASH_BYTES = 16;
    private static final int LONGEST_COOKIE = 200;

    private final byte[] signingKey;
    private final byte[] accountKey;
    /** Cookies issued before they were bound to an account (token.SIGNATURE); see {@link #tokenFor}. */
    private final byte[] unboundKey;
    private final Clock clock;

    KnownBrowsers(SecretKeys keys, Clock clock) {
        this.signingKey = hmac(keys.fieldKey(), bytes("townhall known-browser cookie v2"));
        this.accountKey = hmac(keys.fieldKey(), bytes("townhall known-browser account v2"));
        this.unboundKey = hmac(keys.fieldKey(), bytes("townhall known-browser cookie v1"));
        this.clock = clock;
    }

    /** The cookie value for a device token of the account with this email address, issued now. */
    public String sign(String token, String email) {
        if (token == null || token.isEmpty() || token.indexOf('.') >= 0) {
            throw new IllegalArgumentException("A device token is URL-safe base64, without dots");
        }
        String signed = VERSION + "." + token + "." + clock.instant().getEpochSecond() + "." + accountHash(email);
        return signed + "." + base64(hmac(signingKey, bytes(signed)));
    }

    /**
     * Whether the cookie is ours, unexpired and given for the account with this email address: the
     * shield's question about a sign-in, answered without the database.
     */
    public boolean vouchesFor(String cookieValue, String email) {
        return bound(cookieValue).filter(parts -> MessageDigest.isEqual(bytes(parts[3]), bytes(accountHash(email)))).isPresent();
    }

    /** Whether the cookie is ours and unexpired, whichever account it was given for (the sign-in page itself). */
    public boolean isGenuine(String cookieValue) {
        return bound(cookieValue).isPresent();
    }

    /**
     * The device token in the cookie, if the cookie vouches for this email address. A cookie from
     * before cookies were bound to an account still gives its token here, so its resident keeps
     * their known browser: the sign-in checks the token against that resident's own devices,
     * which binds it as firmly. The shield never believes such a cookie ({@link #vouchesFor}).
     */
    public Optional<String> tokenFor(String cookieValue, String email) {
        if (vouchesFor(cookieValue, email)) {
            return Optional.of(cookieValue.split("\\.")[1]);
        }
        return unbound(cookieValue);
    }

    private Optional<String[]> bound(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > LONGEST_COOKIE || !cookieValue.startsWith(VERSION + ".")) {
            return Optional.empty();
        }
        String[] parts = cookieValue.split("\\.", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        String signed = String.join(".", Arrays.copyOf(parts, 4));
        if (!MessageDigest.isEqual(bytes(base64(hmac(signingKey, bytes(signed)))), bytes(parts[4]))) {
            return Optional.empty();
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return issued.plus(LIFETIME).isAfter(clock.instant()) ? Optional.of(parts) : Optional.empty();
    }

    private Optional<String> unbound(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > LONGEST_COOKIE) {
            return Optional.empty();
        }
        String[] parts = cookieValue.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        boolean ours = MessageDigest.isEqual(bytes(base64(hmac(unboundKey, bytes(parts[0])))), bytes(parts[1]));
        return ours ? Optional.of(parts[0]) : Optional.empty();
    }

    /** A keyed hash of the address as accounts compare them: trimmed and case-folded. */
    private String accountHash(String email) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return base64(Arrays.copyOf(hmac(accountKey, bytes(normalised)), ACCOUNT_HASH_BYTES));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
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
