package org.townhall.billing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.townhall.platform.SecretKeys;

/**
 * The activation codes posted to an account's address. Twelve characters of Crockford's base 32
 * (no I, L, O or U, so nothing on the letter is misread) are 60 random bits. Entering codes is
 * limited to 5 wrong ones an hour for each pending link, so in the 30 days a code lasts at most
 * 3,600 can be tried: the chance of guessing it is about 3 in 10^15. Only an HMAC of the code is
 * kept, under a key that is not in the database and bound to the one link it was posted for, so
 * neither a copy of the database nor a code posted for someone else opens the account.
 */
@Component
class ActivationCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    ActivationCodes(SecretKeys keys) {
        // A key of its own, derived from the field key, so these HMACs share nothing with other uses of it.
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(keys.fieldKey(), "HmacSHA256"),
                "townhall billing activation codes v1"), "HmacSHA256");
    }

    /** A fresh code as the letter prints it, in three groups of four: 7KQ2-M9XD-4HTP. */
    static String next() {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as typed, without spaces or hyphens and in capitals, with the letters people type
     * for digits read as the digits (O as 0, I and L as 1); empty if it cannot be a code.
     */
    static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT).replace('O', '0').replace('I', '1').replace('L', '1');
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? Optional.of(code) : Optional.empty();
    }

    /** What is stored for a code posted for this link. */
    byte[] hash(String linkRef, String code) {
        return hmac(key, linkRef + ":" + normalise(code).orElseThrow());
    }

    /** Whether a normalised code is the one posted for this link, compared in constant time. */
    boolean matches(String linkRef, String normalised, byte[] stored) {
        return stored != null && MessageDigest.isEqual(hmac(key, linkRef + ":" + normalised), stored);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
