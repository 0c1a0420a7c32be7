package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.townhall.support.TownhallTest;

/** Residents can still read what is wrong when Townhall and its database are both gone. */
@TownhallTest
class StaticStatusPageTest {

    @Autowired ServiceSwitches switches;
    @Value("${townhall.continuity.static-status-dir}") Path directory;

    @AfterEach
    void backOn() {
        switches.switchTo(ResidentService.RENT_PAYMENTS, ServiceState.ON, null, "test");
    }

    private String page() throws Exception {
        return Files.readString(directory.resolve("index.html"));
    }

    @Test
    void switchingAServiceOffRewritesTheStaticPageWithTheMessageResidentsSee() throws Exception {
        switches.switchTo(ResidentService.RENT_PAYMENTS, ServiceState.OFF, "Rent payments are down. Pay by phone on 0300 000 0000.", "test");

        assertThat(page()).contains("Paying rent").contains("Unavailable")
                .contains("Rent payments are down. Pay by phone on 0300 000 0000.");
    }

    @Test
    void switchingItBackOnSaysItWorksAgain() throws Exception {
        switches.switchTo(ResidentService.RENT_PAYMENTS, ServiceState.OFF, "Down", "test");
        switches.switchTo(ResidentService.RENT_PAYMENTS, ServiceState.ON, null, "test");

        assertThat(page()).contains("Paying rent</th><td>Working normally");
    }

    @Test
    void aMessageCannotInjectMarkupIntoThePage() throws Exception {
        switches.switchTo(ResidentService.RENT_PAYMENTS, ServiceState.OFF, "<script>alert(1)</script>", "test");

        assertThat(page()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void thePageNeedsNothingButItself() throws Exception {
        assertThat(page()).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
    }
}
