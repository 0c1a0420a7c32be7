package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.detect.AuditTrailWatch;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Browser;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;

/**
 * The security team's week in a real browser, every page checked with axe-core: a flood opens an
 * incident by itself and the analyst closes it as not a breach; over-reading of evidence opens
 * another, assessed as a high-risk breach, with its ICO draft and the affected residents emailed;
 * a resident sees it in their own history; the auditor generates the quarter's report.
 */
@TownhallTest
class IncidentJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired AuditTrail audit;
    @Autowired AuditTrailWatch watch;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    Browser analyst;
    Browser resident;
    Browser auditor;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        // Earlier episodes are over, so this journey's signals open incidents of their own.
        jdbc.sql("update detection_episode set opened_at = '2000-01-01', last_signal_at = '2000-01-01'").update();
        analyst = new Browser(port);
        resident = new Browser(port);
        auditor = new Browser(port);
    }

    @AfterEach
    void close() {
        analyst.close();
        resident.close();
        auditor.close();
    }

    private static void signInStaff(Browser browser, AccountFixtures.Staff staff) {
        browser.open("/staff/sign-in").type("email", staff.email()).type("password", staff.password()).submit("email");
        browser.type("code", staff.codeAt(System.currentTimeMillis() / 1000)).submit("code");
    }

    private String openedReference(String kind) {
        return jdbc.sql("select reference from incident where detected_by = :k order by id desc limit 1").param("k", kind)
                .query(String.class).single();
    }

    @Test
    void floodClosedAsNoBreachOverReadingToldToResidentsAndTheQuartersReport() throws Exception {
        AccountFixtures.Staff staff = accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build();
        signInStaff(analyst, staff);

        transactions.executeWithoutResult(s -> audit.record(AuditEntry.of(AuditAction.FLOOD_DETECTED, AuditOutcome.DENIED, Actor.system())
                .because("2400 refusals this minute (BULK), 3100 clients"), new ClientOrigin("198.51.100.23", "flood-journey", null)));
        watch.scan();
        String flood = openedReference("FLOOD");
        analyst.click("Security incidents").assertAccessible();
        analyst.click(flood).assertAccessible();
        assertThat(analyst.text()).contains("2400 refusals this minute");
        analyst.chooseRadio("No").type("nature", "Requests refused by the shield; no data reached")
                .type("notNotifyingReason", "A denial of service refused at the edge: no personal data was involved").submit("nature");
        assertThat(analyst.textOf("#breach-decision")).isEqualTo("Not a personal data breach");
        analyst.chooseByText("status", "Closed").type("reason", "Flood ended; no effect on residents").submit("reason");
        assertThat(analyst.textOf("#incident-status")).isEqualTo("Closed");
        analyst.assertAccessible();

        List<AccountFixtures.Resident> people = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(accounts.aResident().named("Affected Resident " + i).build());
        }
        String insider = PublicReferences.next();
        transactions.executeWithoutResult(s -> {
            for (int read = 0; read < 24; read++) {
                audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.staff(insider))
                        .about(people.get(read % 12).ref()).on("DOC-J-" + read).because("reading"),
                        new ClientOrigin("192.0.2." + (read % 6 + 50), "journey-" + read, null));
            }
        });
        watch.scan();
        String overReading = openedReference("EVIDENCE_OVER_READING");
        analyst.open("/staff/incidents").click(overReading);
        assertThat(analyst.textOf("#affected-residents")).isEqualTo("12");
        analyst.chooseRadio("Yes").type("nature", "A staff account read appeal evidence of residents it had no case for")
                .chooseRadio("Likely to result in a high risk to people").type("dpoContact", "dpo@eastbridge.example");
        analyst.chooseRadio("Notify the Information Commissioner's Office").submit("nature");
        assertThat(analyst.textOf("#breach-clock")).endsWith("left");
        analyst.assertAccessible();
        try (PDDocument pdf = Loader.loadPDF(analyst.fetch(analyst.linkTo("ICO notification draft")))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(overReading).contains("A staff account read appeal evidence");
        }
        analyst.type("wording", "A member of staff opened documents you sent with your parking appeal without a reason to. "
                + "We have stopped their access. You do not need to do anything.").submit("wording");
        analyst.click("Email the affected residents");
        assertThat(analyst.text()).contains("Emailed 12 affected residents");
        analyst.assertAccessible();
        assertThat(outbox.templatesSentTo(people.get(0).email())).contains("BREACH_NOTICE");

        resident.open("/sign-in").type("email", people.get(0).email()).type("password", people.get(0).password()).submit("email");
        resident.open("/account");
        assertThat(resident.text()).contains("The council told you about a personal data breach that affects you");
        resident.assertAccessible();

        signInStaff(auditor, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/London"));
        String quarter = now.getYear() + "-Q" + ((now.getMonthValue() - 1) / 3 + 1);
        auditor.click("Audit committee report").type("period", quarter).submit("period");
        assertThat(auditor.text()).contains("Attacks refused").contains("Notified within 72 hours");
        assertThat(auditor.imagesLoaded()).isGreaterThanOrEqualTo(3);
        auditor.assertAccessible();
    }
}
