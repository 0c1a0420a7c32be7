package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/** The beta banner's feedback link and the footer's help pages, followed in a real browser, each checked with axe-core. */
@TownhallTest
class HelpPagesBrowserTest {

    @LocalServerPort int port;
    Browser browser;

    @BeforeEach
    void open() {
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void theBetaBannerSitsInTheHeaderLandmarkAndItsFeedbackLinkLeadsToTheFeedbackPage() {
        browser.open("/").assertAccessible();
        assertThat(browser.evaluate("return document.querySelector('.govuk-phase-banner').closest('header') !== null;"))
                .as("the phase banner is inside the header landmark").isEqualTo(true);
        browser.click("give your feedback");
        assertThat(browser.heading()).isEqualTo("Give feedback on this service");
        assertThat(browser.linkTo("online.feedback@")).startsWith("mailto:online.feedback@eastbridge.example");
        browser.assertAccessible();
    }

    @Test
    void everyFooterLinkLeadsToAnAccessiblePage() {
        for (List<String> link : List.of(List.of("Accessibility statement", "Accessibility statement for Eastbridge online services"),
                List.of("Privacy", "Privacy notice for Eastbridge online services"), List.of("Cookies", "Cookies"),
                List.of("Contact the council", "Contact the council"))) {
            browser.open("/status");
            browser.click(link.get(0));
            assertThat(browser.heading()).isEqualTo(link.get(1));
            browser.assertAccessible();
        }
    }
}
