package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** The challenge form's errors: in the order of the fields, each tied to its field, and a warning that chosen files are gone. */
@TownhallTest
class ChallengeFormErrorsTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;

    @Test
    void aMissingStatementAndABadFileAreListedInFieldOrderAndTiedToTheirFields() {
        accounts.clearSignInThrottles();
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page form = visitor.get("/parking/pcn/" + pcn.ref() + "/challenge");
        assertThat(form.body()).contains("your browser forgets the files you chose");
        Visitor.Page page = Challenges.send(visitor, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", ""),
                List.of(new Visitor.Upload("evidence", "notes.exe", "application/octet-stream", "MZ not a document".getBytes())));
        String body = page.body();
        String summary = body.substring(body.indexOf("govuk-error-summary__list"), body.indexOf("</ul>", body.indexOf("govuk-error-summary__list")));
        assertThat(summary.indexOf("href=\"#statement\"")).isNotNegative().isLessThan(summary.indexOf("href=\"#evidence\""));
        assertThat(body).containsPattern("id=\"statement\"[^>]*aria-describedby=\"statement-hint statement-error\"")
                .containsPattern("govuk-file-upload--error\"[^>]*id=\"evidence\"")
                .containsPattern("id=\"evidence\"[^>]*aria-describedby=\"evidence-hint evidence-again evidence-error\"")
                .contains("id=\"evidence-error\"");
    }
}
