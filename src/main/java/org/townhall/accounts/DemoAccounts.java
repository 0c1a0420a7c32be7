package org.townhall.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.StaffStore;
import org.townhall.platform.PublicReferences;

/**
 * Demo residents and one member of staff for each role, for the London Borough of Eastbridge.
 * Loaded only in the default profile, marked as demo everywhere they appear, and never in
 * production (the profile check and townhall.demo-data=false both keep them out).
 */
@Component
@Profile("!production")
@ConditionalOnProperty(name = "townhall.demo-data", havingValue = "true")
class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
    /** Demo-only passwords, printed at start-up. They exist only in the embedded default. */
    static final String RESIDENT_PASSWORD = "eastbridge-demo-resident";
    static final String STAFF_PASSWORD = "eastbridge-demo-staff";

    record DemoResident(String email, String fullName) {
    }

    record DemoStaff(String email, String fullName, StaffRole role) {
    }

    static final List<DemoResident> RESIDENTS = List.of(
            new DemoResident("amara.okafor@example.com", "Amara Okafor"),
            new DemoResident("ben.hughes@example.com", "Ben Hughes"),
            new DemoResident("chloe.martin@example.com", "Chloe Martin"));

    static final List<DemoStaff> STAFF = List.of(
            new DemoStaff("parking.officer@eastbridge.example", "Priya Shah", StaffRole.PARKING_OFFICER),
            new DemoStaff("finance.officer@eastbridge.example", "Femi Adeyemi", StaffRole.FINANCE_OFFICER),
            new DemoStaff("service.manager@eastbridge.example", "Sam Walsh", StaffRole.SERVICE_MANAGER),
            new DemoStaff("security.analyst@eastbridge.example", "Jo Kowalski", StaffRole.SECURITY_ANALYST),
            new DemoStaff("auditor@eastbridge.example", "Alex Reid", StaffRole.AUDITOR),
            new DemoStaff("admin@eastbridge.example", "Morgan Lee", StaffRole.ADMIN),
            new DemoStaff("parking.lead@eastbridge.example", "Kim Osei", StaffRole.PARKING_TEAM_LEAD));

    private final ResidentStore residents;
    private final StaffStore staff;
    private final Passwords passwords;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoAccounts(ResidentStore residents, StaffStore staff, Passwords passwords, TransactionTemplate transactions, Clock clock) {
        this.residents = residents;
        this.staff = staff;
        this.passwords = passwords;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    void load() {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            String residentHash = null;
            for (DemoResident resident : RESIDENTS) {
                if (residents.findByEmail(resident.email()).isEmpty()) {
                    residentHash = residentHash == null ? passwords.hash(RESIDENT_PASSWORD) : residentHash;
                    residents.insert(PublicReferences.next(), resident.email(), resident.email(),
                            resident.fullName(), residentHash, now, true, true);
                }
            }
            String staffHash = null;
            for (DemoStaff member : STAFF) {
                if (staff.findByEmail(member.email()).isEmpty()) {
                    staffHash = staffHash == null ? passwords.hash(STAFF_PASSWORD) : staffHash;
                    staff.insert(PublicReferences.next(), member.email(), member.email(),
                            member.fullName(), staffHash, now, true)
                            .ifPresent(id -> staff.grant(id, member.role(), now));
                }
            }
        });
        StringBuilder text = new StringBuilder("\n\n  DEMO SIGN-INS (London Borough of Eastbridge, demo data only)\n");
        text.append("  Residents at /sign-in, password '").append(RESIDENT_PASSWORD).append("':\n");
        RESIDENTS.forEach(r -> text.append("    ").append(r.email()).append('\n'));
        text.append("  Staff at /staff/sign-in, password '").append(STAFF_PASSWORD)
                .append("', then set up an authenticator app at first sign-in:\n");
        STAFF.forEach(s -> text.append("    ").append(s.email()).append("  (").append(s.role().title()).append(")\n"));
        log.info(text.toString());
    }
}
