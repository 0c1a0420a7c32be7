package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** A finance officer sees who holds an account and can remove one; nobody else can do either. */
@TownhallTest
class HolderRemovalTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    record Held(AccountFixtures.Resident amara, AccountFixtures.Resident intruder, BillingFixtures.CouncilTaxFixture account,
                String intrudersLink) {
    }

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
    }

    /** Amara holds the account; someone who found her bill has activated a link of their own. */
    private Held heldByTwo() {
        AccountFixtures.Resident amara = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident intruder = accounts.aResident().named("Ian Truder").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(amara.ref()).build();
        return new Held(amara, intruder, account, billing.alsoHeldBy(account, intruder.ref()));
    }

    private Visitor signedIn(AccountFixtures.Resident resident) {
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        return visitor;
    }

    private Visitor staff(StaffRole role) {
        Visitor visitor = new Visitor(port);
        SignIns.asStaff(visitor, accounts.aStaffMember().withRole(role).enrolled().build());
        visitor.get("/staff");
        return visitor;
    }

    private String statusOf(String holderRef) {
        return jdbc.sql("select status from billing_holder where public_ref = :h").param("h", holderRef).query(String.class).single();
    }

    @Test
    void aFinanceOfficerSeesWhoHoldsAnAccountAndTheLookUpIsAudited() {
        Held held = heldByTwo();
        Visitor finance = staff(StaffRole.FINANCE_OFFICER);
        long before = audit.lastId();
        Visitor.Page page = finance.get("/staff/billing?reference=" + held.account().accountNumber());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Amara Okafor", held.amara().email(), "Ian Truder", held.intruder().email(), "Remove");
        assertThat(audit.detailsSince(before, "BILLING_HOLDERS_VIEWED")).containsExactly("council tax account "
                + held.account().accountNumber() + " ");
        assertThat(finance.get("/staff/billing?reference=99999999").body()).contains("No council tax or rent account has that reference");
    }

    @Test
    void aFinanceOfficerRemovesAHolderWhoLosesTheAccountAtOnceAndIsEmailedAndItIsAudited() {
        Held held = heldByTwo();
        Visitor intruder = signedIn(held.intruder());
        assertThat(intruder.get("/council-tax/" + held.account().ref()).status()).isEqualTo(200);
        Visitor finance = staff(StaffRole.FINANCE_OFFICER);
        finance.get("/staff/billing?reference=" + held.account().accountNumber());

        long before = audit.lastId();
        Visitor.Page removed = finance.post("/staff/billing/holders/" + held.intrudersLink() + "/remove", "reason", "NOT_ENTITLED");
        assertThat(removed.location()).contains("/staff/billing?removed").endsWith("reference=" + held.account().accountNumber());
        assertThat(statusOf(held.intrudersLink())).isEqualTo("REMOVED");
        assertThat(jdbc.sql("select subject_ref || ' ' || detail from audit_event where id > :id and action = 'BILLING_HOLDER_REMOVED'")
                .param("id", before).query(String.class).list()).containsExactly(held.intruder().ref() + " NOT_ENTITLED");
        assertThat(outbox.templatesSentTo(held.intruder().email())).containsExactly("BILLING_HOLDER_REMOVED");

        assertThat(intruder.get("/council-tax/" + held.account().ref()).status()).isEqualTo(404);
        assertThat(intruder.get("/account").body()).doesNotContain(held.account().accountNumber());
        Visitor amara = signedIn(held.amara());
        assertThat(amara.get("/council-tax/" + held.account().ref()).body()).contains("Amara Okafor").doesNotContain("Ian Truder");
    }

    @Test
    void residentsOtherStaffAndAnonymousVisitorsCanNeitherListNorRemoveHoldersAndAreAudited() {
        Held held = heldByTwo();
        String list = "/staff/billing?reference=" + held.account().accountNumber();
        String remove = "/staff/billing/holders/" + held.intrudersLink() + "/remove";
        Map<String, Visitor> callers = Map.of("holder", signedIn(held.amara()), "parking officer", staff(StaffRole.PARKING_OFFICER),
                "administrator", staff(StaffRole.ADMIN), "anonymous", new Visitor(port));
        callers.forEach((who, caller) -> {
            long before = audit.lastId();
            Visitor.Page listed = caller.get(list);
            Visitor.Page removed = caller.post(remove, "reason", "NOT_ENTITLED");
            assertThat(listed.status()).as(who).isIn(302, 403);
            assertThat(listed.body()).as(who).doesNotContain("Ian Truder");
            assertThat(removed.status()).as(who).isIn(302, 403);
            if (removed.status() == 302) {
                assertThat(removed.location()).as(who).endsWith("/staff/sign-in");
            }
            assertThat(audit.actionsSince(before)).as(who).containsExactly("ACCESS_DENIED", "ACCESS_DENIED");
        });
        assertThat(statusOf(held.intrudersLink())).isEqualTo("ACTIVE");
        assertThat(outbox.templatesSentTo(held.intruder().email())).isEmpty();
    }

    @Test
    void aRemovalWithoutTheFormsTokenAnUnknownHolderOrNoReasonChangesNothing() {
        Held held = heldByTwo();
        Visitor finance = staff(StaffRole.FINANCE_OFFICER);
        String remove = "/staff/billing/holders/" + held.intrudersLink() + "/remove";

        long before = audit.lastId();
        assertThat(finance.postRaw(remove, Map.of("reason", "NOT_ENTITLED")).status()).as("no CSRF token").isEqualTo(403);
        assertThat(audit.detailsSince(before, "ACCESS_DENIED")).singleElement().asString().contains("csrf");
        finance.get("/staff/billing");
        assertThat(finance.post(remove, "reason", "BECAUSE").status()).isEqualTo(400);
        before = audit.lastId();
        assertThat(finance.post("/staff/billing/holders/no-such-holder/remove", "reason", "NOT_ENTITLED").status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(statusOf(held.intrudersLink())).isEqualTo("ACTIVE");
    }

    @Test
    void aRemovedResidentWhoAsksAgainWaitsForANewCodeAndTheHoldersAreTold() {
        AccountFixtures.Resident amara = accounts.aResident().build();
        AccountFixtures.Resident dan = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(amara.ref()).build();
        Visitor danBrowser = signedIn(dan);
        danBrowser.get("/council-tax/link");
        danBrowser.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", account.postcode());
        String code = billing.activationCodeFor(account.accountNumber());
        danBrowser.get("/council-tax/" + account.ref() + "/activate");
        assertThat(danBrowser.post("/council-tax/" + account.ref() + "/activate", "code", code).location()).endsWith("?activated");
        String dansLink = jdbc.sql("select public_ref from billing_holder where resident_ref = :r").param("r", dan.ref())
                .query(String.class).single();
        Visitor finance = staff(StaffRole.FINANCE_OFFICER);
        finance.post("/staff/billing/holders/" + dansLink + "/remove", "reason", "NOT_LIABLE");

        danBrowser.get("/council-tax/link");
        assertThat(danBrowser.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", account.postcode())
                .location()).endsWith("/activate?asked");
        assertThat(danBrowser.get("/council-tax/" + account.ref() + "/activate").body())
                .as("the page says the earlier letter's code no longer works, never 'until null'")
                .contains("no longer works").doesNotContain("null");
        assertThat(danBrowser.post("/council-tax/" + account.ref() + "/activate", "code", code).status())
                .as("the code used before opens nothing now").isEqualTo(422);
        assertThat(danBrowser.get("/council-tax/" + account.ref()).status()).isEqualTo(404);
        assertThat(statusOf(dansLink)).isEqualTo("PENDING");
        assertThat(outbox.templatesSentTo(amara.email()))
                .containsExactly("BILLING_LINK_REQUESTED", "BILLING_LINK_ACTIVATED", "BILLING_LINK_REQUESTED");
    }
}
