package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class AuditSearchTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditTrail trail;
    @Autowired AuditRows audit;
    Visitor analyst;

    @BeforeEach
    void signInAsAnalyst() {
        fixtures.clearSignInThrottles();
        analyst = new Visitor(port);
        SignIns.asStaff(analyst, fixtures.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anAnalystFindsWhatHappenedToAResidentByTheirEmailAndTheSearchIsItselfAudited() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor someone = new Visitor(port);
        someone.get("/sign-in");
        someone.post("/sign-in", "email", resident.email(), "password", "a wrong guess");
        long before = audit.lastId();

        Visitor.Page page = analyst.get("/staff/audit?subject=" + q(resident.email()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("SIGN_IN_FAILED").contains(resident.ref());
        assertThat(audit.actionsSince(before)).containsExactly("AUDIT_SEARCHED");
    }

    @Test
    void actionsAreNamedInWordsInTheChoiceAndTheResultsWithTheirCodesBeside() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor someone = new Visitor(port);
        someone.get("/sign-in");
        someone.post("/sign-in", "email", resident.email(), "password", "a wrong guess");

        String page = analyst.get("/staff/audit?subject=" + q(resident.email())).body();
        assertThat(page).contains(">" + AuditAction.EVIDENCE_VIEWED.description() + "</option>")
                .doesNotContain(">EVIDENCE_VIEWED</option>")
                .contains(AuditAction.SIGN_IN_FAILED.description());
    }

    @Test
    void everyFormThatPostsCarriesItsCsrfTokenSoItWorksFromABrowser() {
        String page = analyst.get("/staff/audit").body();
        assertThat(page).containsPattern("<form method=\"post\" action=\"/staff/audit/verify\"><input type=\"hidden\" name=\"_csrf\"");
    }

    @Test
    void searchesByClientRangeAndExportsCsvWithFormulasDefused() {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous())
                .because("=HYPERLINK(\"http://evil\")"), new ClientOrigin("198.51.100.23", "r", null));
        Visitor.Page found = analyst.get("/staff/audit?clientAddress=" + q("198.51.100.0/24"));
        assertThat(found.body()).contains("198.51.100.23");

        long before = audit.lastId();
        Visitor.Page csv = analyst.get("/staff/audit/export.csv?clientAddress=" + q("198.51.100.0/24"));
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        assertThat(csv.body()).startsWith("id,occurred_at,action").contains("198.51.100.23")
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(audit.actionsSince(before)).containsExactly("AUDIT_EXPORTED");
    }

    @Test
    void aMalformedAddressOrRangeGetsAClearErrorNotAnSqlError() {
        Visitor.Page page = analyst.get("/staff/audit?clientAddress=" + q("999.1.1.1/99"));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("govuk-error-summary").contains("Client address must be an IP address or range")
                .doesNotContain("SQL").doesNotContain("Exception");
        assertThat(analyst.get("/staff/audit/export.csv?clientAddress=" + q("'; drop table audit_event; --")).status())
                .isEqualTo(400);
    }

    @Test
    void aDateThatCannotBeReadGetsTheErrorSummaryNotAnError() {
        for (String path : new String[] {"/staff/audit", "/staff/audit/blast-radius"}) {
            Visitor.Page page = analyst.get(path + "?from=" + q("yesterday-ish"));
            assertThat(page.status()).as(path).isEqualTo(422);
            assertThat(page.body()).contains("govuk-error-summary").doesNotContain("Exception");
        }
        assertThat(analyst.get("/staff/audit/export.csv?from=" + q("yesterday-ish")).status()).isEqualTo(400);
    }

    @Test
    void aYearBeyondWhatTheDatabaseStoresGetsTheErrorSummaryNotAServerError() {
        for (String when : new String[] {"+999999999-12-31T23:59", "-4714-01-01T00:00", "+300000-01-01T00:00"}) {
            for (String field : new String[] {"from", "to"}) {
                for (String path : new String[] {"/staff/audit", "/staff/audit/blast-radius"}) {
                    Visitor.Page page = analyst.get(path + "?" + field + "=" + q(when));
                    assertThat(page.status()).as(path + " " + field + "=" + when).isEqualTo(422);
                    assertThat(page.body()).contains("Enter dates between 1 January 2000 and 31 December 2199");
                }
                assertThat(analyst.get("/staff/audit/export.csv?" + field + "=" + q(when)).status()).isEqualTo(400);
                assertThat(analyst.get("/staff/audit/blast-radius/export.csv?" + field + "=" + q(when)).status())
                        .isEqualTo(400);
            }
        }
    }

    @Test
    void theVerifyButtonWalksTheChainAndRecordsThatItDid() {
        analyst.get("/staff/audit");
        long before = audit.lastId();
        Visitor.Page page = analyst.post("/staff/audit/verify", java.util.Map.of());
        assertThat(page.body()).containsAnyOf("Chain intact", "Chain broken").contains("rows checked");
        assertThat(audit.actionsSince(before)).containsExactly("AUDIT_VERIFIED");
    }
}
