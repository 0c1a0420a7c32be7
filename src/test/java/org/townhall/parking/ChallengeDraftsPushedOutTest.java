package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.evidence.Samples;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A session keeps a few challenge drafts; one pushed out by newer ones can never be sent, so the
 * evidence it held is destroyed then, not left sealed for hours with nothing naming it.
 */
@TownhallTest
class ChallengeDraftsPushedOutTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
    }

    @Test
    void evidenceHeldForADraftPushedOutOfTheSessionIsDestroyedAtOnce() {
        AccountFixtures.Resident person = accounts.aResident().build();
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, person);
        ParkingFixtures.Pcn first = parking.aPcn().onAccountOf(person.ref()).build();
        resident.get("/parking/pcn/" + first.ref() + "/challenge");
        resident.postMultipart("/parking/pcn/" + first.ref() + "/challenge", Map.of("grounds", "Informal challenge", "statement", ""),
                List.of(new Visitor.Upload("evidence", "receipt.pdf", "application/pdf", Samples.pdf("% pushed out"))));
        assertThat(liveHeldOf(person)).isOne();
        long before = audit.lastId();

        for (int i = 0; i < 5; i++) {
            ParkingFixtures.Pcn other = parking.aPcn().onAccountOf(person.ref()).build();
            resident.get("/parking/pcn/" + other.ref() + "/challenge");
            resident.post("/parking/pcn/" + other.ref() + "/challenge", Map.of("grounds", "Informal challenge", "statement", "no"));
        }

        assertThat(liveHeldOf(person)).as("the first draft is gone from the session, and its file with it").isZero();
        assertThat(audit.actionsSince(before)).contains("EVIDENCE_DISCARDED");
    }

    private long liveHeldOf(AccountFixtures.Resident person) {
        return jdbc.sql("select count(*) from evidence_document where owner_ref = :o and held_ref is not null and destroyed_at is null")
                .param("o", person.ref()).query(Long.class).single();
    }
}
