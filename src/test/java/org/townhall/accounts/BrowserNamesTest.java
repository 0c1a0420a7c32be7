package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowserNamesTest {

    @Test
    void namesChromeOnWindows() {
        assertThat(BrowserNames.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36")).isEqualTo("Chrome on Windows");
    }

    @Test
    void namesSafariOnIphone() {
        assertThat(BrowserNames.of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.1 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iPhone");
    }

    @Test
    void namesSafariOnAMac() {
        assertThat(BrowserNames.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.1 Safari/605.1.15")).isEqualTo("Safari on Mac");
    }

    @Test
    void namesFirefoxOnLinuxAndChromeOnAndroid() {
        assertThat(BrowserNames.of("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).isEqualTo("Firefox on Linux");
        assertThat(BrowserNames.of("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                + "Mobile Safari/537.36")).isEqualTo("Chrome on Android");
    }

    @Test
    void namesEdgeAsEdgeNotAsTheChromeItIsBuiltOn() {
        assertThat(BrowserNames.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).isEqualTo("Edge on Windows");
    }

    @Test
    void saysSoWhenNothingIsRecognised() {
        assertThat(BrowserNames.of(null)).isEqualTo("Unrecognised browser");
        assertThat(BrowserNames.of("Java-http-client/17")).doesNotContain("Java-http-client/17 on");
        assertThat(BrowserNames.of("x".repeat(100_000))).isEqualTo("Unrecognised browser");
    }
}
