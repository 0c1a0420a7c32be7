package org.townhall.payments;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.payments.store.LedgerCheckStore;
import org.townhall.payments.store.LedgerCheckStore.Mark;

/**
 * The reconciliation page's check of the ledger: how many entries do not balance (the database
 * refuses them at commit; the page shows that this held) and what some accounts hold. Each view
 * reads only the entries since the last view's mark (ADR 0025): re-summing half a million
 * payments' lines on every view took seconds and grew with every payment.
 */
@Service
class LedgerCheck {

    private final LedgerCheckStore store;
    private final Clock clock;

    LedgerCheck(LedgerCheckStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    record Checked(long unbalancedEntries, Map<String, Long> balances) {
    }

    /** Checks the entries since the mark, moves the mark where it safely can, and answers for all entries. */
    @Transactional
    Checked check(List<String> accounts) {
        Mark mark = store.read();
        long through = mark.checkedThrough();
        long unbalanced = mark.unbalanced();
        Map<String, Long> kept = new HashMap<>(store.keptBalances(accounts));
        for (String account : accounts) {
            // An account not kept yet is summed up to the mark once; the next move of the mark keeps it.
            kept.computeIfAbsent(account, a -> store.movedBetween(List.of(a), 0, mark.checkedThrough()).getOrDefault(a, 0L));
        }
        boolean advancing = mark.pendingFinal() && mark.pendingThrough() > through;
        if (advancing) {
            unbalanced += store.unbalancedBetween(through, mark.pendingThrough());
            Map<String, Long> moved = store.movedBetween(accounts, through, mark.pendingThrough());
            accounts.forEach(account -> kept.merge(account, moved.getOrDefault(account, 0L), Long::sum));
            through = mark.pendingThrough();
        }
        long newest = store.newestEntry();
        long recentUnbalanced = store.unbalancedBetween(through, newest);
        Map<String, Long> recent = store.movedBetween(accounts, through, newest);
        boolean nothingPending = mark.pendingThrough() <= mark.checkedThrough();
        if ((advancing || nothingPending && newest > through) && store.advance(mark, through, unbalanced, newest, clock.instant())) {
            for (String account : accounts) {
                store.keepBalance(account, kept.get(account));
            }
        }
        Map<String, Long> balances = new HashMap<>();
        for (String account : accounts) {
            balances.put(account, kept.get(account) + recent.getOrDefault(account, 0L));
        }
        return new Checked(unbalanced + recentUnbalanced, balances);
    }
}
