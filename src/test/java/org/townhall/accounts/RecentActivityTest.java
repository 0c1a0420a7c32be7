package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.evidence.CheckedFiles;
import org.townhall.evidence.DocumentSummary;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.evidence.Reader;
import org.townhall.evidence.Samples;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** A resident's "Recent activity" tells her own acts from everyone else's, and names nobody else. */
@TownhallTest
class RecentActivityTest {

    private static final Pattern ROW = Pattern.compile("(?s)<tr class=\"govuk-table__row\">(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("(?s)<td class=\"govuk-table__cell\">(.*?)</td>");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired EvidenceVault vault;

    AccountFixtures.Resident amara;
    DocumentSummary letter;

    @BeforeEach
    void amaraHasADocument() {
        accounts.clearSignInThrottles();
        amara = accounts.aResident().named("Amara Okafor").build();
        CheckedFiles checked = vault.check(List.of(new IncomingFile("letter.png", Samples.png(30, 30))), amara.ref());
        letter = vault.store(checked, amara.ref(), "CASE-" + PublicReferences.next()).get(0);
    }

    /** The activity table as rows of [when, what, by, from]. */
    private List<List<String>> activityOf(AccountFixtures.Resident resident) {
        Visitor browser = new Visitor(port);
        SignIns.asResident(browser, resident);
        String page = browser.get("/account").body();
        String table = page.substring(page.indexOf("Recent activity on your account"));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).trim());
            }
            if (cells.size() == 4) {
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void anotherResidentsRefusedAttemptOnHerDocumentIsShownAsAnotherResidentsAndNamesNobody() {
        AccountFixtures.Resident ben = accounts.aResident().named("Ben Hughes").build();
        vault.read(letter.ref(), Reader.resident(ben.ref(), "guessing"), new ClientOrigin("192.0.2.99", "ben-1", null));

        List<List<String>> rows = activityOf(amara);
        assertThat(rows).filteredOn(r -> r.get(1).equals("Access refused")).singleElement()
                .satisfies(r -> assertThat(r.get(2)).isEqualTo("Another resident"))
                .satisfies(r -> assertThat(r.get(3)).as("their address is theirs").isEmpty());
        assertThat(rows.toString()).doesNotContain(ben.ref()).doesNotContain("Ben Hughes").doesNotContain(ben.email())
                .doesNotContain("192.0.2.99");
    }

    @Test
    void herOwnActsAreHersAndCouncilStaffAreShownWithTheirRole() {
        vault.read(letter.ref(), Reader.resident(amara.ref(), "own"), new ClientOrigin("198.51.100.4", "own-1", null));
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        vault.read(letter.ref(), Reader.staff(officer.ref(), "Test Staff, Parking officer", "Reviewing"),
                new ClientOrigin("10.20.30.40", "staff-1", null));

        List<List<String>> rows = activityOf(amara);
        assertThat(rows).filteredOn(r -> r.get(1).equals("Evidence opened")).singleElement()
                .satisfies(r -> assertThat(r.subList(2, 4)).containsExactly("You", "198.51.100.x"));
        assertThat(rows).filteredOn(r -> r.get(1).equals("Access refused")).singleElement()
                .satisfies(r -> assertThat(r.subList(2, 4)).containsExactly("Council staff (Parking officer)", ""));
        assertThat(rows).filteredOn(r -> r.get(1).equals("Signed in")).isNotEmpty().allSatisfy(r -> assertThat(r.get(2)).isEqualTo("You"));
    }

    @Test
    void someoneNotSignedInIsShownWithTheAddressTheyCameFrom() {
        Visitor stranger = new Visitor(port);
        stranger.get("/sign-in");
        stranger.post("/sign-in", "email", amara.email(), "password", "a wrong guess");

        assertThat(activityOf(amara)).filteredOn(r -> r.get(1).equals("Failed sign-in attempt")).singleElement()
                .satisfies(r -> assertThat(r.subList(2, 4)).containsExactly("Someone not signed in", "127.0.0.x"));
    }
}
