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
import org.townhall.evidence.Samples;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * A challenge as GOV.UK forms do it, in a real browser: the form and its error state, "Check your
 * answers" with change links, the confirmation panel, and the form not offered again while the
 * challenge waits; every page checked with axe-core. Then the same, with the keyboard alone.
 */
@TownhallTest
class ChallengeCheckAnswersBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired JdbcClient jdbc;
    Browser resident;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        parking.clearLookupCounts();
        resident = new Browser(port);
    }

    @AfterEach
    void close() {
        resident.close();
    }

    @Test
    void aChallengeIsCheckedChangedSentAndConfirmedAndItsFileSurvivesAProblemOnTheForm() throws Exception {
        AccountFixtures.Resident person = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(person.ref()).build();
        Path permit = Files.createTempFile("permit", ".pdf");
        Files.write(permit, Samples.pdf("% my permit"));

        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/parking/pcn/" + pcn.ref());
        resident.click("Challenge this parking fine");
        assertThat(resident.heading()).isEqualTo("Challenge this parking fine");
        resident.assertAccessible();

        // The statement is missing: the file that passed its checks is kept, and the page says so.
        resident.attach("evidence", permit).click("Continue");
        assertThat(resident.title()).startsWith("Error: ");
        assertThat(resident.text()).contains("There is a problem", "Tell us why the penalty charge should be cancelled",
                "Evidence you have added", permit.getFileName().toString());
        resident.assertAccessible();

        resident.type("statement", "My permit was on the dashboard.").click("Continue");
        assertThat(resident.heading()).isEqualTo("Check your answers before sending");
        assertThat(resident.textOf("#answer-statement")).isEqualTo("My permit was on the dashboard.");
        assertThat(resident.textOf("#answer-evidence")).isEqualTo(permit.getFileName().toString());
        resident.assertAccessible();

        resident.click("Change what happened");
        assertThat(resident.heading()).isEqualTo("Challenge this parking fine");
        resident.type("statement", "My permit was on the dashboard, facing up.").click("Continue");
        assertThat(resident.textOf("#answer-statement")).isEqualTo("My permit was on the dashboard, facing up.");
        assertThat(resident.textOf("#answer-evidence")).as("kept through the change").isEqualTo(permit.getFileName().toString());

        resident.click("Send");
        assertThat(resident.heading()).isEqualTo("Challenge sent");
        assertThat(resident.count("h1")).as("one h1").isEqualTo(1);
        assertThat(resident.textOf("#case-reference")).matches("EBC-[A-HJ-NP-Z2-9]{10}");
        assertThat(resident.textOf("#reply-by")).startsWith("We will reply by ");
        assertThat(resident.textOf("#discount-held")).contains("The reduced amount of £80.00 is held");
        resident.assertAccessible();
        assertThat(jdbc.sql("select count(*) from evidence_document d join parking_case c on c.public_ref = d.case_ref "
                + "join pcn p on p.id = c.pcn_id where p.public_ref = :p").param("p", pcn.ref()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from evidence_document where owner_ref = :o and held_ref is not null")
                .param("o", person.ref()).query(Long.class).single()).as("nothing left held").isZero();

        resident.open("/parking/pcn/" + pcn.ref() + "/challenge");
        assertThat(resident.heading()).isEqualTo("A challenge is already waiting for a decision");
        assertThat(resident.count("form textarea")).as("no form offered").isZero();
        resident.assertAccessible();
    }

    @Test
    void aChallengeCanBeWrittenCheckedAndSentWithTheKeyboardAlone() {
        AccountFixtures.Resident person = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(person.ref()).build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");

        resident.open("/parking/pcn/" + pcn.ref());
        resident.tabTo("Challenge this parking fine").enter();
        assertThat(resident.heading()).isEqualTo("Challenge this parking fine");
        resident.tabTo("statement").typeHere("The bay markings were worn away.");
        resident.tabTo("Continue").enter();
        assertThat(resident.heading()).isEqualTo("Check your answers before sending");
        resident.tabTo("Send").enter();
        assertThat(resident.heading()).isEqualTo("Challenge sent");
        assertThat(jdbc.sql("select c.statement from parking_case c join pcn p on p.id = c.pcn_id where p.public_ref = :p")
                .param("p", pcn.ref()).query(String.class).single()).isEqualTo("The bay markings were worn away.");
    }
}
