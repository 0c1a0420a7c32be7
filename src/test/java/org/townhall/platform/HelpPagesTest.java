package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The pages the footer and the beta banner lead to: open to anyone, and saying what the law requires them to say. */
@TownhallTest
class HelpPagesTest {

    private static final List<String> HELP_PAGES = List.of("/help/accessibility-statement", "/help/privacy-notice", "/help/cookies",
            "/help/feedback", "/help/contact");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired CouncilContact contact;

    @Test
    void everyHelpPageOpensForAVisitorWhoIsNotSignedIn() {
        Visitor anonymous = new Visitor(port);
        for (String path : HELP_PAGES) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void everyPagesFooterLinksToTheAccessibilityStatementPrivacyNoticeAndCookiesAndTheBetaBannerToFeedback() {
        String start = new Visitor(port).get("/").body();
        assertThat(start).contains("href=\"/help/accessibility-statement\"", "href=\"/help/privacy-notice\"", "href=\"/help/cookies\"",
                "href=\"/help/feedback\"", "href=\"/help/contact\"");
    }

    @Test
    void theFeedbackLinkLeadsToAnAddressThatExists() {
        String feedback = new Visitor(port).get("/help/feedback").body();
        assertThat(feedback).contains("href=\"mailto:" + contact.feedbackEmail());
        assertThat(contact.feedbackEmail()).as("a council mailbox the mail relay accepts").endsWith("@eastbridge.example");
    }

    @Test
    void theAccessibilityStatementGivesItsComplianceStatusKnownProblemsHowToReportAndTheEnforcementProcedure() {
        String statement = new Visitor(port).get("/help/accessibility-statement").body();
        assertThat(statement).contains("Compliance status", "partially compliant", "Web Content Accessibility Guidelines version 2.2",
                "Non-accessible content", "2.2.1", "Reporting accessibility problems", contact.accessibilityEmail(),
                "Enforcement procedure", "Equality and Human Rights Commission", "Equality Advisory and Support Service",
                "Equality Commission for Northern Ireland", "Preparation of this accessibility statement", "30 minutes");
    }

    @Test
    void theAccessibilityStatementSaysHowEachSignOutIsWarnedOfAndNoLongerAdmitsToNoWarning() {
        String statement = new Visitor(port).get("/help/accessibility-statement").body();
        assertThat(statement).contains("Time limits", "30 minutes without activity", "12 hours after you signed in",
                "tell you the time we will sign you out").doesNotContain("without a warning", "we do not warn you first");
    }

    @Test
    void thePrivacyNoticeSaysWhatArticle13Requires() {
        String notice = new Visitor(port).get("/help/privacy-notice").body();
        assertThat(notice).contains("is the controller", contact.dpoEmail(), "Lawful basis", "art. 6(1)(e)", "Who we share it with",
                "How long we keep it", "2 years after the case closes", "Your rights", "Information Commissioner", "0303 123 1113",
                "automated means");
    }

    @Test
    void theCookiesPageNamesEveryCookieTownhallSetsForASignedInResident() {
        Visitor resident = new Visitor(port);
        accounts.clearSignInThrottles();
        SignIns.asResident(resident, accounts.aResident().build());
        resident.get("/account");
        assertThat(resident.cookieNames()).isNotEmpty();
        String cookies = resident.get("/help/cookies").body();
        for (String name : resident.cookieNames()) {
            assertThat(cookies).as("the cookies page names " + name).contains(">" + name + "<");
        }
        assertThat(cookies).contains("Strictly necessary").doesNotContain("analytics cookies");
    }
}
