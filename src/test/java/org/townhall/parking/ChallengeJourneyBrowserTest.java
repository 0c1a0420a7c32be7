package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.Samples;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * The appeals journey in a real browser: a resident finds a PCN, sees its photos, challenges it
 * with a document; the officer signs in with their authenticator, reads the document and
 * rejects; the resident reads the letter and sees who opened their document.
 */
@TownhallTest
class ChallengeJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired JdbcClient jdbc;
    Browser resident;
    Browser officer;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        parking.clearLookupCounts();
        resident = new Browser(port);
        officer = new Browser(port);
    }

    @AfterEach
    void close() {
        resident.close();
        officer.close();
    }

    @Test
    void lookUpChallengeWithEvidenceOfficerRejectsResidentSeesLetterAndAccessLog() throws Exception {
        AccountFixtures.Resident person = accounts.aResident().named("Rhea Resident").build();
        AccountFixtures.Staff staff = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(40).withNoticeToOwnerDaysAgo(3).forVehicle("RH12EAR").build();
        Path letter = Files.createTempFile("gp-letter", ".pdf");
        Files.write(letter, Samples.pdf("% GP letter"));

        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/parking").assertAccessible();
        resident.type("pcnNumber", pcn.number()).type("registration", "rh12 ear").submit("pcnNumber");
        assertThat(resident.heading()).contains("residents");
        assertThat(resident.text()).contains("£160.00").contains("Last day to pay or make formal representations");
        assertThat(resident.imagesLoaded()).isEqualTo(1);
        resident.assertAccessible();

        resident.click("Add to my account");
        resident.click("Make formal representations").assertAccessible();
        resident.chooseRadio("The alleged contravention did not occur")
                .type("statement", "I was at the surgery; my GP's letter is attached.")
                .attach("evidence", letter).submit("statement");
        assertThat(resident.heading()).isEqualTo("Check your answers before sending");
        resident.assertAccessible();
        resident.click("Send");
        assertThat(resident.heading()).isEqualTo("Representations sent");
        resident.assertAccessible();
        String casePath = resident.path();
        jdbc.sql("update parking_case set assigned_officer = :o where public_ref = :c")
                .param("o", staff.ref()).param("c", casePath.substring(casePath.lastIndexOf('/') + 1)).update();

        officer.open("/staff/sign-in").type("email", staff.email()).type("password", staff.password()).submit("email");
        officer.type("code", staff.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        officer.click("Challenges and representations");
        officer.click("Open case for " + pcn.number());
        assertThat(officer.text()).contains("my GP's letter is attached");
        officer.assertAccessible();
        byte[] opened = officer.fetch(officer.linkTo("gp-letter"));
        assertThat(new String(opened, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).as("the safe copy, a PDF").isEqualTo("%PDF-");
        assertThat(opened).as("not the original").isNotEqualTo(Samples.pdf("% GP letter"));
        officer.chooseRadio("Reject").type("reasons", "The photographs show the vehicle in the bay with no permit.").submit("reasons");
        assertThat(officer.text()).contains("Decision recorded");

        resident.open(casePath);
        assertThat(resident.text()).contains("Notice of Rejection").contains("London Tribunals")
                .contains("The photographs show the vehicle").contains("Test Staff, Parking officer").contains("Reviewing the challenge");
        resident.assertAccessible();
        resident.open("/parking/evidence-access").assertAccessible();
        assertThat(resident.text()).contains("Test Staff, Parking officer");
    }
}
