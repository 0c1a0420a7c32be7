package org.townhall.payments;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.payments.store.LedgerStore;

/**
 * The double-entry ledger. Every movement of money is one journal entry whose lines sum to zero
 * (debits positive, credits negative); the database refuses to commit one that does not, and never
 * lets one change. A balance is the sum of an account's lines: nothing else stores what is owed.
 *
 * <p>Ledger accounts are named {@code kind:reference}: {@code council-tax:REF} and {@code rent:REF}
 * (what a resident owes, debit-positive), {@code income:…} (the council's income, credit),
 * {@code provider:…} (money held by the payment provider until it is settled to the council's bank).
 */
@Service
public class Ledger {

    public static final String PARKING_INCOME = "income:parking";
    public static final String COUNCIL_TAX_INCOME = "income:council-tax";
    public static final String RENT_INCOME = "income:rent";

    private final LedgerStore store;
    private final Clock clock;

    Ledger(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One line of an entry: positive debits the account, negative credits it. */
    public record Line(String account, long amountPence) {
    }

    /** One movement on an account, for a statement. */
    public record Movement(java.time.Instant postedAt, String description, long amountPence) {
    }

    /**
     * Posts an entry unless one with the same source is already there (then nothing changes and
     * false is returned), so a retried job or a replayed event never moves money twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean post(String source, String description, List<Line> lines) {
        return post(source, description, clock.instant(), lines);
    }

    /** As {@link #post(String, String, List)}, dated {@code at}: a weekly rent charge is dated its Monday. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean post(String source, String description, java.time.Instant at, List<Line> lines) {
        long total = lines.stream().mapToLong(Line::amountPence).sum();
        if (lines.size() < 2 || total != 0 || lines.stream().anyMatch(l -> l.amountPence() == 0)) {
            throw new IllegalArgumentException("A journal entry needs two or more lines summing to zero");
        }
        return store.post(source, description, at, lines.stream()
                .map(l -> new LedgerStore.NewLine(l.account(), l.amountPence())).toList());
    }

    /** Moves {@code amountPence} from one account to another: debits {@code to}, credits {@code from}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean transfer(String source, String description, String debit, String credit, long amountPence) {
        return post(source, description, List.of(new Line(debit, amountPence), new Line(credit, -amountPence)));
    }

    public long balance(String account) {
        return store.balance(account);
    }

    /**
     * The balance of every account named with this prefix (for example "council-tax:"), for work
     * over all of them at once; an account with no lines is not in the map and its balance is 0.
     */
    public Map<String, Long> balancesStartingWith(String prefix) {
        return store.balancesStartingWith(prefix);
    }

    public List<Movement> movements(String account) {
        return store.movements(account).stream().map(m -> new Movement(m.postedAt(), m.description(), m.amountPence())).toList();
    }

    /** Entries whose lines do not sum to zero. The database makes this impossible; reports and tests check. */
    public long unbalancedEntries() {
        return store.unbalancedEntries();
    }
}
