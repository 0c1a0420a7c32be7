package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class BackupPageTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired Backups backups;
    @Autowired AuditRows audit;

    @Test
    void anAdministratorSeesTheRecoveryPointAndTheHistoryAndTheViewIsAudited() {
        BackupSummary backup = backups.backup(p -> { });
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        long before = audit.lastId();

        Visitor.Page page = admin.get("/staff/backups");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Recovery point").contains("a restore now would lose everything after this")
                .contains(backup.name()).contains("SUCCEEDED");
        assertThat(audit.actionsSince(before)).contains("BACKUPS_VIEWED");
    }

    @Test
    void anAnonymousVisitorIsSentToSignIn() {
        Visitor.Page page = new Visitor(port).get("/staff/backups");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).contains("/staff/sign-in");
    }

    @Test
    void aResidentGetsNothingAndTheAttemptIsAudited() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        long before = audit.lastId();
        Visitor.Page page = resident.get("/staff/backups");
        assertThat(page.status()).isIn(302, 403);
        assertThat(page.body()).doesNotContain("Recovery point");
        assertThat(audit.actionsSince(before)).isNotEmpty();
    }

    @Test
    void aFinanceOfficerIsRefusedAndTheRefusalIsAudited() {
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        long before = audit.lastId();
        Visitor.Page page = officer.get("/staff/backups");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("Recovery point");
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }
}
