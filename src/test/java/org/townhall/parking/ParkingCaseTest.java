package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.Samples;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The TicketViewer journey done right: challenge with evidence, the assigned officer alone reads it. */
@TownhallTest
class ParkingCaseTest {

    private static final Pattern CASE = Pattern.compile("/parking/cases/([A-Za-z0-9_-]+)");
    private static final Pattern EVIDENCE = Pattern.compile("/evidence/([A-Za-z0-9_-]+)\"");
    private static final byte[] LETTER = Samples.pdf("% Dr Patel: my patient could not walk further that day");

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired ParkingDecisions decisions;
    @Autowired EvidenceRetention retention;

    AccountFixtures.Resident resident;
    AccountFixtures.Staff officer;
    Visitor residentBrowser;

    @BeforeEach
    void setUp() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
        // Each test's officer is the only one without open cases, so new cases go to them.
        jdbc.sql("update parking_case set status = 'ACCEPTED', decided_on = current_date, decision_reason = 'test tidy-up' where status = 'OPEN'").update();
        officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        resident = accounts.aResident().build();
        residentBrowser = new Visitor(port);
        SignIns.asResident(residentBrowser, resident);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String challenge(ParkingFixtures.Pcn pcn, String grounds, List<Visitor.Upload> files) {
        residentBrowser.get("/parking/pcn/" + pcn.ref() + "/challenge");
        Visitor.Page page = Challenges.send(residentBrowser, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", grounds, "statement", "I was taking my mother to hospital."), files);
        Matcher matcher = CASE.matcher(page.location() == null ? "" : page.location());
        return matcher.find() ? matcher.group(1) : page.body();
    }

    private static List<Visitor.Upload> letter() {
        return List.of(new Visitor.Upload("evidence", "hospital-letter.pdf", "application/pdf", LETTER));
    }

    /** Work goes to the least-loaded officer; tests pin it to theirs so other tests' officers do not matter. */
    private void assignToOfficer(String caseRef) {
        jdbc.sql("update parking_case set assigned_officer = :officer where public_ref = :ref")
                .param("officer", officer.ref()).param("ref", caseRef).update();
    }

    private Visitor officerBrowser(AccountFixtures.Staff staff) {
        Visitor browser = new Visitor(port);
        SignIns.asStaff(browser, staff);
        return browser;
    }

    @Test
    void aChallengeWithEvidenceIsReadByTheAssignedOfficerAndTheResidentSeesWhoReadIt() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "Informal challenge", letter());
        assignToOfficer(caseRef);
        assertThat(caseRef).hasSizeGreaterThan(20).doesNotContain("<");
        assertThat(outbox.templatesSentTo(resident.email())).contains("PARKING_CASE_RECEIVED");

        Visitor officerSession = officerBrowser(officer);
        assertThat(officerSession.get("/staff/parking").body()).contains(pcn.number());
        String casePage = officerSession.get("/staff/parking/cases/" + caseRef).body();
        Matcher doc = EVIDENCE.matcher(casePage);
        assertThat(doc.find()).isTrue();
        long before = audit.lastId();
        byte[] opened = officerSession.getBytes("/staff/parking/cases/" + caseRef + "/evidence/" + doc.group(1));
        assertThat(new String(opened, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).as("the safe copy, a PDF").isEqualTo("%PDF-");
        assertThat(opened).as("not the original").isNotEqualTo(LETTER);
        assertThat(audit.actionsSince(before)).containsExactly("EVIDENCE_VIEWED");

        Visitor.Page ownCase = residentBrowser.get("/parking/cases/" + caseRef);
        assertThat(ownCase.body()).contains("Test Staff, Parking officer").contains("Reviewing the challenge").contains("hospital-letter.pdf");
        assertThat(residentBrowser.get("/parking/evidence-access").body()).contains("Test Staff, Parking officer");
    }

    @Test
    void aRejectionSendsTheLetterAndReoffersTheDiscountForAnInformalChallenge() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "Informal challenge", List.of());
        assignToOfficer(caseRef);
        Visitor officerSession = officerBrowser(officer);
        officerSession.get("/staff/parking/cases/" + caseRef);
        assertThat(officerSession.post("/staff/parking/cases/" + caseRef + "/decision", "decision", "REJECT", "reasons", "")
                .body()).contains("Give the reasons for rejecting");
        assertThat(officerSession.post("/staff/parking/cases/" + caseRef + "/decision", "decision", "REJECT",
                "reasons", "The signs were clear and the bay was restricted.").location()).contains("/staff/parking?decided");

        String page = residentBrowser.get("/parking/pcn/" + pcn.ref()).body();
        assertThat(page).contains("Your challenge has been rejected").contains("The signs were clear").contains("£80.00");
        assertThat(outbox.templatesSentTo(resident.email())).contains("PARKING_LETTER");
    }

    @Test
    void rejectedRepresentationsGetANoticeOfRejectionWithTribunalRights() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(40).withNoticeToOwnerDaysAgo(5).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "The alleged contravention did not occur", letter());
        assignToOfficer(caseRef);
        Visitor officerSession = officerBrowser(officer);
        officerSession.get("/staff/parking/cases/" + caseRef);
        officerSession.post("/staff/parking/cases/" + caseRef + "/decision", "decision", "REJECT", "reasons", "The photos show the contravention.");
        assertThat(residentBrowser.get("/parking/cases/" + caseRef).body()).contains("Notice of Rejection")
                .contains("London Tribunals").contains("within 28 days");
    }

    @Test
    void acceptingCancelsThePcn() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(5).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "Informal challenge", List.of());
        assignToOfficer(caseRef);
        Visitor officerSession = officerBrowser(officer);
        officerSession.get("/staff/parking/cases/" + caseRef);
        officerSession.post("/staff/parking/cases/" + caseRef + "/decision", "decision", "ACCEPT", "reasons", "");
        assertThat(residentBrowser.get("/parking/pcn/" + pcn.ref()).body()).contains("This parking fine has been cancelled");
    }

    @Test
    void nobodyElseGetsTheCaseOrItsEvidenceAndEveryAttemptIsAudited() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "Informal challenge", letter());
        assignToOfficer(caseRef);
        Matcher doc = EVIDENCE.matcher(residentBrowser.get("/parking/cases/" + caseRef).body());
        assertThat(doc.find()).isTrue();
        String evidence = "/parking/cases/" + caseRef + "/evidence/" + doc.group(1);
        assertThat(residentBrowser.getBytes(evidence)).as("the owner").isEqualTo(LETTER);

        Visitor otherResident = new Visitor(port);
        SignIns.asResident(otherResident, accounts.aResident().build());
        long before = audit.lastId();
        assertThat(otherResident.get("/parking/cases/" + caseRef).status()).isEqualTo(404);
        assertThat(otherResident.getBytes(evidence)).isNull();
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor anonymous = new Visitor(port);
        assertThat(anonymous.get(evidence).status()).isEqualTo(302);

        Visitor unassigned = officerBrowser(accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());
        before = audit.lastId();
        assertThat(unassigned.get("/staff/parking/cases/" + caseRef).status()).isEqualTo(404);
        assertThat(unassigned.getBytes("/staff/parking/cases/" + caseRef + "/evidence/" + doc.group(1))).isNull();
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor finance = officerBrowser(accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        assertThat(finance.get("/staff/parking/cases/" + caseRef + "/evidence/" + doc.group(1)).status()).isEqualTo(403);
    }

    @Test
    void anotherCasesDocumentSwappedIntoTheUrlReturnsNothing() {
        ParkingFixtures.Pcn mine = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        String myCase = challenge(mine, "Informal challenge", List.of());
        AccountFixtures.Resident victim = accounts.aResident().build();
        Visitor victimBrowser = new Visitor(port);
        SignIns.asResident(victimBrowser, victim);
        ParkingFixtures.Pcn theirs = parking.aPcn().servedDaysAgo(3).onAccountOf(victim.ref()).build();
        victimBrowser.get("/parking/pcn/" + theirs.ref() + "/challenge");
        String theirCase = CASE.matcher(Challenges.send(victimBrowser, "/parking/pcn/" + theirs.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "Medical"), letter()).location()).results()
                .findFirst().orElseThrow().group(1);
        Matcher theirDoc = EVIDENCE.matcher(victimBrowser.get("/parking/cases/" + theirCase).body());
        assertThat(theirDoc.find()).isTrue();

        long before = audit.lastId();
        assertThat(residentBrowser.getBytes("/parking/cases/" + myCase + "/evidence/" + theirDoc.group(1))).isNull();
        assertThat(residentBrowser.getBytes("/parking/cases/" + theirCase + "/evidence/" + theirDoc.group(1))).isNull();
        assertThat(audit.detailsSince(before, "ACCESS_DENIED")).as("both recorded against the document")
                .allMatch(d -> d.startsWith(theirDoc.group(1))).hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_event where id > :id and subject_ref = :victim and action = 'ACCESS_DENIED'")
                .param("id", before).param("victim", victim.ref()).query(Long.class).single())
                .as("the owner sees both attempts on their own history").isEqualTo(2);

        // The victim's own document of one case, asked for through their other case, is refused as well.
        ParkingFixtures.Pcn another = parking.aPcn().servedDaysAgo(2).onAccountOf(victim.ref()).build();
        victimBrowser.get("/parking/pcn/" + another.ref() + "/challenge");
        String otherCase = CASE.matcher(Challenges.send(victimBrowser, "/parking/pcn/" + another.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "Second"), letter()).location()).results()
                .findFirst().orElseThrow().group(1);
        assertThat(victimBrowser.getBytes("/parking/cases/" + otherCase + "/evidence/" + theirDoc.group(1))).isNull();
        assertThat(victimBrowser.getBytes("/parking/cases/" + theirCase + "/evidence/" + theirDoc.group(1))).isNotNull();
    }

    @Test
    void aHarmfulUploadStopsTheChallengeAndOnlyTheFilesThatPassedAreHeldForIt() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        long cases = jdbc.sql("select count(*) from parking_case").query(Long.class).single();
        long documents = jdbc.sql("select count(*) from evidence_document where held_ref is null").query(Long.class).single();
        String page = challenge(pcn, "Informal challenge", List.of(
                new Visitor.Upload("evidence", "photo.jpg", "image/jpeg", Samples.jpeg(200, 100)),
                new Visitor.Upload("evidence", "invoice.pdf", "application/pdf", Samples.pdf("% " + Samples.EICAR)),
                new Visitor.Upload("evidence", "setup.pdf", "application/pdf", Samples.windowsExecutable())));
        assertThat(page).contains("govuk-error-summary").contains("invoice.pdf contains a virus").contains("setup.pdf must be a PDF, JPG or PNG");
        assertThat(jdbc.sql("select count(*) from parking_case").query(Long.class).single()).isEqualTo(cases);
        assertThat(jdbc.sql("select count(*) from evidence_document where held_ref is null").query(Long.class).single()).isEqualTo(documents);
        // The photo passed its checks: it is held, sealed, for the resident to send once the others are dealt with.
        assertThat(jdbc.sql("select file_name from evidence_document where owner_ref = :o and held_ref is not null and destroyed_at is null")
                .param("o", resident.ref()).query(String.class).list()).containsExactly("photo.jpg");
    }

    @Test
    void anOversizedUploadGetsAClearAnswerAndNothingIsStored() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        long cases = jdbc.sql("select count(*) from parking_case").query(Long.class).single();
        String justOver = challenge(pcn, "Informal challenge", List.of(new Visitor.Upload("evidence", "scan.pdf", "application/pdf",
                Samples.concat(Samples.pdf(), new byte[10 * 1024 * 1024]))));
        assertThat(justOver).contains("scan.pdf is larger than 10 MB");
        residentBrowser.get("/parking/pcn/" + pcn.ref() + "/challenge");
        Visitor.Page huge = Challenges.send(residentBrowser, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "x"),
                List.of(new Visitor.Upload("evidence", "huge.pdf", "application/pdf", new byte[12 * 1024 * 1024])));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body()).contains("too large").doesNotContain("Exception");
        assertThat(jdbc.sql("select count(*) from parking_case").query(Long.class).single()).isEqualTo(cases);
    }

    @Test
    void aPcnTheResidentHasNeitherLookedUpNorSavedCannotBeChallenged() {
        ParkingFixtures.Pcn someoneElses = parking.aPcn().onAccountOf(accounts.aResident().build().ref()).build();
        assertThat(residentBrowser.get("/parking/pcn/" + someoneElses.ref() + "/challenge").status()).isEqualTo(404);
    }

    @Test
    void evidenceIsCryptoShreddedOnceTheRetentionPeriodAfterClosingHasPassed() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "Informal challenge", letter());
        assignToOfficer(caseRef);
        Matcher doc = EVIDENCE.matcher(residentBrowser.get("/parking/cases/" + caseRef).body());
        assertThat(doc.find()).isTrue();
        Visitor officerSession = officerBrowser(officer);
        officerSession.get("/staff/parking/cases/" + caseRef);
        officerSession.post("/staff/parking/cases/" + caseRef + "/decision", "decision", "ACCEPT", "reasons", "");

        assertThat(retention.destroyExpiredEvidence()).as("not yet").isZero();
        clock.advance(Duration.ofDays(731));
        long before = audit.lastId();
        assertThat(retention.destroyExpiredEvidence()).as("this case and any others now past retention").isPositive();
        assertThat(audit.actionsSince(before)).contains("EVIDENCE_DESTROYED");
        assertThat(jdbc.sql("select wrapped_key is null from evidence_document where public_ref = :d").param("d", doc.group(1))
                .query(Boolean.class).single()).isTrue();
        assertThat(retention.destroyExpiredEvidence()).as("once").isZero();
    }

    @Test
    void representationsUndecidedAfterFiftySixDaysAreAcceptedAndTheResidentIsTold() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(40).withNoticeToOwnerDaysAgo(5).onAccountOf(resident.ref()).build();
        String caseRef = challenge(pcn, "The alleged contravention did not occur", List.of());
        assignToOfficer(caseRef);
        clock.advance(Duration.ofDays(55));
        assertThat(decisions.deemOverdueRepresentationsAccepted()).isZero();
        clock.advance(Duration.ofDays(2));
        long before = audit.lastId();
        assertThat(decisions.deemOverdueRepresentationsAccepted()).isEqualTo(1);
        assertThat(audit.actionsSince(before)).contains("PARKING_CASE_DEEMED_ACCEPTED");
        assertThat(decisions.deemOverdueRepresentationsAccepted()).as("never twice").isZero();
        Visitor weeksLater = new Visitor(port);
        SignIns.asResident(weeksLater, resident);
        assertThat(weeksLater.get("/parking/cases/" + caseRef).body()).contains("Accepted").contains("the last day the law allows");
    }
}
