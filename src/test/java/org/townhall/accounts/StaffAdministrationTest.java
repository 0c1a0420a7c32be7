package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.PersonNames;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class StaffAdministrationTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;
    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    Visitor admin;
    AccountFixtures.Staff adminStaff;

    @BeforeEach
    void signInAsAdmin() {
        fixtures.clearSignInThrottles();
        adminStaff = fixtures.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build();
        admin = new Visitor(port);
        SignIns.asStaff(admin, adminStaff);
    }

    private String refOf(String email) {
        return jdbc.sql("select public_ref from staff_member where email_normalised = :e").param("e", email).query(String.class).single();
    }

    @Test
    void anAdministratorCreatesStaffWhoChooseTheirOwnPasswordByEmailedLink() {
        String email = AccountFixtures.uniqueEmail("new.officer");
        long before = audit.lastId();
        admin.get("/staff/admin/staff/new");
        Visitor.Page created = admin.post("/staff/admin/staff/new", Map.of("fullName", "Nat Officer", "email", email,
                "roles", "PARKING_OFFICER"));
        assertThat(created.location()).contains("/staff/admin/staff?created");
        assertThat(audit.actionsSince(before)).containsSubsequence("STAFF_CREATED", "ROLE_GRANTED");

        String link = outbox.lastLink(email, "STAFF_SET_UP");
        Visitor newcomer = new Visitor(port);
        newcomer.get(link);
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(newcomer.post("/staff/set-up", "token", token, "password", "quiet harbour cactus").location())
                .contains("/staff/sign-in?passwordSet");
        newcomer.get("/staff/sign-in");
        assertThat(newcomer.post("/staff/sign-in", "email", email, "password", "quiet harbour cactus").location())
                .endsWith("/staff/authenticator/set-up");
        newcomer.get("/staff/sign-in");
        assertThat(newcomer.post("/staff/set-up", "token", token, "password", "quiet harbour cactus").body())
                .contains("This link does not work");
    }

    @Test
    void aStaffNameThatIsNotANameIsRefusedAndTheSetUpEmailSaysHello() {
        String email = AccountFixtures.uniqueEmail("named.officer");
        admin.get("/staff/admin/staff/new");
        Visitor.Page refused = admin.post("/staff/admin/staff/new", Map.of("fullName", "IT desk. Verify at https://it.example",
                "email", email, "roles", "PARKING_OFFICER"));
        assertThat(refused.body()).contains("govuk-error-summary").contains(PersonNames.NOT_A_NAME);
        assertThat(outbox.templatesSentTo(email)).isEmpty();

        admin.post("/staff/admin/staff/new", Map.of("fullName", "Nat Officer", "email", email, "roles", "PARKING_OFFICER"));
        assertThat(outbox.lastFields(email, "STAFF_SET_UP")).contains("\"greeting\": \"Hello\"").doesNotContain("Nat");
    }

    @Test
    void roleChangesAreAuditedOneByOneAndEndTheStaffMembersSessions() {
        AccountFixtures.Staff officer = fixtures.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        Visitor officerSession = new Visitor(port);
        SignIns.asStaff(officerSession, officer);
        long before = audit.lastId();

        admin.get("/staff/admin/staff/" + officer.ref());
        assertThat(admin.post("/staff/admin/staff/" + officer.ref(), Map.of("roles", "AUDITOR")).location()).contains("updated");
        assertThat(audit.detailsSince(before, "ROLE_GRANTED")).containsExactly(officer.ref() + " AUDITOR");
        assertThat(audit.detailsSince(before, "ROLE_REVOKED")).containsExactly(officer.ref() + " PARKING_OFFICER");
        assertThat(officerSession.get("/staff").status()).as("old session ended").isEqualTo(302);
    }

    @Test
    void anAdministratorCannotRemoveTheirOwnAdministratorRole() {
        admin.get("/staff/admin/staff/" + adminStaff.ref());
        Visitor.Page page = admin.post("/staff/admin/staff/" + adminStaff.ref(), Map.of("roles", "AUDITOR"));
        assertThat(page.body()).contains("You cannot remove your own administrator role");
        assertThat(jdbc.sql("select count(*) from staff_role r join staff_member m on m.id = r.staff_id where m.public_ref = :r and r.role = 'ADMIN'")
                .param("r", adminStaff.ref()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownRoleIsRefusedAndChangesNothing() {
        AccountFixtures.Staff officer = fixtures.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        admin.get("/staff/admin/staff/" + officer.ref());
        Visitor.Page page = admin.post("/staff/admin/staff/" + officer.ref(), Map.of("roles", "SUPERUSER"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Exception");
        assertThat(jdbc.sql("select role from staff_role r join staff_member m on m.id = r.staff_id where m.public_ref = :r")
                .param("r", officer.ref()).query(String.class).list()).containsExactly("PARKING_OFFICER");
        assertThat(refOf(officer.email())).isEqualTo(officer.ref());
    }
}
