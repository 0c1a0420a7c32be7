package org.townhall.billing;

import java.time.LocalDate;
import java.util.List;
import org.townhall.billing.InstalmentPlan.Instalment;

/**
 * A council tax account as its owner sees it. The balance is the ledger's; a negative balance is
 * money in credit.
 */
public record CouncilTaxAccount(String ref, String accountNumber, String propertyAddress, String band, LocalDate yearStartsOn,
                                long annualChargePence, List<Instalment> instalments, long balancePence, long arrearsPence,
                                List<StatementLine> statement) {

    /** The first instalment not yet fully paid, or null when the year's bill is paid. */
    public Instalment next() {
        return instalments.stream().filter(i -> i.outstandingPence() > 0).findFirst().orElse(null);
    }

    /** What "pay your instalment" takes: what is overdue plus the next instalment, never more than the balance. */
    public long instalmentPaymentPence() {
        Instalment next = next();
        if (next == null) {
            return 0;
        }
        long overdueBeforeNext = instalments.stream().filter(i -> i.number() < next.number()).mapToLong(Instalment::outstandingPence).sum();
        return Math.min(balancePence, overdueBeforeNext + next.outstandingPence());
    }

    public String year() {
        return year(yearStartsOn);
    }

    /** The council tax year starting on that day, as bills write it: 2026/27. */
    public static String year(LocalDate startsOn) {
        return startsOn.getYear() + "/" + String.valueOf(startsOn.getYear() + 1).substring(2);
    }
}
