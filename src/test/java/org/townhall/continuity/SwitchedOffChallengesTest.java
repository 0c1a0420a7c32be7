package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.parking.ParkingFixtures;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Switching challenges off or to read only stops challenges being sent, including one the resident
 * had already checked: "Check your answers" sends the challenge, so it is part of the service.
 */
@TownhallTest
class SwitchedOffChallengesTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired ServiceSwitches switches;
    @Autowired JdbcClient jdbc;

    private ParkingFixtures.Pcn pcn;
    private Visitor resident;

    @BeforeEach
    void aChallengeCheckedAndReadyToSend() {
        accounts.clearSignInThrottles();
        AccountFixtures.Resident person = accounts.aResident().build();
        pcn = parking.aPcn().onAccountOf(person.ref()).build();
        resident = new Visitor(port);
        SignIns.asResident(resident, person);
        resident.get("/parking/pcn/" + pcn.ref() + "/challenge");
        Visitor.Page checked = resident.post("/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "The sign was hidden by a tree"));
        assertThat(checked.location()).endsWith("/challenge/check");
        resident.get("/parking/pcn/" + pcn.ref() + "/challenge/check");
    }

    @AfterEach
    void everythingBackOn() {
        for (ResidentService service : ResidentService.values()) {
            switches.switchTo(service, ServiceState.ON, null, "test");
        }
    }

    @Test
    void aCheckedChallengeIsNotSentWhileChallengesAreSwitchedOff() {
        switches.switchTo(ResidentService.CHALLENGES, ServiceState.OFF, "Challenges are paused.", "test");

        Visitor.Page send = resident.post("/parking/pcn/" + pcn.ref() + "/challenge/check", Map.of());

        assertThat(send.status()).isEqualTo(503);
        assertThat(casesOn(pcn)).isZero();
    }

    @Test
    void aCheckedChallengeIsNotSentWhileChallengesAreReadOnly() {
        switches.switchTo(ResidentService.CHALLENGES, ServiceState.DEGRADED, "", "test");

        Visitor.Page send = resident.post("/parking/pcn/" + pcn.ref() + "/challenge/check", Map.of());

        assertThat(send.status()).isEqualTo(503);
        assertThat(casesOn(pcn)).isZero();
    }

    @Test
    void theCheckedChallengeIsSentOnceChallengesAreBackOn() {
        switches.switchTo(ResidentService.CHALLENGES, ServiceState.OFF, "Challenges are paused.", "test");
        resident.post("/parking/pcn/" + pcn.ref() + "/challenge/check", Map.of());
        switches.switchTo(ResidentService.CHALLENGES, ServiceState.ON, null, "test");

        resident.get("/parking/pcn/" + pcn.ref() + "/challenge/check");
        Visitor.Page send = resident.post("/parking/pcn/" + pcn.ref() + "/challenge/check", Map.of());

        assertThat(send.location()).contains("/parking/cases/");
        assertThat(casesOn(pcn)).isOne();
    }

    private long casesOn(ParkingFixtures.Pcn fine) {
        return jdbc.sql("select count(*) from parking_case c join pcn p on p.id = c.pcn_id where p.public_ref = :ref")
                .param("ref", fine.ref()).query(Long.class).single();
    }
}
