package org.townhall.billing;

import java.time.LocalDate;

/** One line of a statement: a charge (positive) or a payment or credit (negative), and the balance after it. */
public record StatementLine(LocalDate date, String description, long amountPence, long balancePence) {

    public boolean charge() {
        return amountPence > 0;
    }
}
