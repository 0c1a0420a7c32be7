package org.townhall.platform;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random public references for anything a URL or a session names: 160 bits, URL-safe, never
 * sequential, so editing a URL finds nothing (house rule 8).
 */
public final class PublicReferences {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PublicReferences() {
    }

    public static String next() {
        return token(20);
    }

    /** A bearer token such as an emailed link or a device cookie: 256 bits, URL-safe. */
    public static String secretToken() {
        return token(32);
    }

    private static String token(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
