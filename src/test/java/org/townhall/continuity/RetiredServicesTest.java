package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/** Rows naming a service since taken out of Townhall's list are passed over, never fatal. */
@TownhallTest
class RetiredServicesTest {

    private static final String RETIRED = "PARKING_KIOSK";

    @Autowired ServiceSwitches switches;
    @Autowired PlannedMaintenance maintenance;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    @AfterEach
    void tidy() {
        jdbc.sql("delete from service_switch_history where service = :s").param("s", RETIRED).update();
        jdbc.sql("delete from service_switch where service = :s").param("s", RETIRED).update();
        jdbc.sql("delete from maintenance_window where service = :s").param("s", RETIRED).update();
    }

    @Test
    void theStatusHistoryLeavesOutARetiredServicesSwitches() {
        jdbc.sql("insert into service_switch_history (service, state, changed_at, changed_by) values (:s, 'OFF', :now, 'test')")
                .param("s", RETIRED).param("now", Timestamp.from(clock.instant().plus(Duration.ofDays(1)))).update();

        assertThat(switches.history(20)).noneMatch(status -> status.service() == null);
    }

    @Test
    void aRetiredServicesMaintenanceWindowNeitherStopsTheJobNorShowsOnThePage() {
        jdbc.sql("""
                insert into maintenance_window (public_ref, service, starts_at, ends_at, announced_by)
                values ('retired-window', :s, :starts, :ends, 'test')""").param("s", RETIRED)
                .param("starts", Timestamp.from(clock.instant().minus(Duration.ofMinutes(5))))
                .param("ends", Timestamp.from(clock.instant().plus(Duration.ofHours(1)))).update();

        maintenance.applyDueWindows();
        assertThat(maintenance.pending()).noneMatch(window -> window.ref().equals("retired-window"));
    }
}
