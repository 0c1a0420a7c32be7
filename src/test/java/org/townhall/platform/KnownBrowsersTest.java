package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.support.TownhallTest;

/** The known-browser cookie is ours only if its signature checks out; a forged or edited one is nothing. */
@TownhallTest
class KnownBrowsersTest {

    @Autowired KnownBrowsers knownBrowsers;

    @Test
    void aSignedTokenVerifiesAndAnythingElseDoesNot() {
        String cookie = knownBrowsers.sign("device-token-123");
        assertThat(knownBrowsers.verify(cookie)).contains("device-token-123");
        assertThat(knownBrowsers.verify("device-token-124" + cookie.substring(cookie.indexOf('.')))).isEmpty();
        assertThat(knownBrowsers.verify(cookie + "x")).isEmpty();
        assertThat(knownBrowsers.verify("device-token-123")).isEmpty();
        assertThat(knownBrowsers.verify("device-token-123.forged")).isEmpty();
        assertThat(knownBrowsers.verify(null)).isEmpty();
        assertThat(knownBrowsers.verify("x".repeat(500))).isEmpty();
    }
}
