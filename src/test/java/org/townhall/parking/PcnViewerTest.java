package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class PcnViewerTest {

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;

    @BeforeEach
    void setUp() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
    }

    private Visitor.Page lookUp(Visitor visitor, String number, String registration) {
        visitor.get("/parking");
        return visitor.post("/parking", "pcnNumber", number, "registration", registration);
    }

    @Test
    void aPcnIsFoundByItsNumberAndRegistrationTogetherAndShowsWhatIsOwedAndItsPhotos() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(2).forVehicle("AB12CDE").build();
        Visitor visitor = new Visitor(port);
        long before = audit.lastId();
        Visitor.Page found = lookUp(visitor, pcn.number().toLowerCase(), "ab12 cde");
        assertThat(found.location()).endsWith("/parking/pcn/" + pcn.ref());
        Visitor.Page page = visitor.get("/parking/pcn/" + pcn.ref());
        assertThat(page.body()).contains("£80.00").contains("This is the reduced amount").contains("Last day to pay the discounted amount")
                .contains("Parked in a residents&#39; or shared use parking place");
        String photo = page.body().replaceAll("(?s).*src=\"(/parking/pcn/[^\"]+/photos/[^\"]+)\".*", "$1");
        assertThat(visitor.getBytes(photo)).isNotNull().startsWith((byte) 0x89, (byte) 'P');
        assertThat(audit.actionsSince(before)).containsExactly("PCN_LOOKED_UP");
    }

    @Test
    void aWrongNumberAndAWrongRegistrationGetTheSameAnswer() {
        ParkingFixtures.Pcn pcn = parking.aPcn().forVehicle("AB12CDE").build();
        String wrongRegistration = lookUp(new Visitor(port), pcn.number(), "ZZ99ZZZ").body();
        String wrongNumber = lookUp(new Visitor(port), PcnNumbers.next(), pcn.vrm()).body();
        String malformed = lookUp(new Visitor(port), "EB00000000A", pcn.vrm()).body();
        String message = "No parking fine matches that number and registration";
        assertThat(wrongRegistration).contains(message);
        assertThat(wrongNumber).contains(message);
        assertThat(malformed).contains(message);
    }

    @Test
    void theLinkAloneOpensNothingForAnotherBrowserAndTheAttemptIsAudited() {
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        Visitor finder = new Visitor(port);
        lookUp(finder, pcn.number(), pcn.vrm());
        String photo = finder.get("/parking/pcn/" + pcn.ref()).body().replaceAll("(?s).*src=\"(/parking/pcn/[^\"]+/photos/[^\"]+)\".*", "$1");

        Visitor stranger = new Visitor(port);
        long before = audit.lastId();
        assertThat(stranger.get("/parking/pcn/" + pcn.ref()).status()).isEqualTo(404);
        assertThat(stranger.getBytes(photo)).isNull();
        assertThat(stranger.get("/parking/pcn/..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }

    @Test
    void lookingUpManyNumbersFromOneAddressIsThrottledAndAudited() {
        Visitor scraper = new Visitor(port);
        Visitor.Page last = null;
        for (int i = 0; i <= ParkingFines.ADDRESS_LOOKUPS; i++) {
            last = lookUp(scraper, PcnNumbers.next(), "AB12CDE");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.body()).contains("too many look-ups");
        assertThat(audit.actionsSince(audit.lastId() - 1)).containsExactly("PCN_LOOKUP_THROTTLED");
    }

    @Test
    void guessingTheRegistrationOfOneNumberIsThrottledEvenFromManyBrowsers() {
        ParkingFixtures.Pcn pcn = parking.aPcn().forVehicle("AB12CDE").build();
        for (int i = 0; i < ParkingFines.PCN_LOOKUPS; i++) {
            lookUp(new Visitor(port), pcn.number(), "GUESS" + i);
        }
        parking.clearLookupCountsFor("ADDRESS");
        assertThat(lookUp(new Visitor(port), pcn.number(), pcn.vrm()).status()).isEqualTo(429);
    }

    @Test
    void theKeeperLookingTheirOwnFineUpAgainIsNeverHeldUp() {
        ParkingFixtures.Pcn pcn = parking.aPcn().forVehicle("AB12CDE").build();
        for (int i = 0; i < ParkingFines.PCN_LOOKUPS + 3; i++) {
            assertThat(lookUp(new Visitor(port), pcn.number(), pcn.vrm()).location()).as("look-up " + i).endsWith(pcn.ref());
        }
    }

    @Test
    void aSignedInResidentAddsALookedUpPcnToTheirAccountButNotOneOnlyNamedInALink() {
        AccountFixtures.Resident owner = accounts.aResident().build();
        AccountFixtures.Resident other = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, owner);
        lookUp(visitor, pcn.number(), pcn.vrm());
        visitor.get("/parking/pcn/" + pcn.ref());
        assertThat(visitor.post("/parking/pcn/" + pcn.ref() + "/add-to-account", Map.of()).location()).contains("added");
        assertThat(visitor.get("/account").body()).contains("Parking fine " + pcn.number());

        Visitor intruder = new Visitor(port);
        SignIns.asResident(intruder, other);
        intruder.get("/account");
        long before = audit.lastId();
        assertThat(intruder.post("/parking/pcn/" + pcn.ref() + "/add-to-account", Map.of()).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(intruder.get("/account").body()).doesNotContain(pcn.number());
    }
}
