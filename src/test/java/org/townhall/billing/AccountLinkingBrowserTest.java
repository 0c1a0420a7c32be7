package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Asking for an account, reading the activation letter (in the outbox, as the demo does), entering
 * the code, and a finance officer removing a holder, in a real browser with an accessibility check
 * on every page.
 */
@TownhallTest
class AccountLinkingBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    Browser resident;
    Browser staff;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
        resident = new Browser(port);
        staff = new Browser(port);
    }

    @AfterEach
    void close() {
        resident.close();
        staff.close();
    }

    private void signInAsStaff(AccountFixtures.Staff member) {
        staff.open("/staff/sign-in").type("email", member.email()).type("password", member.password()).submit("email");
        staff.type("code", member.codeAt(System.currentTimeMillis() / 1000)).submit("code");
    }

    @Test
    void aJointTaxpayerAsksReadsTheLetterEntersTheCodeAndSeesWhoElseHoldsTheAccount() {
        AccountFixtures.Resident amara = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident dan = accounts.aResident().named("Dan Okafor").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).linkedTo(amara.ref()).build();

        resident.open("/sign-in").type("email", dan.email()).type("password", dan.password()).submit("email");
        resident.open("/council-tax/link");
        resident.type("accountNumber", account.accountNumber()).type("postcode", account.postcode()).submit("accountNumber");
        assertThat(resident.heading()).isEqualTo("Enter your activation code");
        assertThat(resident.text()).contains("We have posted an activation code to the property")
                .doesNotContain("1 Test Street", "£1,200.00", "Amara");
        resident.assertAccessible();
        resident.type("code", "7KQ2-M9XD-4HTP").submit("code");
        assertThat(resident.title()).startsWith("Error: ");
        assertThat(resident.textOf(".govuk-error-summary")).contains("does not match the one in our letter");
        resident.assertAccessible();

        signInAsStaff(accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        staff.open("/staff/outbox");
        String code = billing.activationCodeFor(account.accountNumber());
        assertThat(staff.text()).contains("Your activation code for Eastbridge online services",
                "The council tax payer, 1 Test Street, Eastbridge, " + account.postcode(), code);
        staff.assertAccessible();

        resident.type("code", code).submit("code");
        assertThat(resident.text()).contains("Your council tax account has been added", "£1,200.00", "Amara Okafor", "Dan Okafor (you)");
        resident.assertAccessible();
    }

    @Test
    void aFinanceOfficerFindsWhoHoldsAnAccountAndRemovesOne() {
        AccountFixtures.Resident amara = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident intruder = accounts.aResident().named("Ian Truder").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(amara.ref()).build();
        billing.alsoHeldBy(account, intruder.ref());

        signInAsStaff(accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        staff.click("Who holds a council tax or rent account").assertAccessible();
        staff.type("reference", account.accountNumber()).submit("reference");
        assertThat(staff.text()).contains("Amara Okafor", "Ian Truder", intruder.email());
        staff.assertAccessible();
        staff.click("Remove Ian Truder");
        assertThat(staff.text()).contains("The holder has been removed").contains("Amara Okafor").doesNotContain("Ian Truder");
        staff.assertAccessible();
    }
}
