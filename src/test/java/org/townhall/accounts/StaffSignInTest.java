package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class StaffSignInTest {

    private static final Pattern KEY = Pattern.compile("<code class=\"townhall-codes\">([A-Z2-7]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>");

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        fixtures.clearSignInThrottles();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private Visitor passwordStep(AccountFixtures.Staff staff) {
        Visitor visitor = new Visitor(port);
        visitor.get("/staff/sign-in");
        visitor.post("/staff/sign-in", "email", staff.email(), "password", staff.password());
        return visitor;
    }

    @Test
    void firstSignInRequiresAnAuthenticatorAndShowsTenRecoveryCodesOnce() {
        AccountFixtures.Staff newcomer = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).build();
        long before = audit.lastId();
        Visitor visitor = new Visitor(port);
        visitor.get("/staff/sign-in");
        assertThat(visitor.post("/staff/sign-in", "email", newcomer.email(), "password", newcomer.password()).location())
                .endsWith("/staff/authenticator/set-up");
        assertThat(visitor.get("/staff").status()).as("no staff page before the second factor").isEqualTo(302);

        Visitor.Page setUp = visitor.get("/staff/authenticator/set-up");
        assertThat(setUp.body()).contains("data:image/png;base64,");
        Matcher key = KEY.matcher(setUp.body());
        assertThat(key.find()).isTrue();
        AccountFixtures.Staff enrolled = new AccountFixtures.Staff(newcomer.ref(), newcomer.email(), newcomer.password(), key.group(1));

        assertThat(visitor.post("/staff/authenticator/set-up", "code", "000000").body()).contains("The code is not right");
        Visitor.Page codes = visitor.post("/staff/authenticator/set-up", "code", enrolled.codeAt(now()));
        List<String> recovery = RECOVERY.matcher(codes.body()).results().map(m -> m.group(1)).toList();
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(visitor.get("/staff").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from staff_recovery_code where code_hash = :c").param("c", recovery.get(0))
                .query(Long.class).single()).as("codes are stored hashed").isZero();
        assertThat(audit.actionsSince(before)).contains("MFA_FAILED", "MFA_ENROLLED", "SIGN_IN_SUCCEEDED");
        assertThat(jdbc.sql("select totp_secret from staff_member where public_ref = :r").param("r", newcomer.ref())
                .query(String.class).single()).as("the seed is encrypted at rest").startsWith("v1:").doesNotContain(key.group(1));
    }

    @Test
    void aSeedCopiedOntoAnotherStaffRowDoesNotWork() {
        AccountFixtures.Staff victim = fixtures.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build();
        AccountFixtures.Staff insider = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build();
        jdbc.sql("update staff_member set totp_secret = (select totp_secret from staff_member where public_ref = :v) where public_ref = :i")
                .param("v", victim.ref()).param("i", insider.ref()).update();
        Visitor visitor = passwordStep(insider);
        visitor.get("/staff/authenticator");
        long before = audit.lastId();
        assertThat(visitor.post("/staff/authenticator", "code", victim.codeAt(now())).body()).contains("The code is not right");
        assertThat(audit.actionsSince(before)).containsExactly("MFA_FAILED");
        assertThat(visitor.get("/staff").status()).isEqualTo(302);
    }

    @Test
    void theAuthenticatorCodeFieldsAskPhonesForANumericKeyboardAndOfferTheCode() {
        AccountFixtures.Staff staff = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build();
        String page = passwordStep(staff).get("/staff/authenticator").body();
        assertThat(page).containsPattern("id=\"code\"[^>]*inputmode=\"numeric\"[^>]*autocomplete=\"one-time-code\"");
        AccountFixtures.Staff newcomer = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).build();
        Visitor visitor = new Visitor(port);
        visitor.get("/staff/sign-in");
        visitor.post("/staff/sign-in", "email", newcomer.email(), "password", newcomer.password());
        assertThat(visitor.get("/staff/authenticator/set-up").body())
                .containsPattern("id=\"code\"[^>]*inputmode=\"numeric\"[^>]*autocomplete=\"one-time-code\"");
    }

    @Test
    void aPasswordAloneCannotSetUpAnotherAuthenticatorForAStaffMemberWhoHasOne() {
        AccountFixtures.Staff staff = fixtures.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build();
        String seed = jdbc.sql("select totp_secret from staff_member where public_ref = :r").param("r", staff.ref()).query(String.class).single();
        Visitor visitor = passwordStep(staff);
        long before = audit.lastId();

        // Asked for by address after the password step: once a server error, now back to the code page, recorded.
        Visitor.Page setUp = visitor.get("/staff/authenticator/set-up");
        assertThat(setUp.status()).isEqualTo(302);
        assertThat(setUp.location()).endsWith("/staff/authenticator");
        assertThat(visitor.get("/staff/authenticator").status()).isEqualTo(200);
        Visitor.Page sent = visitor.post("/staff/authenticator/set-up", "code", "123456");
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.location()).endsWith("/staff/authenticator");

        assertThat(audit.actionsSince(before)).containsExactly("MFA_FAILED", "MFA_FAILED");
        assertThat(visitor.get("/staff").status()).isEqualTo(302);
        assertThat(jdbc.sql("select totp_secret from staff_member where public_ref = :r").param("r", staff.ref()).query(String.class)
                .single()).as("the app already set up is the one kept").isEqualTo(seed);
    }

    @Test
    void anAuthenticatorCodeWorksOnceOnly() {
        AccountFixtures.Staff staff = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build();
        String code = staff.codeAt(now());
        Visitor first = passwordStep(staff);
        first.get("/staff/authenticator");
        assertThat(first.post("/staff/authenticator", "code", code).location()).endsWith("/staff");

        Visitor replay = passwordStep(staff);
        replay.get("/staff/authenticator");
        assertThat(replay.post("/staff/authenticator", "code", code).body()).contains("has been used already");
        assertThat(replay.get("/staff").status()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordNeverReachesTheAuthenticatorStep() {
        AccountFixtures.Staff staff = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build();
        Visitor visitor = new Visitor(port);
        visitor.get("/staff/sign-in");
        assertThat(visitor.post("/staff/sign-in", "email", staff.email(), "password", "not the password").body())
                .contains("Enter a correct email address and password");
        assertThat(visitor.get("/staff/authenticator").location()).endsWith("/staff/sign-in");
    }

    @Test
    void aResidentPasswordDoesNotOpenTheStaffDoor() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        visitor.get("/staff/sign-in");
        assertThat(visitor.post("/staff/sign-in", "email", resident.email(), "password", resident.password()).body())
                .contains("Enter a correct email address and password");
    }

    @Test
    void aRecoveryCodeSignsInOnceWhenThePhoneIsLost() {
        AccountFixtures.Staff newcomer = fixtures.aStaffMember().withRole(StaffRole.AUDITOR).build();
        Visitor visitor = passwordStep(newcomer);
        Matcher key = KEY.matcher(visitor.get("/staff/authenticator/set-up").body());
        assertThat(key.find()).isTrue();
        String code = new AccountFixtures.Staff(null, null, null, key.group(1)).codeAt(now());
        String recovery = RECOVERY.matcher(visitor.post("/staff/authenticator/set-up", "code", code).body())
                .results().findFirst().orElseThrow().group(1);

        Visitor lostPhone = passwordStep(newcomer);
        lostPhone.get("/staff/authenticator/recovery");
        assertThat(lostPhone.post("/staff/authenticator/recovery", "recoveryCode", recovery.toUpperCase()).location()).endsWith("/staff");

        Visitor again = passwordStep(newcomer);
        again.get("/staff/authenticator/recovery");
        assertThat(again.post("/staff/authenticator/recovery", "recoveryCode", recovery).body()).contains("has been used already");
    }
}
