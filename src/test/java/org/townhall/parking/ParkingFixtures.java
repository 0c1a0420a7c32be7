package org.townhall.parking;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.NewPcn;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/** {@code parking.aPcn().servedDaysAgo(3).forVehicle("AB12CDE").onAccountOf(resident).build()} */
@Component
public class ParkingFixtures {

    private final PcnStore pcns;
    private final JdbcClient jdbc;
    private final Clock clock;

    ParkingFixtures(PcnStore pcns, JdbcClient jdbc, Clock clock) {
        this.pcns = pcns;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Pcn(String ref, String number, String vrm) {
    }

    public PcnBuilder aPcn() {
        return new PcnBuilder();
    }

    /** Forgets look-up counts, so one test's deliberate flood does not throttle the next. */
    public void clearLookupCounts() {
        jdbc.sql("delete from pcn_lookup_window").update();
    }

    public void clearLookupCountsFor(String scope) {
        jdbc.sql("delete from pcn_lookup_window where scope = :scope").param("scope", scope).update();
    }

    public class PcnBuilder {
        private int servedDaysAgo = 2;
        private Integer ntoDaysAgo;
        private String vrm = "AB" + (10 + (int) (Math.random() * 89)) + "XYZ";
        private String residentRef;
        private String code = "12";

        public PcnBuilder servedDaysAgo(int days) {
            servedDaysAgo = days;
            return this;
        }

        public PcnBuilder withNoticeToOwnerDaysAgo(int days) {
            ntoDaysAgo = days;
            return this;
        }

        public PcnBuilder forVehicle(String registration) {
            vrm = registration;
            return this;
        }

        public PcnBuilder onAccountOf(String resident) {
            residentRef = resident;
            return this;
        }

        public PcnBuilder forContravention(String contraventionCode) {
            code = contraventionCode;
            return this;
        }

        public Pcn build() {
            LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
            String ref = PublicReferences.next();
            String number = PcnNumbers.next();
            long id = pcns.insert(new NewPcn(ref, number, vrm, code, "Test Street", clock.instant(), "CEO 1",
                    today.minusDays(servedDaysAgo), ntoDaysAgo == null ? null : today.minusDays(ntoDaysAgo), null, "OPEN",
                    residentRef, false), 16_000, 11_000);
            pcns.addPhoto(id, PublicReferences.next(), "Vehicle", "image/png",
                    StreetPhotos.draw(vrm, "Test Street", clock.instant().atZone(ClockConfiguration.LONDON), 0));
            return new Pcn(ref, number, vrm);
        }
    }
}
