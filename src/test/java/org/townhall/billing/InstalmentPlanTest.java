package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instalments add up to the bill exactly, whole pounds after the first (SI 1992/613 Sch 1 para 2). */
class InstalmentPlanTest {

    @Test
    void theFirstInstalmentTakesTheOddPenceAndTheRestAreWholePounds() {
        List<InstalmentPlan.Instalment> plan = InstalmentPlan.of(176_842, 10, LocalDate.of(2026, 4, 1), 0);
        assertThat(plan).hasSize(10);
        assertThat(plan.get(0).amountPence()).isEqualTo(18_442);
        assertThat(plan.subList(1, 10)).allMatch(i -> i.amountPence() == 17_600);
        assertThat(plan.stream().mapToLong(InstalmentPlan.Instalment::amountPence).sum()).isEqualTo(176_842);
        assertThat(plan.get(9).dueOn()).isEqualTo(LocalDate.of(2027, 1, 1));
    }

    @Test
    void twelveMonthlyInstalmentsFromTheThirtyFirstKeepToTheMonthsEnd() {
        List<InstalmentPlan.Instalment> plan = InstalmentPlan.of(120_000, 12, LocalDate.of(2026, 1, 31), 0);
        assertThat(plan.get(1).dueOn()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(plan.get(2).dueOn()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(plan.stream().mapToLong(InstalmentPlan.Instalment::amountPence).sum()).isEqualTo(120_000);
    }

    @Test
    void paymentsPayTheEarliestInstalmentsFirstAndArrearsAreWhatIsOverdue() {
        List<InstalmentPlan.Instalment> plan = InstalmentPlan.of(100_000, 10, LocalDate.of(2026, 4, 1), 25_000);
        assertThat(plan.get(0).outstandingPence()).isZero();
        assertThat(plan.get(1).outstandingPence()).isZero();
        assertThat(plan.get(2).outstandingPence()).isEqualTo(5_000);
        assertThat(plan.get(3).outstandingPence()).isEqualTo(10_000);
        // On 15 June three instalments (April, May, June) have fallen due: 30,000 owed, 25,000 paid.
        assertThat(InstalmentPlan.arrears(plan, LocalDate.of(2026, 6, 15))).isEqualTo(5_000);
        assertThat(InstalmentPlan.arrears(plan, LocalDate.of(2026, 6, 1))).as("due today is not yet overdue").isZero();
    }

    @Test
    void anOutageExtensionMovesOnlyTheInstalmentsItSwallowed() {
        List<InstalmentPlan.Instalment> plan = InstalmentPlan.of(100_000, 10, LocalDate.of(2026, 4, 1), 0,
                List.of(new InstalmentPlan.Extension(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 3), 6)));
        assertThat(plan.get(0).dueOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(plan.get(1).dueOn()).isEqualTo(LocalDate.of(2026, 5, 7));
        assertThat(plan.get(2).dueOn()).isEqualTo(LocalDate.of(2026, 6, 1));
    }
}
