package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.platform.ClockConfiguration;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class PlannedMaintenanceTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired PlannedMaintenance maintenance;
    @Autowired ServiceSwitches switches;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;
    Visitor manager;

    @BeforeEach
    void signIn() {
        accounts.clearSignInThrottles();
        manager = new Visitor(port);
        SignIns.asStaff(manager, accounts.aStaffMember().withRole(StaffRole.SERVICE_MANAGER).enrolled().build());
    }

    @AfterEach
    void tidy() {
        jdbc.sql("update maintenance_window set started = true, ended = true").update();
        clock.reset();
        for (ResidentService service : ResidentService.values()) {
            switches.switchTo(service, ServiceState.ON, null, "test");
        }
    }

    private Visitor.Page plan(LocalDateTime start, LocalDateTime end) {
        manager.get("/staff/services");
        Map<String, String> fields = new java.util.HashMap<>(Map.of("service", "PCN_PAYMENTS", "message", "Card payments move to a new provider."));
        fields.putAll(parts("starts", start));
        fields.putAll(parts("ends", end));
        return manager.post("/staff/services/maintenance", fields);
    }

    /** A moment as the page's GOV.UK date inputs and hour and minute send it. */
    private static Map<String, String> parts(String prefix, LocalDateTime at) {
        return Map.of(prefix + "Day", Integer.toString(at.getDayOfMonth()), prefix + "Month", Integer.toString(at.getMonthValue()),
                prefix + "Year", Integer.toString(at.getYear()), prefix + "Hour", Integer.toString(at.getHour()),
                prefix + "Minute", Integer.toString(at.getMinute()));
    }

    @Test
    void maintenanceIsAnnouncedInAdvanceThenSwitchesTheServiceOffAndBackOnByItself() {
        LocalDateTime start = LocalDateTime.now(ClockConfiguration.LONDON).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        long before = audit.lastId();
        assertThat(plan(start, start.plusHours(3)).location()).contains("/staff/services?planned");
        assertThat(audit.actionsSince(before)).containsExactly("MAINTENANCE_PLANNED");
        Visitor resident = new Visitor(port);
        assertThat(resident.get("/").body()).contains("Planned maintenance: paying parking fines will be unavailable")
                .contains("Card payments move to a new provider.");
        assertThat(resident.get("/status").body()).contains("Planned maintenance: paying parking fines");

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        maintenance.applyDueWindows();
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).state()).isEqualTo(ServiceState.OFF);
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).residentMessage()).contains("Card payments move");

        clock.advance(Duration.ofHours(3));
        maintenance.applyDueWindows();
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).on()).isTrue();
        maintenance.applyDueWindows();
        assertThat(jdbc.sql("select count(*) from service_outage where service = 'PCN_PAYMENTS' and ended_at is null")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aWindowThatEndsBeforeItStartsOrStartsInThePastIsRefused() {
        LocalDateTime start = LocalDateTime.now(ClockConfiguration.LONDON).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        assertThat(plan(start, start.minusHours(1)).body()).contains("govuk-error-summary").contains("The end must be after the start");
        assertThat(plan(start.minusDays(2), start.minusDays(2).plusHours(1)).body()).contains("The start must be in the future");
        Visitor.Page nonsense = manager.post("/staff/services/maintenance", Map.of("service", "PCN_PAYMENTS", "startsDay", "31",
                "startsMonth", "2", "startsYear", "2027", "startsHour", "9", "startsMinute", "00", "endsDay", "soon", "message", ""));
        assertThat(nonsense.body()).contains("govuk-error-summary", "Enter when the maintenance starts as a real date and time",
                "Enter when the maintenance ends as a real date and time", "value=\"soon\"");
    }
}
