package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
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

/** The TicketViewer question, asked of Townhall's own trail: whose documents did that address read? */
@TownhallTest
class BlastRadiusTest {

    @LocalServerPort int port;
    @Autowired EvidenceVault vault;
    @Autowired AccountFixtures accounts;

    private DocumentSummary documentOf(String owner) {
        CheckedFiles checked = vault.check(List.of(new IncomingFile("cheque.png", Samples.png(40, 20))), owner);
        return vault.store(checked, owner, "CASE-" + PublicReferences.next()).get(0);
    }

    @Test
    void oneQueryTellsHowManyDocumentsOfHowManyPeopleWereReadFromWhereAndWhatWasRefused() {
        String range = "198.18." + (int) (Math.random() * 250) + ".0/24";
        String prefix = range.substring(0, range.lastIndexOf('.') + 1);
        String alice = PublicReferences.next();
        String bob = PublicReferences.next();
        DocumentSummary aliceCheque = documentOf(alice);
        DocumentSummary aliceLetter = documentOf(alice);
        DocumentSummary bobRecord = documentOf(bob);
        // The owners open their own documents, from two addresses in the range.
        vault.read(aliceCheque.ref(), Reader.resident(alice, "own"), new ClientOrigin(prefix + "10", "r1", null));
        vault.read(aliceCheque.ref(), Reader.resident(alice, "own"), new ClientOrigin(prefix + "10", "r2", null));
        vault.read(aliceLetter.ref(), Reader.resident(alice, "own"), new ClientOrigin(prefix + "10", "r3", null));
        vault.read(bobRecord.ref(), Reader.resident(bob, "own"), new ClientOrigin(prefix + "11", "r4", null));
        // Someone in the range edits URLs to reach others' documents: refused, but counted.
        String prowler = PublicReferences.next();
        for (DocumentSummary target : List.of(aliceCheque, aliceLetter, bobRecord)) {
            vault.read(target.ref(), Reader.resident(prowler, "guessing"), new ClientOrigin(prefix + "66", "r5", null));
        }

        Visitor analyst = new Visitor(port);
        accounts.clearSignInThrottles();
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        String page = analyst.get("/staff/audit/blast-radius?clientAddress=" + URLEncoder.encode(range, StandardCharsets.UTF_8)).body();
        assertThat(page).contains("3 documents of 2 people were read 4 times from 2 addresses; 3 attempts were refused");
        assertThat(page).contains(alice).contains(bob).doesNotContain(prowler + "</a>");

        String csv = analyst.get("/staff/audit/blast-radius/export.csv?clientAddress=" + URLEncoder.encode(range, StandardCharsets.UTF_8)).body();
        assertThat(csv).startsWith("resident_ref,documents_read,reads,first_read,last_read").contains(alice + ",2,3,").contains(bob + ",1,1,");
    }
}
