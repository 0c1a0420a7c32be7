package org.townhall.parking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.NewPcn;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/**
 * Demo PCNs for Eastbridge in the default profile only: fines at each stage for the demo
 * residents, some for vehicles nobody has claimed, photos, and one case waiting for the demo
 * parking officer. Loaded once; printed at start-up so a demo can look them up.
 */
@Component
@Profile("!production")
@ConditionalOnProperty(name = "townhall.demo-data", havingValue = "true")
class DemoParking {

    private static final Logger log = LoggerFactory.getLogger(DemoParking.class);

    private final PcnStore pcns;
    private final CaseStore cases;
    private final ResidentAccounts residents;
    private final StaffAccounts staff;
    private final EvidenceVault vault;
    private final ParkingLetters letters;
    private final ParkingFines fines;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final long higherPence;
    private final long lowerPence;

    DemoParking(PcnStore pcns, CaseStore cases, ResidentAccounts residents, StaffAccounts staff, EvidenceVault vault,
                ParkingLetters letters, ParkingFines fines, TransactionTemplate transactions, Clock clock,
                @Value("${townhall.parking.charges.higher-pence}") long higherPence,
                @Value("${townhall.parking.charges.lower-pence}") long lowerPence) {
        this.pcns = pcns;
        this.cases = cases;
        this.residents = residents;
        this.staff = staff;
        this.vault = vault;
        this.letters = letters;
        this.fines = fines;
        this.transactions = transactions;
        this.clock = clock;
        this.higherPence = higherPence;
        this.lowerPence = lowerPence;
    }

    private record Demo(String residentEmail, String vrm, String code, String location, int daysAgo, Integer ntoDaysAgo,
                        Integer ccDaysAgo, String status, Representations representations) {
    }

    /** Where a demo fine's formal representations stand, if it has any. */
    private enum Representations { NONE, WAITING, REJECTED }

    private static final List<Demo> DEMOS = List.of(
            new Demo("amara.okafor@example.com", "AB12CDE", "12", "Elm Grove, outside no. 14", 3, null, null, "OPEN", Representations.NONE),
            new Demo("amara.okafor@example.com", "AB12CDE", "62", "Station Road, by the bus shelter", 45, 12, null, "OPEN", Representations.WAITING),
            new Demo("ben.hughes@example.com", "LR68XYZ", "05", "High Street pay and display bay 7", 20, null, null, "OPEN", Representations.NONE),
            new Demo("ben.hughes@example.com", "LR68XYZ", "30", "Market Square", 60, null, null, "PAID", Representations.NONE),
            new Demo("ben.hughes@example.com", "LR68XYZ", "25", "Mill Road loading bay", 50, 20, null, "OPEN", Representations.REJECTED),
            new Demo("chloe.martin@example.com", "KX70MPN", "40", "Library car park", 30, null, null, "CANCELLED", Representations.NONE),
            new Demo("chloe.martin@example.com", "KX70MPN", "02", "Church Lane", 120, 90, 20, "OPEN", Representations.NONE),
            new Demo(null, "GU19TLW", "01", "Canal Street", 2, null, null, "OPEN", Representations.NONE),
            new Demo(null, "YC21BRT", "47", "Bridge Street bus stop", 9, null, null, "OPEN", Representations.NONE),
            new Demo(null, "SN66HVA", "27", "Orchard Lane dropped kerb", 33, 2, null, "OPEN", Representations.NONE));

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void load() {
        if (pcns.anyDemo()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        Optional<String> officer = staff.all().stream().filter(m -> m.email().equals("parking.officer@eastbridge.example"))
                .map(StaffMember::ref).findFirst();
        StringBuilder printed = new StringBuilder("\n\n  DEMO PARKING FINES (look up at /parking with number and registration)\n");
        transactions.executeWithoutResult(status -> {
            for (Demo demo : DEMOS) {
                String resident = demo.residentEmail() == null ? null : residents.referenceOf(demo.residentEmail()).orElse(null);
                LocalDate served = today.minusDays(demo.daysAgo());
                ZonedDateTime observed = served.atTime(10, 42).atZone(ClockConfiguration.LONDON);
                String number = PcnNumbers.next();
                long id = pcns.insert(new NewPcn(PublicReferences.next(), number, demo.vrm(), demo.code(), demo.location(),
                        observed.toInstant(), "CEO 0417", served, demo.ntoDaysAgo() == null ? null : today.minusDays(demo.ntoDaysAgo()),
                        demo.ccDaysAgo() == null ? null : today.minusDays(demo.ccDaysAgo()), demo.status(), resident, true),
                        higherPence, lowerPence);
                for (int angle = 0; angle < 2; angle++) {
                    pcns.addPhoto(id, PublicReferences.next(), angle == 0 ? "Vehicle and restriction" : "Registration plate",
                            "image/png", StreetPhotos.draw(demo.vrm(), demo.location(), observed.plusMinutes(angle), angle));
                }
                if (demo.representations() != Representations.NONE && resident != null) {
                    String caseRef = openDemoRepresentations(id, resident, today, officer.orElse(null));
                    if (demo.representations() == Representations.REJECTED) {
                        rejectDemoRepresentations(id, caseRef, number, today, officer.orElse("SYSTEM"), higherPence);
                    }
                }
                printed.append("    ").append(number).append("  ").append(demo.vrm()).append("  ").append(demo.status())
                        .append(demo.residentEmail() == null ? "" : "  (" + demo.residentEmail() + ")").append('\n');
            }
        });
        log.info(printed.toString());
    }

    private String openDemoRepresentations(long pcnId, String resident, LocalDate today, String officer) {
        String caseRef = PublicReferences.next();
        LocalDate received = today.minusDays(5);
        cases.open(caseRef, pcnId, CaseKind.REPRESENTATIONS, "The alleged contravention did not occur",
                "I was loading heavy shopping for my elderly mother and the wheels were on the kerb for two minutes. "
                        + "My receipt is attached.", resident, received, Timeline.decideBy(received, false), officer);
        vault.store(vault.check(List.of(new IncomingFile("receipt.pdf", demoReceipt())), resident), resident, caseRef);
        return caseRef;
    }

    /** A one-page till receipt, as a PDF the evidence checks accept: it must have a page to show the officer. */
    private static byte[] demoReceipt() {
        String drawing = "BT /F1 12 Tf 20 160 Td (Eastbridge Market) Tj 0 -20 Td (10:39  Total 42.17) Tj ET";
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
                + "4 0 obj << /Length " + drawing.length() + " >> stream\n" + drawing + "\nendstream endobj\n"
                + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void rejectDemoRepresentations(long pcnId, String caseRef, String number, LocalDate today, String officer, long chargePence) {
        String reasons = "The photographs show the vehicle in the loading bay for 20 minutes with no loading seen.";
        CaseStore.CaseRow row = cases.findByRef(caseRef).orElseThrow();
        LocalDate posted = today.minusDays(2);
        LocalDate served = fines.servedIfPostedOn(posted);
        cases.decide(row.id(), CaseStatus.REJECTED, reasons, posted, officer, clock.instant());
        cases.addLetter(PublicReferences.next(), pcnId, row.id(), "NOTICE_OF_REJECTION",
                letters.noticeOfRejection(number, reasons, posted, served, Timeline.lastDayOf(served, Timeline.APPEAL_DAYS),
                        chargePence),
                posted);
    }
}
