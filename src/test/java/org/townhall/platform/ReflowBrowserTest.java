package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.parking.CaseKind;
import org.townhall.parking.Decision;
import org.townhall.parking.ParkingDecisions;
import org.townhall.parking.ParkingFixtures;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.payments.PaymentFixtures;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Every page a resident can reach, signed out and signed in, with the error state of each form,
 * at 320 CSS pixels wide: a small phone, or a 1280-pixel screen zoomed to 400%. Nothing may
 * scroll sideways (WCAG 2.2, 1.4.10 Reflow): a wide table scrolls inside its own labelled region,
 * a photo shrinks to fit. Each page is checked with axe-core at that width too.
 */
@TownhallTest
class ReflowBrowserTest {

    private static final int WIDTH = 320;

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired PaymentFixtures payments;
    @Autowired ServiceSwitches switches;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired ParkingDecisions decisions;
    Browser browser;
    final List<String> visited = new ArrayList<>();

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
        parking.clearLookupCounts();
        browser = new Browser(port).viewport(WIDTH, 640);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    /** The page now showing fits the width, and passes axe-core there. */
    private void fits(String what) {
        assertThat(browser.viewportWidth()).as("the emulated width").isEqualTo(WIDTH);
        assertThat(browser.sidewaysScroll()).as(what + " (" + browser.path() + ") scrolls sideways at " + WIDTH + "px").isEmpty();
        browser.assertAccessible();
        visited.add(what);
    }

    private void page(String path) {
        browser.open(path);
        fits(path);
    }

    @Test
    void everyPageASignedOutResidentCanReachFitsAPhoneWithoutScrollingSideways() {
        for (String path : List.of("/", "/register", "/sign-in", "/forgot-password", "/status", "/parking", "/pay",
                "/pay/council-tax", "/pay/rent", "/help/accessibility-statement", "/help/privacy-notice", "/help/cookies",
                "/help/feedback", "/help/contact", "/reset-password?token=not-a-real-token",
                "/confirm-email?token=not-a-real-token", "/a-page-that-does-not-exist")) {
            page(path);
        }
        for (String form : List.of("/register", "/sign-in", "/forgot-password", "/parking", "/pay/council-tax", "/pay/rent")) {
            browser.open(form).pressTheMainButton();
            assertThat(browser.title()).as(form + " with nothing filled in").startsWith("Error:");
            fits(form + " with errors");
        }

        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forVehicle("RF12LOW").build();
        browser.open("/parking").type("pcnNumber", pcn.number()).type("registration", pcn.vrm()).submit("pcnNumber");
        assertThat(browser.imagesLoaded()).as("the PCN's photo").isGreaterThan(0);
        fits("a PCN looked up without an account");

        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        browser.open("/pay/council-tax").type("accountNumber", account.accountNumber()).type("postcode", account.postcode())
                .type("amount", "20").type("email", "payer@example.com").click("Continue to payment");
        fits("the sandbox card page");
        browser.pressTheMainButton();
        fits("the sandbox card page with errors");
        browser.type("cardNumber", "4444 3333 2222 1111").type("expiry", "12/30").type("cardholderName", "A Payer")
                .type("securityCode", "123").submit("cardNumber");
        fits("a receipt for a payment without an account");

        switches.switchTo(ResidentService.PCN_VIEWER, ServiceState.OFF, "Parking look-ups are paused until 4pm.", "test");
        try {
            browser.open("/parking");
            assertThat(browser.text()).contains("Parking look-ups are paused until 4pm.");
            fits("a switched-off service");
        } finally {
            switches.switchTo(ResidentService.PCN_VIEWER, ServiceState.ON, "", "test");
        }
        assertThat(visited).hasSizeGreaterThan(25);
    }

    @Test
    void everyPageASignedInResidentCanReachFitsAPhoneWithoutScrollingSideways() {
        AccountFixtures.Resident resident = accounts.aResident().named("Reflow Resident").build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        PaymentFixtures.Taken paid = payments.aTakenCouncilTaxPayment(resident, "12.50");
        BillingFixtures.RentFixture tenancy = billing.aRentAccount().weekly(15_000).linkedTo(resident.ref()).build();
        ParkingFixtures.Pcn open = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        ParkingFixtures.Pcn decided = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        LocalDate today = LocalDate.now(ClockConfiguration.LONDON);
        cases.open(caseRef, pcns.findByRef(decided.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there on the day; the car was at a garage in Croydon.",
                resident.ref(), today, today.plusDays(56), officer.ref());
        decisions.decide(caseRef, officer.ref(), new Decision.Reject("The photographs show the vehicle in the bay with no permit."));

        browser.open("/sign-in").type("email", resident.email()).type("password", resident.password()).submit("email");
        for (String path : List.of("/account", "/", "/payments", "/payments/" + paid.paymentRef(),
                "/council-tax/" + paid.accountRef(), "/rent/" + tenancy.ref(), "/council-tax/link", "/rent/link",
                "/parking/pcn/" + open.ref(), "/parking/pcn/" + open.ref() + "/challenge", "/parking/pcn/" + decided.ref(),
                "/parking/cases/" + caseRef, "/parking/evidence-access", "/status", "/help/accessibility-statement")) {
            page(path);
        }
        for (String form : List.of("/council-tax/link", "/rent/link", "/parking/pcn/" + open.ref() + "/challenge")) {
            browser.open(form).pressTheMainButton();
            assertThat(browser.title()).as(form + " with nothing filled in").startsWith("Error:");
            fits(form + " with errors");
        }
        for (String pay : List.of("/council-tax/" + paid.accountRef(), "/rent/" + tenancy.ref())) {
            browser.open(pay).type("amount", "12,34,5").submit("amount");
            assertThat(browser.title()).as(pay + " with an amount that is not money").startsWith("Error:");
            fits(pay + " with errors");
        }
        assertThat(visited).hasSizeGreaterThan(18);
    }
}
