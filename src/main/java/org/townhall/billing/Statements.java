package org.townhall.billing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.townhall.payments.Ledger;

/** A ledger account's movements as statement lines, each with the balance after it. */
final class Statements {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private Statements() {
    }

    static List<StatementLine> of(List<Ledger.Movement> movements) {
        List<StatementLine> lines = new ArrayList<>();
        long balance = 0;
        for (Ledger.Movement m : movements) {
            balance += m.amountPence();
            lines.add(new StatementLine(m.postedAt().atZone(LONDON).toLocalDate(), m.description(), m.amountPence(), balance));
        }
        return lines;
    }
}
