package org.townhall.parking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.CaseStore.CaseRow;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.parking.store.PcnStore.PhotoRow;
import org.townhall.platform.BankHolidays;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;

/** Finding and showing PCNs: the look-up, the PCN page, its photos, adding it to an account. */
@Service
public class ParkingFines {

    /** One address may look up 30 PCNs in 10 minutes: plenty for a household, slow for a scraper. */
    static final int ADDRESS_LOOKUPS = 30;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    /** One PCN number may be tried with a wrong registration 5 times an hour, so the registration cannot be guessed. */
    static final int PCN_LOOKUPS = 5;
    static final Duration PCN_WINDOW = Duration.ofHours(1);

    private final PcnStore pcns;
    private final CaseStore cases;
    private final ParkingLetters letters;
    private final AuditTrail audit;
    private final BankHolidays bankHolidays;
    private final Clock clock;

    ParkingFines(PcnStore pcns, CaseStore cases, ParkingLetters letters, AuditTrail audit, BankHolidays bankHolidays,
                 Clock clock) {
        this.pcns = pcns;
        this.cases = cases;
        this.letters = letters;
        this.audit = audit;
        this.bankHolidays = bankHolidays;
        this.clock = clock;
    }

    /**
     * Looks a PCN up by its number and the vehicle's registration together. Counted per client
     * address and per PCN number before the database is asked; every attempt is audited.
     */
    @Transactional
    public LookupResult lookUp(String typedNumber, String typedRegistration, String residentRef, ClientOrigin origin) {
        String number = PcnNumbers.normalise(typedNumber);
        String vrm = PcnNumbers.normaliseRegistration(typedRegistration);
        Actor actor = Actor.residentOrAnonymous(residentRef);
        Instant now = clock.instant();
        String address = origin.clientAddress() == null ? "unknown" : origin.clientAddress();
        String numberKey = number.length() > 20 ? number.substring(0, 20) : number;
        int fromAddress = pcns.countLookup("ADDRESS", address, now, now.minus(ADDRESS_WINDOW));
        // Per PCN number only failures count, so the keeper looking their own fine up again is never held up.
        int failedForNumber = pcns.lookupsInWindow("PCN", numberKey, now.minus(PCN_WINDOW));
        if (fromAddress > ADDRESS_LOOKUPS || failedForNumber >= PCN_LOOKUPS) {
            Duration wait = fromAddress > ADDRESS_LOOKUPS
                    ? pcns.retryAfter("ADDRESS", address, ADDRESS_WINDOW, now) : pcns.retryAfter("PCN", numberKey, PCN_WINDOW, now);
            audit.record(AuditEntry.of(AuditAction.PCN_LOOKUP_THROTTLED, AuditOutcome.DENIED, actor)
                    .onNamed(number).because(fromAddress > ADDRESS_LOOKUPS ? "address" : "pcn number"), origin);
            return new LookupResult.TryLater(wait);
        }
        Optional<PcnRow> found = PcnNumbers.isWellFormed(number)
                ? pcns.findByNumber(number).filter(p -> p.vrm().equals(vrm)) : Optional.empty();
        if (found.isEmpty()) {
            pcns.countLookup("PCN", numberKey, now, now.minus(PCN_WINDOW));
            audit.record(AuditEntry.of(AuditAction.PCN_LOOKED_UP, AuditOutcome.FAILURE, actor).onNamed(number), origin);
            return new LookupResult.NotFound();
        }
        // About whoever looked it up, not about those who saved it: a stranger who saved the PCN
        // would otherwise see in their own history each time the keeper looked it up.
        audit.record(AuditEntry.of(AuditAction.PCN_LOOKED_UP, AuditOutcome.SUCCESS, actor)
                .about(residentRef).on(number), origin);
        return new LookupResult.Found(found.get().ref());
    }

    /**
     * The PCN page, if this viewer may see it: they looked it up, or saved it to their account.
     * Anything else, an edited or guessed reference included, is refused and recorded.
     */
    @Transactional
    public Optional<PcnDetails> details(String pcnRef, PcnViewer viewer) {
        return visibleOrRecorded(pcnRef, viewer).map(pcn -> toDetails(pcn, viewer));
    }

    @Transactional
    public Optional<PhotoRow> photo(String pcnRef, String photoRef, PcnViewer viewer) {
        return visibleOrRecorded(pcnRef, viewer).flatMap(pcn -> photoOf(pcn.id(), photoRef));
    }

    /** A photo of a PCN, for a page that has already decided the viewer may see the PCN. */
    Optional<PhotoRow> photoOf(long pcnId, String photoRef) {
        return photoRef == null || photoRef.length() > 64 ? Optional.empty() : pcns.photo(pcnId, photoRef);
    }

    private Optional<PcnRow> visibleOrRecorded(String pcnRef, PcnViewer viewer) {
        Optional<PcnRow> pcn = visible(pcnRef, viewer);
        if (pcn.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED,
                    Actor.residentOrAnonymous(viewer.residentRef()))
                    .onNamed(pcnRef).because("pcn not looked up or not on account"));
        }
        return pcn;
    }

    /**
     * Saves a PCN the resident has looked up to their account (or confirms it is there already),
     * never one merely named in a URL; refusals are recorded. Saving is a saved look-up, not
     * ownership (ADR 0012): anyone who knows the number and registration may save the same PCN,
     * and it shows them nothing the look-up does not. So it can never hide the PCN from its
     * keeper, nor stop them challenging or paying it.
     */
    @Transactional
    public boolean addToAccount(String pcnRef, PcnViewer viewer) {
        Optional<PcnRow> pcn = viewer.signedIn() ? visible(pcnRef, viewer) : Optional.empty();
        if (pcn.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED,
                    Actor.residentOrAnonymous(viewer.residentRef()))
                    .onNamed(pcnRef).because("pcn not looked up"));
            return false;
        }
        pcns.save(pcn.get().id(), viewer.residentRef());
        audit.record(AuditEntry.of(AuditAction.PCN_ADDED_TO_ACCOUNT, AuditOutcome.SUCCESS, Actor.resident(viewer.residentRef()))
                .about(viewer.residentRef()).on(pcn.get().number()));
        return true;
    }

    public List<PcnDetails> onAccount(String residentRef) {
        PcnViewer viewer = new PcnViewer(residentRef, Set.of());
        return pcns.ofResident(residentRef).stream().map(pcn -> toDetails(pcn, viewer)).toList();
    }

    /** The timeline facts of a PCN, for the modules and services that act on it. */
    Timeline.Facts facts(PcnRow pcn) {
        return facts(pcn, cases.latestOf(pcn.id()), pcns.extensionDays(pcn.id()));
    }

    /** The facts of each of these open PCNs, by id, in two queries whatever their number (an outage ending). */
    Map<Long, Timeline.Facts> factsOfOpen(List<PcnRow> open) {
        Map<Long, CaseRow> latest = cases.latestOfOpenPcns();
        Map<Long, Integer> extensionDays = pcns.extensionDaysOfOpen();
        Map<Long, Timeline.Facts> facts = new HashMap<>();
        for (PcnRow pcn : open) {
            facts.put(pcn.id(), facts(pcn, Optional.ofNullable(latest.get(pcn.id())), extensionDays.getOrDefault(pcn.id(), 0)));
        }
        return facts;
    }

    private Timeline.Facts facts(PcnRow pcn, Optional<CaseRow> latest, int extensionDays) {
        return new Timeline.Facts(pcn.chargePence(), pcn.servedOn(), pcn.ntoServedOn(), pcn.ccServedOn(),
                pcn.status() != PcnStatus.OPEN, latest.map(c -> new Timeline.CaseFacts(c.informal(), c.receivedOn(), c.open(),
                c.status() == CaseStatus.REJECTED, c.decidedOn(), decisionServedOn(c))), extensionDays);
    }

    /** A decision's letter is posted the day it is made, and served on the working days that follow. */
    private LocalDate decisionServedOn(CaseRow decided) {
        return decided.decidedOn() == null ? null : servedIfPostedOn(decided.decidedOn());
    }

    /** The day a notice posted on this day is taken to be served. */
    LocalDate servedIfPostedOn(LocalDate postedOn) {
        return Timeline.servedWhenPosted(postedOn, bankHolidays.workingDays());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
    }

    /** The PCN, if this viewer looked it up in this browser or saved it to their account. */
    Optional<PcnRow> visible(String pcnRef, PcnViewer viewer) {
        if (pcnRef == null || pcnRef.length() > 64) {
            return Optional.empty();
        }
        return pcns.findByRef(pcnRef)
                .filter(pcn -> viewer.lookedUp().contains(pcn.ref()) || pcns.isSavedBy(pcn.id(), viewer.residentRef()));
    }

    /**
     * What the page shows is the same for anyone who can see the PCN, saved or not, plus the
     * viewer's own cases and the letters answering them: never another resident's.
     */
    private PcnDetails toDetails(PcnRow pcn, PcnViewer viewer) {
        List<PcnDetails.Photo> photos = pcns.photoList(pcn.id()).stream().map(p -> new PcnDetails.Photo(p.ref(), p.caption())).toList();
        String resident = viewer.residentRef();
        List<PcnDetails.CaseSummary> caseList = resident == null ? List.of() : cases.ofPcnBy(pcn.id(), resident).stream()
                .map(c -> new PcnDetails.CaseSummary(c.ref(), c.kind().name(), c.status().name(), c.receivedOn(), c.decideBy())).toList();
        List<PcnDetails.Letter> letterList = resident == null ? List.of() : cases.lettersOf(pcn.id(), resident).stream()
                .map(l -> new PcnDetails.Letter(l.ref(), letters.title(l.kind()), l.body(), l.sentOn())).toList();
        List<String> savers = pcns.savedBy(pcn.id());
        Optional<CaseRow> latest = cases.latestOf(pcn.id());
        boolean challengedByAnother = latest.filter(c -> c.open() && !c.residentRef().equals(resident)).isPresent();
        return new PcnDetails(pcn.ref(), pcn.number(), pcn.vrm(), pcn.contraventionCode(), pcn.contraventionDescription(),
                pcn.location(), pcn.observedAt(), pcn.officerNumber(), pcn.chargePence(), pcn.status().name(),
                Timeline.on(facts(pcn, latest, pcns.extensionDays(pcn.id())), today()), photos, caseList, letterList,
                savers.contains(resident), savers.stream().anyMatch(s -> !s.equals(resident)), challengedByAnother, pcn.demo());
    }

}
