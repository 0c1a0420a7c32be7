package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The register's pages over real HTTP: who sees what, what bad input gets, what free text becomes. */
@TownhallTest
class IncidentPagesTest {

    private static final Pattern INCIDENT_LINK = Pattern.compile("href=\"/staff/incidents/([A-Za-z0-9_-]{20,})\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired IncidentRegister register;
    @Autowired AuditRows audit;
    Visitor analyst;

    @BeforeEach
    void signIn() {
        accounts.clearSignInThrottles();
        analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
    }

    @Test
    void aParkingOfficerReportsAnAccidentAndSeesItsReferenceButNotTheRegister() {
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());
        officer.get("/staff/incidents/report");
        Visitor.Page reported = officer.post("/staff/incidents/report", "kind", "MISDIRECTED_DATA",
                "title", "Rejection letter emailed to the wrong appellant", "description", "Sent case 41's letter to case 14's appellant.");
        assertThat(reported.location()).contains("/staff/incidents/reported?reference=INC-");
        assertThat(officer.get(reported.location().substring(reported.location().indexOf("/staff"))).body()).contains("INC-");
        long before = audit.lastId();
        assertThat(officer.get("/staff/incidents").status()).isEqualTo(403);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        assertThat(analyst.get("/staff/incidents").body()).contains("Rejection letter emailed to the wrong appellant");
    }

    @Test
    void aReportMissingItsKindIsShownAgainWithWhatWasTyped() {
        analyst.get("/staff/incidents/report");
        Visitor.Page page = analyst.post("/staff/incidents/report", "title", "Laptop left on the bus", "description", "Route 25");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("Choose what kind of incident it is").contains("Laptop left on the bus").contains("href=\"#kind\"");
    }

    @Test
    void aResidentNeverSeesTheRegister() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        String ref = register.report(new IncidentRegister.Report("t", "d", IncidentKind.OTHER), "staff-x").ref();
        long before = audit.lastId();
        for (String path : new String[] {"/staff/incidents", "/staff/incidents/" + ref, "/staff/incidents/report"}) {
            Visitor.Page page = resident.get(path);
            assertThat(page.status()).as(path).isIn(302, 403);
            assertThat(page.body()).doesNotContain("INC-");
        }
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }

    @Test
    void freeTextIsShownAsTextNeverAsMarkup() {
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        analyst.get("/staff/incidents/report");
        Visitor.Page reported = analyst.post("/staff/incidents/report", "kind", "PHISHING", "title", hostile, "description", hostile);
        assertThat(reported.status()).isEqualTo(302);
        String list = analyst.get("/staff/incidents").body();
        Matcher link = INCIDENT_LINK.matcher(list);
        assertThat(link.find()).isTrue();
        String ref = link.group(1);
        analyst.get("/staff/incidents/" + ref);
        analyst.post("/staff/incidents/" + ref + "/notes", "note", hostile);
        analyst.post("/staff/incidents/" + ref + "/links", "label", hostile, "location", "javascript:alert(1)");
        String page = analyst.get("/staff/incidents/" + ref).body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;script&gt;alert(")
                .doesNotContain("href=\"javascript:");
        assertThat(list).doesNotContain("<script>alert");
    }

    @Test
    void aOneMegabyteNoteIsRefusedWithAClearMessageAndNothingIsAdded() {
        String ref = register.report(new IncidentRegister.Report("t", "d", IncidentKind.OTHER), "staff-x").ref();
        analyst.get("/staff/incidents/" + ref);
        Visitor.Page page = analyst.post("/staff/incidents/" + ref + "/notes", "note", "A".repeat(1024 * 1024));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("A note must be 10,000 characters or fewer");
        assertThat(register.open(ref, "staff-x").orElseThrow().timeline()).hasSize(1);
    }

    @Test
    void theLoserOfTwoEditsIsToldAndNothingOfTheirsIsSaved() {
        String ref = register.report(new IncidentRegister.Report("t", "d", IncidentKind.OTHER), "staff-x").ref();
        analyst.get("/staff/incidents/" + ref);
        assertThat(analyst.post("/staff/incidents/" + ref, "version", "0", "severity", "HIGH").status()).isEqualTo(302);
        Visitor.Page stale = analyst.post("/staff/incidents/" + ref, "version", "0", "severity", "LOW");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this incident after you opened it");
        assertThat(register.open(ref, "staff-x").orElseThrow().incident().severity()).isEqualTo(Severity.HIGH);
    }
}
