package org.townhall.parking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.townhall.platform.WorkingDays;

/**
 * The statutory timeline of one PCN, worked out for a given day from what has happened so far.
 * Periods "beginning with" a date include that date, so 14 days beginning with 1 March end on
 * 14 March. Dates are London dates. Residents are shown dates, never the rules.
 */
public final class Timeline {

    /** 50% discount if paid within 14 days beginning with service (SI 2007/3483 Sch. para 1; TMA 2004 Sch. 9). */
    static final int DISCOUNT_DAYS = 14;
    /** A Notice to Owner may follow once 28 days beginning with service have passed unpaid (SI 2007/3483 reg 19). */
    static final int NTO_AFTER_DAYS = 28;
    /** Representations within 28 days beginning with service of the Notice to Owner (SI 2007/3482 reg 5(1)). */
    static final int REPRESENTATION_DAYS = 28;
    /** The council decides within 56 days beginning with receipt, or is deemed to accept (SI 2007/3482 reg 5(2)(b), 5(5)). */
    static final int DECISION_DAYS = 56;
    /** An appeal to the adjudicator within 28 days beginning with the Notice of Rejection (SI 2007/3482 reg 7(1)). */
    static final int APPEAL_DAYS = 28;
    /** A charge certificate adds 50% (SI 2007/3483 reg 21; TMA 2004 Sch. 9). */
    static final int SURCHARGE_PERCENT = 50;
    /** An order for recovery may be sought 14 days beginning with the charge certificate (SI 2007/3483 reg 23). */
    static final int RECOVERY_AFTER_DAYS = 14;
    /**
     * A notice sent by first class post is taken to be served on the second working day after the
     * day it was posted (SI 2007/3483 reg 3, service by post); working days leave out weekends and
     * England and Wales's bank holidays.
     */
    static final int SERVED_WORKING_DAYS_AFTER_POSTING = 2;

    /** What has happened to a PCN, as the timeline needs it. */
    public record Facts(long chargePence, LocalDate servedOn, LocalDate ntoServedOn, LocalDate ccServedOn,
                        boolean settled, Optional<CaseFacts> latestCase, int extensionDays) {

        public Facts(long chargePence, LocalDate servedOn, LocalDate ntoServedOn, LocalDate ccServedOn,
                     boolean settled, Optional<CaseFacts> latestCase) {
            this(chargePence, servedOn, ntoServedOn, ccServedOn, settled, latestCase, 0);
        }
    }

    /**
     * The latest challenge or representations and, once decided, the decision: the day it was
     * made (and its letter posted), and the day the letter is taken to be served.
     */
    public record CaseFacts(boolean informal, LocalDate receivedOn, boolean open, boolean rejected, LocalDate decidedOn,
                            LocalDate decisionServedOn) {
    }

    /** A date the resident should know, and what it means for them. */
    public record Milestone(LocalDate date, String meaning) {
    }

    /** The timeline on one day: what is owed, what the resident can do, and what comes next. */
    public record View(long amountDuePence, boolean discounted, boolean mayChallengeInformally,
                       boolean mayMakeRepresentations, boolean challengeOpen, List<Milestone> nextDates) {
    }

    private Timeline() {
    }

    static LocalDate lastDayOf(LocalDate beginning, int days) {
        return beginning.plusDays(days - 1L);
    }

    /** The day a notice posted on {@code postedOn} is taken to be served. */
    public static LocalDate servedWhenPosted(LocalDate postedOn, WorkingDays workingDays) {
        return workingDays.after(postedOn, SERVED_WORKING_DAYS_AFTER_POSTING);
    }

    /** The day by which the council must decide representations received on {@code receivedOn}. */
    public static LocalDate decideBy(LocalDate receivedOn, boolean informal) {
        // Informal challenges have no statutory limit; Eastbridge answers them within the same 56 days.
        return lastDayOf(receivedOn, DECISION_DAYS);
    }

    /** The last day of the discount, or empty once it has gone. */
    static Optional<LocalDate> discountUntil(Facts pcn, LocalDate today) {
        if (pcn.ntoServedOn() != null || pcn.ccServedOn() != null) {
            return Optional.empty();
        }
        // Days added because an outage of the council's online services swallowed the deadline.
        LocalDate until = lastDayOf(pcn.servedOn(), DISCOUNT_DAYS).plusDays(pcn.extensionDays());
        if (pcn.latestCase().isPresent() && pcn.latestCase().get().informal()) {
            CaseFacts challenge = pcn.latestCase().get();
            boolean inTime = !challenge.receivedOn().isAfter(until);
            if (inTime && challenge.open()) {
                // An informal challenge made within the discount period freezes the discount while it is
                // considered (DfT Operational Guidance on parking enforcement) ...
                return Optional.of(today);
            }
            if (inTime && challenge.rejected()) {
                // ... and if rejected, the discount is offered again for 14 days from the rejection.
                until = lastDayOf(challenge.decidedOn(), DISCOUNT_DAYS).plusDays(pcn.extensionDays());
            }
        }
        return today.isAfter(until) ? Optional.empty() : Optional.of(until);
    }

    static LocalDate representationsUntil(Facts pcn) {
        return lastDayOf(pcn.ntoServedOn(), REPRESENTATION_DAYS).plusDays(pcn.extensionDays());
    }

    /**
     * The deadlines a resident had to meet on {@code day}: the discount, representations, an
     * appeal. An outage that swallowed any of them moves them.
     */
    static List<LocalDate> residentDeadlines(Facts pcn, LocalDate day) {
        List<LocalDate> deadlines = new ArrayList<>();
        if (pcn.settled() || pcn.ccServedOn() != null) {
            return deadlines;
        }
        Optional<CaseFacts> latest = pcn.latestCase();
        boolean open = latest.isPresent() && latest.get().open();
        if (!open) {
            discountUntil(pcn, day).ifPresent(deadlines::add);
        }
        if (pcn.ntoServedOn() != null && !open) {
            deadlines.add(representationsUntil(pcn));
        }
        if (latest.isPresent() && !latest.get().informal() && latest.get().rejected()) {
            deadlines.add(lastDayOf(latest.get().decisionServedOn(), APPEAL_DAYS).plusDays(pcn.extensionDays()));
        }
        return deadlines;
    }

    public static View on(Facts pcn, LocalDate today) {
        List<Milestone> next = new ArrayList<>();
        if (pcn.settled()) {
            return new View(0, false, false, false, false, next);
        }
        Optional<CaseFacts> latest = pcn.latestCase();
        boolean open = latest.isPresent() && latest.get().open();
        Optional<LocalDate> discount = discountUntil(pcn, today);
        long amount;
        if (pcn.ccServedOn() != null) {
            amount = pcn.chargePence() + pcn.chargePence() * SURCHARGE_PERCENT / 100;
            next.add(new Milestone(lastDayOf(pcn.ccServedOn(), RECOVERY_AFTER_DAYS).plusDays(1),
                    "The council may apply to the court for an order to recover the charge"));
        } else if (discount.isPresent()) {
            amount = pcn.chargePence() / 2;
            if (!open) {
                next.add(new Milestone(discount.get(), "Last day to pay the discounted amount"));
            }
        } else {
            amount = pcn.chargePence();
        }

        boolean mayChallenge = pcn.ntoServedOn() == null && !open
                && (latest.isEmpty() || !latest.get().informal());
        boolean mayRepresent = false;
        if (pcn.ntoServedOn() != null && pcn.ccServedOn() == null && !open) {
            LocalDate last = representationsUntil(pcn);
            boolean alreadyRepresented = latest.isPresent() && !latest.get().informal()
                    && !latest.get().receivedOn().isBefore(pcn.ntoServedOn());
            if (!today.isAfter(last) && !alreadyRepresented) {
                mayRepresent = true;
                next.add(new Milestone(last, "Last day to pay or make formal representations"));
            }
        }
        if (open) {
            next.add(new Milestone(decideBy(latest.get().receivedOn(), latest.get().informal()),
                    "The council must reply to your " + (latest.get().informal() ? "challenge" : "representations") + " by this date"));
        } else if (latest.isPresent() && !latest.get().informal() && latest.get().rejected() && pcn.ccServedOn() == null) {
            // 28 days beginning with the day the Notice of Rejection is served, not the day it was posted.
            next.add(new Milestone(lastDayOf(latest.get().decisionServedOn(), APPEAL_DAYS).plusDays(pcn.extensionDays()),
                    "Last day to pay or appeal to the independent adjudicator (London Tribunals)"));
        }
        if (pcn.ntoServedOn() == null && !open) {
            next.add(new Milestone(lastDayOf(pcn.servedOn(), NTO_AFTER_DAYS).plusDays(1),
                    "From this date a Notice to Owner may be sent to the registered keeper"));
        }
        next.sort(Comparator.comparing(Milestone::date));
        return new View(amount, discount.isPresent() && pcn.ccServedOn() == null, mayChallenge, mayRepresent, open, next);
    }
}
