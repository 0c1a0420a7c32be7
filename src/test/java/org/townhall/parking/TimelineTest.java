package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.townhall.platform.BankHolidayCopies;
import org.townhall.platform.WorkingDays;
import org.townhall.parking.Timeline.CaseFacts;
import org.townhall.parking.Timeline.Facts;
import org.townhall.parking.Timeline.Milestone;

/** Every branch of the statutory timeline, with the day moved rather than waited for. */
class TimelineTest {

    private static final long CHARGE = 16_000;
    private static final LocalDate SERVED = LocalDate.of(2026, 3, 1);
    private static final WorkingDays WORKING_DAYS = BankHolidayCopies.englandAndWales();

    private static Facts issued() {
        return new Facts(CHARGE, SERVED, null, null, false, Optional.empty());
    }

    private static Facts with(CaseFacts latest) {
        return new Facts(CHARGE, SERVED, null, null, false, Optional.of(latest));
    }

    @Test
    void theDiscountLastsFourteenDaysBeginningWithService() {
        assertThat(Timeline.on(issued(), SERVED).amountDuePence()).isEqualTo(8_000);
        assertThat(Timeline.on(issued(), LocalDate.of(2026, 3, 14)).amountDuePence()).isEqualTo(8_000);
        assertThat(Timeline.on(issued(), LocalDate.of(2026, 3, 15)).amountDuePence()).isEqualTo(16_000);
        assertThat(Timeline.on(issued(), SERVED).nextDates()).extracting(Milestone::date)
                .containsExactly(LocalDate.of(2026, 3, 14), LocalDate.of(2026, 3, 29));
    }

    @Test
    void anInformalChallengeInTimeFreezesTheDiscountAndARejectionOffersItAgain() {
        CaseFacts open = new CaseFacts(true, LocalDate.of(2026, 3, 10), true, false, null, null);
        Timeline.View waiting = Timeline.on(with(open), LocalDate.of(2026, 4, 20));
        assertThat(waiting.amountDuePence()).as("still discounted long after day 14").isEqualTo(8_000);
        assertThat(waiting.challengeOpen()).isTrue();
        assertThat(waiting.mayChallengeInformally()).isFalse();
        assertThat(waiting.nextDates()).extracting(Milestone::date).containsExactly(LocalDate.of(2026, 5, 4));

        CaseFacts rejected = rejectedOn(true, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 4, 21));
        assertThat(Timeline.on(with(rejected), LocalDate.of(2026, 5, 4)).amountDuePence()).isEqualTo(8_000);
        assertThat(Timeline.on(with(rejected), LocalDate.of(2026, 5, 5)).amountDuePence()).isEqualTo(16_000);
        assertThat(Timeline.on(with(rejected), LocalDate.of(2026, 4, 21)).mayChallengeInformally()).as("one informal challenge").isFalse();
    }

    @Test
    void aLateInformalChallengeDoesNotBringTheDiscountBack() {
        CaseFacts late = rejectedOn(true, LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 25));
        assertThat(Timeline.on(with(late), LocalDate.of(2026, 3, 26)).amountDuePence()).isEqualTo(16_000);
    }

    @Test
    void aNoticeToOwnerMayFollowFromDayTwentyNineAndOpensRepresentationsForTwentyEightDays() {
        assertThat(Timeline.on(issued(), LocalDate.of(2026, 3, 20)).nextDates()).extracting(Milestone::date)
                .containsExactly(LocalDate.of(2026, 3, 29));
        Facts nto = new Facts(CHARGE, SERVED, LocalDate.of(2026, 4, 2), null, false, Optional.empty());
        Timeline.View view = Timeline.on(nto, LocalDate.of(2026, 4, 29));
        assertThat(view.mayMakeRepresentations()).isTrue();
        assertThat(view.mayChallengeInformally()).isFalse();
        assertThat(view.amountDuePence()).isEqualTo(16_000);
        assertThat(view.nextDates()).extracting(Milestone::date).containsExactly(LocalDate.of(2026, 4, 29));
        assertThat(Timeline.on(nto, LocalDate.of(2026, 4, 30)).mayMakeRepresentations()).isFalse();
    }

    @Test
    void theCouncilMustDecideRepresentationsWithinFiftySixDaysBeginningWithReceipt() {
        assertThat(Timeline.decideBy(LocalDate.of(2026, 4, 10), false)).isEqualTo(LocalDate.of(2026, 6, 4));
        // Across the end of British Summer Time and a month end: counted in whole London dates.
        assertThat(Timeline.decideBy(LocalDate.of(2026, 9, 20), false)).isEqualTo(LocalDate.of(2026, 11, 14));
    }

    @Test
    void aNoticeOfRejectionGivesTwentyEightDaysToAppealFromTheDayItIsServed() {
        // Posted on Friday 1 May 2026; Monday 4 May is the Early May bank holiday, so it is served on Wednesday 6 May.
        CaseFacts rejected = rejectedOn(false, LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 1));
        assertThat(rejected.decisionServedOn()).isEqualTo(LocalDate.of(2026, 5, 6));
        Facts pcn = new Facts(CHARGE, SERVED, LocalDate.of(2026, 4, 2), null, false, Optional.of(rejected));
        assertThat(Timeline.on(pcn, LocalDate.of(2026, 5, 2)).nextDates()).extracting(Milestone::date)
                .containsExactly(LocalDate.of(2026, 6, 2));
        assertThat(Timeline.on(pcn, LocalDate.of(2026, 5, 2)).mayMakeRepresentations()).as("representations were made").isFalse();
    }

    @Test
    void aNoticeOfRejectionPostedOnChristmasEveIsServedAfterChristmasAndBoxingDay() {
        CaseFacts rejected = rejectedOn(false, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 12, 24));
        assertThat(rejected.decisionServedOn()).isEqualTo(LocalDate.of(2026, 12, 30));
        Facts pcn = new Facts(CHARGE, SERVED, LocalDate.of(2026, 10, 20), null, false, Optional.of(rejected));
        assertThat(Timeline.on(pcn, LocalDate.of(2026, 12, 24)).nextDates()).extracting(Milestone::date)
                .containsExactly(LocalDate.of(2027, 1, 26));
    }

    @Test
    void aNoticeOfRejectionPostedTheDayBeforeGoodFridayIsServedAfterEasterMonday() {
        CaseFacts rejected = rejectedOn(false, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 25));
        assertThat(rejected.decisionServedOn()).isEqualTo(LocalDate.of(2027, 3, 31));
        Facts pcn = new Facts(CHARGE, SERVED, LocalDate.of(2027, 1, 20), null, false, Optional.of(rejected));
        assertThat(Timeline.on(pcn, LocalDate.of(2027, 3, 26)).nextDates()).extracting(Milestone::date)
                .containsExactly(LocalDate.of(2027, 4, 27));
    }

    /** A decision whose letter is posted the day it is made, served as England and Wales's working days say. */
    private static CaseFacts rejectedOn(boolean informal, LocalDate received, LocalDate decided) {
        return new CaseFacts(informal, received, false, true, decided, Timeline.servedWhenPosted(decided, WORKING_DAYS));
    }

    @Test
    void aChargeCertificateAddsFiftyPercentAndLeadsToAnOrderForRecovery() {
        Facts certified = new Facts(CHARGE, SERVED, LocalDate.of(2026, 4, 2), LocalDate.of(2026, 6, 1), false, Optional.empty());
        Timeline.View view = Timeline.on(certified, LocalDate.of(2026, 6, 2));
        assertThat(view.amountDuePence()).isEqualTo(24_000);
        assertThat(view.discounted()).isFalse();
        assertThat(view.nextDates()).extracting(Milestone::date).containsExactly(LocalDate.of(2026, 6, 15));
    }

    @Test
    void aPaidOrCancelledPcnOwesNothing() {
        Facts settled = new Facts(CHARGE, SERVED, null, null, true, Optional.empty());
        assertThat(Timeline.on(settled, SERVED).amountDuePence()).isZero();
        assertThat(Timeline.on(settled, SERVED).nextDates()).isEmpty();
    }
}
