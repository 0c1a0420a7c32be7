package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.ParkingFixtures;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class ServiceSwitchTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired ServiceSwitches switches;
    @Autowired AuditRows audit;
    Visitor manager;

    @BeforeEach
    void signInAsServiceManager() {
        accounts.clearSignInThrottles();
        parking.clearLookupCounts();
        manager = new Visitor(port);
        SignIns.asStaff(manager, accounts.aStaffMember().withRole(StaffRole.SERVICE_MANAGER).enrolled().build());
    }

    @AfterEach
    void everythingBackOn() {
        for (ResidentService service : ResidentService.values()) {
            switches.switchTo(service, ServiceState.ON, null, "test");
        }
    }

    private void switchTo(ResidentService service, ServiceState state, String message) {
        manager.get("/staff/services");
        Visitor.Page saved = manager.post("/staff/services", Map.of("service", service.name(), "state", state.name(), "message", message));
        if (state == ServiceState.OFF) {
            // Switching off is asked about first, naming the service; nothing has changed yet.
            assertThat(saved.body()).contains("Are you sure you want to switch off " + service.title(), "Yes, switch off " + service.title());
            assertThat(switches.statusOf(service).state()).isNotEqualTo(ServiceState.OFF);
            saved = manager.post("/staff/services", Map.of("service", service.name(), "state", state.name(), "message", message,
                    "confirmed", "yes"));
        }
        assertThat(saved.location()).contains("/staff/services?changed");
    }

    @Test
    void everyFormOnTheSwitchesPageCarriesItsCsrfTokenSoItWorksFromABrowser() {
        String page = manager.get("/staff/services").body();
        long forms = java.util.regex.Pattern.compile("<form[^>]*method=\"post\"").matcher(page).results().count();
        long tokens = java.util.regex.Pattern.compile("<form[^>]*method=\"post\"[^>]*><input type=\"hidden\" name=\"_csrf\"")
                .matcher(page).results().count();
        assertThat(forms).as("a form per service, one for maintenance, and the header's sign-out")
                .isGreaterThanOrEqualTo(ResidentService.values().length + 1);
        assertThat(tokens).isEqualTo(forms);
    }

    @Test
    void aSwitchedOffServiceShowsItsExplanationWithRetryAfterAndTheBannerTellsEveryone() {
        long before = audit.lastId();
        switchTo(ResidentService.PCN_VIEWER, ServiceState.OFF, "We are fixing the parking system. Back by 4pm.");
        assertThat(audit.actionsSince(before)).containsExactly("SERVICE_SWITCHED");

        Visitor resident = new Visitor(port);
        Visitor.Page lookup = resident.get("/parking");
        assertThat(lookup.status()).isEqualTo(503);
        assertThat(lookup.header("Retry-After")).isEqualTo("900");
        assertThat(lookup.body()).contains("Looking up parking fines is not available at the moment")
                .contains("Back by 4pm").contains("the council will extend it");
        assertThat(resident.get("/").body()).contains("govuk-notification-banner").contains("Back by 4pm");
        assertThat(resident.get("/status").body()).contains("Unavailable").contains("Looking up parking fines");

        switchTo(ResidentService.PCN_VIEWER, ServiceState.ON, "");
        assertThat(resident.get("/parking").status()).isEqualTo(200);
        assertThat(resident.get("/").body()).doesNotContain("Back by 4pm");
    }

    @Test
    void aDegradedServiceLetsResidentsLookButNotChangeAnything() {
        AccountFixtures.Resident person = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().onAccountOf(person.ref()).build();
        switchTo(ResidentService.CHALLENGES, ServiceState.DEGRADED, "");
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, person);
        assertThat(resident.get("/parking/pcn/" + pcn.ref() + "/challenge").status()).isEqualTo(200);
        Visitor.Page submit = resident.post("/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "please"));
        assertThat(submit.status()).isEqualTo(503);
        assertThat(submit.body()).contains("read only");
    }

    @Test
    void switchingOffResidentSignInLeavesStaffSignInWorking() {
        switchTo(ResidentService.SIGN_IN, ServiceState.OFF, "Account sign-in is paused while we investigate.");
        assertThat(new Visitor(port).get("/sign-in").status()).isEqualTo(503);
        assertThat(new Visitor(port).get("/staff/sign-in").status()).isEqualTo(200);
    }

    @Test
    void aTamperedSwitchIsRefusedAndChangesNothing() {
        manager.get("/staff/services");
        assertThat(manager.post("/staff/services", Map.of("service", "EVERYTHING", "state", "OFF", "message", "")).status()).isEqualTo(400);
        assertThat(manager.post("/staff/services", Map.of("service", "PCN_VIEWER", "state", "MELTDOWN", "message", "")).status()).isEqualTo(400);
        assertThat(switches.statusOf(ResidentService.PCN_VIEWER).on()).isTrue();
    }
}
