package org.townhall.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A council tax bill split into monthly instalments. Every instalment after the first is in whole
 * pounds and the first takes the rest, so the instalments add up to the bill exactly (Council Tax
 * (Administration and Enforcement) Regulations 1992, SI 1992/613, Sch 1 para 2).
 */
public final class InstalmentPlan {

    private InstalmentPlan() {
    }

    /** One instalment: its number, due date (after any outage extension), amount and what is still unpaid of it. */
    public record Instalment(int number, LocalDate dueOn, long amountPence, long outstandingPence) {
    }

    /** Days given back after an outage: an instalment originally due from {@code from} to {@code until} moves by {@code days}. */
    public record Extension(LocalDate from, LocalDate until, int days) {
    }

    public static List<Instalment> of(long annualPence, int count, LocalDate firstDueOn, long paidPence) {
        return of(annualPence, count, firstDueOn, paidPence, List.of());
    }

    public static List<Instalment> of(long annualPence, int count, LocalDate firstDueOn, long paidPence, List<Extension> extensions) {
        long later = (annualPence / count / 100) * 100;
        long first = annualPence - later * (count - 1);
        List<Instalment> plan = new ArrayList<>();
        long coveredBefore = 0;
        for (int i = 0; i < count; i++) {
            long amount = i == 0 ? first : later;
            long unpaid = Math.max(0, Math.min(amount, coveredBefore + amount - paidPence));
            LocalDate due = firstDueOn.plusMonths(i);
            int extra = extensions.stream().filter(e -> !due.isBefore(e.from()) && !due.isAfter(e.until()))
                    .mapToInt(Extension::days).sum();
            plan.add(new Instalment(i + 1, due.plusDays(extra), amount, unpaid));
            coveredBefore += amount;
        }
        return plan;
    }

    /** What should have been paid by {@code today} and has not. */
    public static long arrears(List<Instalment> plan, LocalDate today) {
        return plan.stream().filter(i -> i.dueOn().isBefore(today)).mapToLong(Instalment::outstandingPence).sum();
    }
}
