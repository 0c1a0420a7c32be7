package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/**
 * The known-browser cookie is ours only if its signature checks out, and it vouches only for the
 * account it was given for: a forged, edited, expired or other resident's cookie is nothing.
 */
@TownhallTest
class KnownBrowsersTest {

    @Autowired KnownBrowsers knownBrowsers;
    @Autowired SecretKeys keys;
    @Autowired TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCookieVouchesForTheAccountItWasGivenForAndNoOther() {
        String cookie = knownBrowsers.sign("device-token-123", "amara@example.com");
        assertThat(knownBrowsers.isGenuine(cookie)).isTrue();
        assertThat(knownBrowsers.vouchesFor(cookie, "amara@example.com")).isTrue();
        assertThat(knownBrowsers.vouchesFor(cookie, "  Amara@Example.COM ")).as("compared as accounts compare addresses").isTrue();
        assertThat(knownBrowsers.tokenFor(cookie, "amara@example.com")).contains("device-token-123");

        assertThat(knownBrowsers.vouchesFor(cookie, "ben@example.com")).isFalse();
        assertThat(knownBrowsers.vouchesFor(cookie, null)).isFalse();
        assertThat(knownBrowsers.tokenFor(cookie, "ben@example.com")).isEmpty();
        assertThat(cookie).as("the cookie does not say whose it is").doesNotContain("amara");
    }

    @Test
    void aCookieMovedToAnotherAccountOrEditedIsNothing() {
        String amaras = knownBrowsers.sign("device-token-123", "amara@example.com");
        String bens = knownBrowsers.sign("device-token-456", "ben@example.com");
        String[] a = amaras.split("\\.");
        String[] b = bens.split("\\.");
        String amarasTokenOnBensAccount = String.join(".", a[0], a[1], a[2], b[3], a[4]);
        assertThat(knownBrowsers.vouchesFor(amarasTokenOnBensAccount, "ben@example.com")).isFalse();
        assertThat(knownBrowsers.isGenuine(amarasTokenOnBensAccount)).isFalse();
        assertThat(knownBrowsers.isGenuine(String.join(".", a[0], "device-token-124", a[2], a[3], a[4]))).isFalse();
        assertThat(knownBrowsers.isGenuine(String.join(".", a[0], a[1], Long.toString(Long.parseLong(a[2]) + 1), a[3], a[4])))
                .isFalse();
        assertThat(knownBrowsers.isGenuine(amaras + "x")).isFalse();
        assertThat(knownBrowsers.isGenuine("device-token-123")).isFalse();
        assertThat(knownBrowsers.isGenuine("2.device-token-123.1.x.forged")).isFalse();
        assertThat(knownBrowsers.isGenuine(null)).isFalse();
        assertThat(knownBrowsers.isGenuine("x".repeat(500))).isFalse();
    }

    @Test
    void aCookieIsNotBelievedAYearAfterItWasIssued() {
        String cookie = knownBrowsers.sign("device-token-123", "amara@example.com");
        clock.advance(KnownBrowsers.LIFETIME.minus(Duration.ofMinutes(1)));
        assertThat(knownBrowsers.vouchesFor(cookie, "amara@example.com")).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(knownBrowsers.vouchesFor(cookie, "amara@example.com")).isFalse();
        assertThat(knownBrowsers.tokenFor(cookie, "amara@example.com")).isEmpty();
    }

    @Test
    void aCookieFromBeforeCookiesWereBoundGivesItsTokenToTheSignInButNeverLiftsTheShield() throws Exception {
        byte[] key = hmac(keys.fieldKey(), "townhall known-browser cookie v1");
        String unbound = "device-token-789." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, "device-token-789"));
        assertThat(knownBrowsers.tokenFor(unbound, "amara@example.com")).contains("device-token-789");
        assertThat(knownBrowsers.isGenuine(unbound)).isFalse();
        assertThat(knownBrowsers.vouchesFor(unbound, "amara@example.com")).isFalse();
        assertThat(knownBrowsers.tokenFor("device-token-789.forged", "amara@example.com")).isEmpty();
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
