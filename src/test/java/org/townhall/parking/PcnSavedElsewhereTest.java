package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.Samples;
import org.townhall.payments.Payments;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Saving a PCN to an account is a saved look-up: a stranger who knows the number and registration
 * and saves it first neither hides it from the keeper nor stops them challenging or paying it, and
 * sees nothing of the keeper's challenge.
 */
@TownhallTest
class PcnSavedElsewhereTest {

    private static final Pattern EVIDENCE = Pattern.compile("(/parking/cases/[A-Za-z0-9_-]+/evidence/[A-Za-z0-9_-]+)\"");

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingDecisions decisions;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clearCounts() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
    }

    private Visitor signedIn(AccountFixtures.Resident resident) {
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        return visitor;
    }

    /** Looks the PCN up with its number and registration and returns its page. */
    private static Visitor.Page lookUp(Visitor visitor, ParkingFixtures.Pcn pcn) {
        visitor.get("/parking");
        Visitor.Page found = visitor.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm());
        assertThat(found.location()).as("the look-up finds it").endsWith("/parking/pcn/" + pcn.ref());
        return visitor.get("/parking/pcn/" + pcn.ref());
    }

    private static void save(Visitor visitor, ParkingFixtures.Pcn pcn) {
        assertThat(visitor.post("/parking/pcn/" + pcn.ref() + "/add-to-account", Map.of()).location()).endsWith("?added");
    }

    private static Visitor.Page challenge(Visitor visitor, ParkingFixtures.Pcn pcn, String statement) {
        visitor.get("/parking/pcn/" + pcn.ref() + "/challenge");
        return Challenges.send(visitor, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", statement),
                List.of(new Visitor.Upload("evidence", "permit.pdf", "application/pdf", Samples.pdf("% my permit"))));
    }

    @Test
    void aStrangersSavedCopyDoesNotHideThePcnFromTheKeeperWhoIsToldAndCanStillSaveAndChallengeIt() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor stranger = signedIn(accounts.aResident().build());
        lookUp(stranger, pcn);
        save(stranger, pcn);

        Visitor keeper = signedIn(accounts.aResident().build());
        Visitor.Page page = lookUp(keeper, pcn);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("This parking fine is also saved to another", "Challenge this parking fine", "Pay £80.00 now",
                "Add to my account");
        save(keeper, pcn);
        assertThat(keeper.get("/account").body()).contains("Parking fine " + pcn.number());
        assertThat(jdbc.sql("select count(*) from pcn_saved s join pcn p on p.id = s.pcn_id where p.public_ref = :p")
                .param("p", pcn.ref()).query(Long.class).single()).isEqualTo(2);

        Visitor.Page submitted = challenge(keeper, pcn, "I had a valid permit on display.");
        assertThat(submitted.location()).contains("/parking/cases/").endsWith("?submitted");
    }

    @Test
    void theKeeperCanPayAndChallengeAPcnSomeoneElseSavedWithoutSavingItFirst() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor stranger = signedIn(accounts.aResident().build());
        lookUp(stranger, pcn);
        save(stranger, pcn);

        Visitor keeper = signedIn(accounts.aResident().build());
        lookUp(keeper, pcn);
        String card = keeper.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey", Payments.newIdempotencyKey()).location();
        assertThat(card).contains("/sandbox-pay/");
        assertThat(challenge(keeper, pcn, "The sign was hidden by a tree.").location()).contains("/parking/cases/");
        assertThat(jdbc.sql("select count(*) from pcn_saved s join pcn p on p.id = s.pcn_id where p.public_ref = :p")
                .param("p", pcn.ref()).query(Long.class).single()).as("challenging saves it, to follow the case").isEqualTo(2);
    }

    @Test
    void savingAPcnNeverShowsAnotherResidentsChallengeLettersOrEvidence() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        Visitor keeper = signedIn(accounts.aResident().build());
        lookUp(keeper, pcn);
        String casePath = challenge(keeper, pcn, "My permit was on the dashboard, PRIVATE-STATEMENT.").location()
                .replaceAll("^.*(/parking/cases/[^?]+).*$", "$1");
        String caseRef = casePath.substring(casePath.lastIndexOf('/') + 1);
        Matcher document = EVIDENCE.matcher(keeper.get(casePath).body());
        assertThat(document.find()).isTrue();

        Visitor stranger = signedIn(accounts.aResident().build());
        Visitor.Page whileOpen = lookUp(stranger, pcn);
        save(stranger, pcn);
        assertThat(whileOpen.body()).contains("id=\"challenged-elsewhere\"", "A challenge to this parking fine from")
                .doesNotContain(caseRef, "PRIVATE-STATEMENT", "Your challenges");
        Visitor.Page refused = challenge(stranger, pcn, "Mine too.");
        assertThat(refused.status()).as("the form is not offered while a challenge is open").isEqualTo(409);
        assertThat(refused.body()).contains("from another Townhall account is waiting for a decision")
                .doesNotContain("You already have a challenge");

        jdbc.sql("update parking_case set assigned_officer = :o where public_ref = :c").param("o", officer.ref()).param("c", caseRef)
                .update();
        assertThat(decisions.decide(caseRef, officer.ref(), new Decision.Reject("PRIVATE-REASONS: the permit had expired."))).isTrue();

        Visitor.Page saved = stranger.get("/parking/pcn/" + pcn.ref());
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(caseRef, "PRIVATE-REASONS", "PRIVATE-STATEMENT", "Your challenges", "has been rejected");
        long before = audit.lastId();
        assertThat(stranger.get(casePath).status()).isEqualTo(404);
        assertThat(stranger.getBytes(document.group(1))).isNull();
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("EVIDENCE_VIEWED");

        assertThat(keeper.get("/parking/pcn/" + pcn.ref()).body()).contains(caseRef, "PRIVATE-REASONS", "Your challenges");
    }
}
