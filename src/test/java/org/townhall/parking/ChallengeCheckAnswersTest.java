package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.HeldEvidence;
import org.townhall.evidence.Reader;
import org.townhall.evidence.Samples;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * "Check your answers" before a challenge is sent: the evidence chosen on the form is held sealed,
 * readable by nobody, bound to the resident who chose it, moved into the case only when they send
 * it, and destroyed if they remove it or never send it. Nobody else's session can send, see or
 * remove it, and sending twice opens one case.
 */
@TownhallTest
class ChallengeCheckAnswersTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired HeldEvidence held;
    @Autowired EvidenceVault vault;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
        parking.clearLookupCounts();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Visitor signedIn(AccountFixtures.Resident resident) {
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        return visitor;
    }

    private static Visitor.Page draft(Visitor visitor, ParkingFixtures.Pcn pcn, String statement, String fileName) {
        visitor.get("/parking/pcn/" + pcn.ref() + "/challenge");
        return visitor.postMultipart("/parking/pcn/" + pcn.ref() + "/challenge", Map.of("grounds", "Informal challenge", "statement", statement),
                fileName == null ? List.of() : List.of(new Visitor.Upload("evidence", fileName, "application/pdf", Samples.pdf("% " + fileName))));
    }

    private List<String> heldBy(AccountFixtures.Resident resident) {
        return jdbc.sql("select public_ref from evidence_document where owner_ref = :o and held_ref is not null and destroyed_at is null")
                .param("o", resident.ref()).query(String.class).list();
    }

    private long casesOf(ParkingFixtures.Pcn pcn) {
        return jdbc.sql("select count(*) from parking_case c join pcn p on p.id = c.pcn_id where p.public_ref = :p")
                .param("p", pcn.ref()).query(Long.class).single();
    }

    @Test
    void aFileThatPassedItsChecksIsKeptThroughAProblemOnTheFormSealedAndReadableByNobody() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        Visitor visitor = signedIn(resident);
        long before = audit.lastId();

        Visitor.Page problem = draft(visitor, pcn, "", "permit.pdf");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.body()).contains("Evidence you have added", "permit.pdf", "Tell us why the penalty charge should be cancelled");
        List<String> kept = heldBy(resident);
        assertThat(kept).hasSize(1);
        assertThat(audit.actionsSince(before)).contains("EVIDENCE_HELD");
        assertThat(jdbc.sql("select ciphertext from evidence_object o join evidence_document d on d.object_key = o.object_key "
                + "where d.public_ref = :d").param("d", kept.get(0)).query(byte[].class).single())
                .as("sealed, not the file").isNotEqualTo(Samples.pdf("% permit.pdf"));
        // Not even its owner can open it before it is sent: only documents of a case are served.
        assertThat(vault.read(kept.get(0), Reader.resident(resident.ref(), "viewing own evidence"), ClientOrigin.system())).isEmpty();
    }

    @Test
    void sendingFromCheckYourAnswersMovesTheHeldFileIntoTheCaseAndSendingAgainOpensNothingMore() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        Visitor visitor = signedIn(resident);
        assertThat(draft(visitor, pcn, "The sign was covered.", "photo.pdf").location()).endsWith("/challenge/check");
        Visitor.Page check = visitor.get("/parking/pcn/" + pcn.ref() + "/challenge/check");
        assertThat(check.body()).contains("Check your answers before sending", "The sign was covered.", "photo.pdf", "Change");
        assertThat(casesOf(pcn)).as("nothing sent by checking").isZero();

        Visitor.Page sent = visitor.post("/parking/pcn/" + pcn.ref() + "/challenge/check");
        assertThat(sent.location()).contains("/parking/cases/").endsWith("?submitted");
        Visitor.Page again = visitor.post("/parking/pcn/" + pcn.ref() + "/challenge/check");
        assertThat(again.location()).endsWith("/parking/pcn/" + pcn.ref() + "/challenge");
        assertThat(casesOf(pcn)).isEqualTo(1);
        assertThat(heldBy(resident)).isEmpty();
        String caseRef = sent.location().replaceAll(".*/parking/cases/([^?]+).*", "$1");
        assertThat(vault.documentsOf(caseRef)).extracting(d -> d.fileName()).containsExactly("photo.pdf");

        Visitor.Page confirmation = visitor.get("/parking/cases/" + caseRef + "?submitted");
        assertThat(confirmation.body()).contains("Challenge sent", "Your reference", "What happens next", "We will reply by")
                .containsPattern("id=\"discount-held\">The reduced amount of\\s+<strong>£80.00</strong> is held while we consider it");
        assertThat(confirmation.body().split("<h1", -1)).as("one h1").hasSize(2);
        assertThat(visitor.get("/parking/pcn/" + pcn.ref() + "/challenge").body())
                .contains("A challenge is already waiting for a decision", "See your challenge and its evidence")
                .doesNotContain("<textarea");
    }

    @Test
    void untickingAHeldFileDestroysItAndItIsNotSent() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        Visitor visitor = signedIn(resident);
        draft(visitor, pcn, "First go.", "wrong.pdf");
        String wrong = heldBy(resident).get(0);
        long before = audit.lastId();
        // The change link's form, sent back with the file unticked (no "keep").
        assertThat(draft(visitor, pcn, "Second go.", null).location()).endsWith("/challenge/check");
        assertThat(heldBy(resident)).isEmpty();
        assertThat(jdbc.sql("select wrapped_key is null from evidence_document where public_ref = :d").param("d", wrong)
                .query(Boolean.class).single()).as("its key forgotten").isTrue();
        assertThat(audit.actionsSince(before)).contains("EVIDENCE_DISCARDED");
        assertThat(visitor.get("/parking/pcn/" + pcn.ref() + "/challenge/check").body()).contains("Second go.").doesNotContain("wrong.pdf");
    }

    @Test
    void anotherResidentCanNeitherSendNorSeeNorRemoveSomeoneElsesDraft() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).build();
        Visitor visitor = signedIn(resident);
        visitor.get("/parking");
        visitor.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm());
        draft(visitor, pcn, "Mine.", "mine.pdf");
        String mine = heldBy(resident).get(0);

        AccountFixtures.Resident other = accounts.aResident().build();
        Visitor stranger = signedIn(other);
        long before = audit.lastId();
        assertThat(stranger.get("/parking/pcn/" + pcn.ref() + "/challenge/check").status()).as("not looked up").isEqualTo(404);
        assertThat(stranger.post("/parking/pcn/" + pcn.ref() + "/challenge/check").status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");

        // Even having looked the fine up, their session holds no draft, and naming the other's file removes nothing.
        stranger.get("/parking");
        stranger.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm());
        assertThat(stranger.get("/parking/pcn/" + pcn.ref() + "/challenge/check").location()).endsWith("/challenge");
        assertThat(stranger.post("/parking/pcn/" + pcn.ref() + "/challenge/check").location()).endsWith("/challenge");
        assertThat(stranger.get("/parking/pcn/" + pcn.ref() + "/challenge").body()).doesNotContain("mine.pdf", "Mine.");
        stranger.postMultipart("/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "", "keep", mine), List.of());
        assertThat(heldBy(resident)).containsExactly(mine);
        assertThat(casesOf(pcn)).isZero();
    }

    @Test
    void aHeldFilePastItsTimeIsNeitherShownNorSentEvenBeforeTheSweepReachesIt() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        Visitor visitor = signedIn(resident);
        assertThat(draft(visitor, pcn, "The sign was covered.", "stale.pdf").location()).endsWith("/challenge/check");
        // Its time ran out a moment ago; the sweep (every ten minutes) has not been yet.
        jdbc.sql("update evidence_document set held_until = now() - interval '1 minute' where owner_ref = :o and held_ref is not null")
                .param("o", resident.ref()).update();
        assertThat(visitor.get("/parking/pcn/" + pcn.ref() + "/challenge/check").body()).doesNotContain("stale.pdf");
        Visitor.Page sent = visitor.post("/parking/pcn/" + pcn.ref() + "/challenge/check");
        String caseRef = sent.location().replaceAll(".*/parking/cases/([^?]+).*", "$1");
        assertThat(vault.documentsOf(caseRef)).isEmpty();
    }

    @Test
    void evidenceNeverSentIsDestroyedOnceItHasWaitedLongerThanAnySession() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        draft(signedIn(resident), pcn, "Left half way.", "left.pdf");
        assertThat(heldBy(resident)).hasSize(1);
        held.discardUnsent();
        assertThat(heldBy(resident)).as("still within a session's life").hasSize(1);
        clock.advance(Duration.ofHours(13));
        long before = audit.lastId();
        held.discardUnsent();
        assertThat(heldBy(resident)).isEmpty();
        assertThat(audit.actionsSince(before)).contains("EVIDENCE_DISCARDED");
    }

    @Test
    void whileAnotherAccountsChallengeWaitsTheFormIsNotOfferedAndSaysSo() {
        AccountFixtures.Resident first = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(first.ref()).build();
        Visitor firstBrowser = signedIn(first);
        firstBrowser.get("/parking/pcn/" + pcn.ref() + "/challenge");
        assertThat(Challenges.send(firstBrowser, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "First."), List.of()).location()).contains("/parking/cases/");
        AccountFixtures.Resident second = accounts.aResident().build();
        Visitor visitor = signedIn(second);
        visitor.get("/parking");
        visitor.post("/parking", "pcnNumber", pcn.number(), "registration", pcn.vrm());
        assertThat(visitor.get("/parking/pcn/" + pcn.ref() + "/challenge").body())
                .contains("A challenge to this parking fine from another Townhall account is waiting for a decision")
                .doesNotContain("<textarea", "First.");
    }
}
