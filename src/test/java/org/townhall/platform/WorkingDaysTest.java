package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Counting working days across Christmas, New Year and Easter with England and Wales's bank holidays. */
class WorkingDaysTest {

    private final WorkingDays days = BankHolidayCopies.englandAndWales();

    @Test
    void christmasBoxingDayAndNewYearAreNotWorkingDays() {
        // Christmas Day 2026 is a Friday, Boxing Day a Saturday: Monday 28 December is its substitute.
        assertThat(days.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2026, 12, 29))).isTrue();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    void theSecondWorkingDayAfterChristmasEveTwentyTwentySixIsTheThirtiethOfDecember() {
        // Thursday 24th; Friday 25th Christmas Day, the weekend, Monday 28th for Boxing Day; Tuesday 29th, Wednesday 30th.
        assertThat(days.after(LocalDate.of(2026, 12, 24), 2)).isEqualTo(LocalDate.of(2026, 12, 30));
        // Wednesday 30th; Thursday 31st, Friday 1 January New Year's Day, the weekend; Monday 4 January.
        assertThat(days.after(LocalDate.of(2026, 12, 30), 2)).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void theSecondWorkingDayAfterTheThursdayBeforeGoodFridayIsTheWednesdayAfterEaster() {
        // Thursday 25 March 2027; Good Friday 26th, the weekend, Easter Monday 29th; Tuesday 30th, Wednesday 31st.
        assertThat(days.after(LocalDate.of(2027, 3, 25), 2)).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(days.after(LocalDate.of(2027, 3, 25), 1)).isEqualTo(LocalDate.of(2027, 3, 30));
    }

    @Test
    void anOrdinaryWeekCountsOnlyTheWeekend() {
        assertThat(days.after(LocalDate.of(2026, 6, 11), 2)).as("Thursday to Monday").isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(days.after(LocalDate.of(2026, 6, 13), 2)).as("Saturday to Tuesday").isEqualTo(LocalDate.of(2026, 6, 16));
    }

    @Test
    void aYearNobodyPublishedFollowsTheRegularPattern() {
        assertThat(days.publishedFor(2027)).isTrue();
        assertThat(days.publishedFor(2031)).isFalse();
        // Good Friday 2031 is 11 April.
        assertThat(days.isWorkingDay(LocalDate.of(2031, 4, 11))).isFalse();
    }
}
