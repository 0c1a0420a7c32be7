package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A service manager points a payment service at a GOV.UK Pay payment link, and the static status
 * page, which residents can still read when Townhall is gone, tells them where to pay.
 */
@TownhallTest
class PaymentLinkTest {

    private static final String RENT_LINK = "https://www.gov.uk/payments/eastbridge-council/pay-your-rent";

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired PaymentLinks links;
    @Autowired AuditRows audit;
    @Value("${townhall.continuity.static-status-dir}") Path directory;
    Visitor manager;

    @BeforeEach
    void signInAsServiceManager() {
        accounts.clearSignInThrottles();
        manager = new Visitor(port);
        SignIns.asStaff(manager, accounts.aStaffMember().withRole(StaffRole.SERVICE_MANAGER).enrolled().build());
        manager.get("/staff/services");
    }

    @AfterEach
    void noLinks() {
        for (ResidentService service : ResidentService.values()) {
            if (service.takesPayments()) {
                links.point(service, "", "test");
            }
        }
    }

    private Visitor.Page point(Visitor who, String service, String url) {
        return who.post("/staff/services/payment-links", Map.of("service", service, "url", url));
    }

    private String staticPage() throws Exception {
        return Files.readString(directory.resolve("index.html"));
    }

    @Test
    void aLinkSetByAServiceManagerIsOnTheStaticStatusPage() throws Exception {
        long before = audit.lastId();

        assertThat(point(manager, "RENT_PAYMENTS", RENT_LINK).location()).contains("/staff/services?linked");

        assertThat(staticPage()).contains("If you cannot pay online with us")
                .contains("<a href=\"" + RENT_LINK + "\">Paying rent with GOV.UK Pay</a>");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_LINK_CHANGED");
        assertThat(manager.get("/staff/services").body()).contains(RENT_LINK);
    }

    @Test
    void anEmptyLinkTakesItOffTheStaticStatusPage() throws Exception {
        point(manager, "RENT_PAYMENTS", RENT_LINK);

        point(manager, "RENT_PAYMENTS", "");

        assertThat(staticPage()).doesNotContain(RENT_LINK).doesNotContain("If you cannot pay online with us");
    }

    @Test
    void aLinkAnywhereButGovukPayIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
        point(manager, "RENT_PAYMENTS", RENT_LINK);
        for (String elsewhere : new String[] {"https://pay.example.com/eastbridge/rent", "javascript:alert(1)",
                "http://www.gov.uk/payments/eastbridge-council/pay-your-rent", "https://www.gov.uk.example.com/payments/a/b",
                "https://www.gov.uk/payments/eastbridge-council/pay-your-rent\"><script>"}) {
            Visitor.Page page = point(manager, "RENT_PAYMENTS", elsewhere);
            assertThat(page.status()).as(elsewhere).isEqualTo(422);
            assertThat(page.body()).contains("There is a problem").contains("Enter a GOV.UK Pay payment link");
        }
        assertThat(links.all()).containsEntry(ResidentService.RENT_PAYMENTS, RENT_LINK);
        assertThat(staticPage()).contains(RENT_LINK).doesNotContain("example.com").doesNotContain("javascript");
    }

    @Test
    void aServiceThatTakesNoPaymentsGetsNoLink() {
        Visitor.Page page = point(manager, "PCN_VIEWER", "https://www.gov.uk/payments/eastbridge-council/look-up");
        assertThat(page.body()).contains("takes no payments");
        assertThat(links.all()).doesNotContainKey(ResidentService.PCN_VIEWER);
    }

    @Test
    void aTamperedServiceIsRefused() {
        assertThat(point(manager, "EVERYTHING", RENT_LINK).status()).isEqualTo(400);
        assertThat(links.all()).isEmpty();
    }

    @Test
    void anAnonymousVisitorCannotSetALink() {
        Visitor anonymous = new Visitor(port);
        anonymous.get("/staff/sign-in");
        Visitor.Page page = point(anonymous, "RENT_PAYMENTS", RENT_LINK);
        assertThat(page.status()).isIn(302, 403);
        assertThat(links.all()).isEmpty();
    }

    @Test
    void aResidentCannotSetALinkAndTheAttemptIsAudited() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        long before = audit.lastId();
        resident.get("/account");
        Visitor.Page page = point(resident, "RENT_PAYMENTS", RENT_LINK);
        assertThat(page.status()).isIn(302, 403);
        assertThat(links.all()).isEmpty();
        assertThat(audit.actionsSince(before)).isNotEmpty();
    }

    @Test
    void aFinanceOfficerCannotSetALinkAndTheRefusalIsAudited() {
        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/staff");
        long before = audit.lastId();
        Visitor.Page page = point(officer, "RENT_PAYMENTS", RENT_LINK);
        assertThat(page.status()).isEqualTo(403);
        assertThat(links.all()).isEmpty();
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }
}
