package org.townhall.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.townhall.audit.store.AuditEventStore;
import org.townhall.audit.store.HashChain;
import org.townhall.audit.store.StoredEvent;

/**
 * The audit rows of one transaction, held in memory until just before it commits and then chained
 * and written together. A chain's lock is held from the moment its last row is read until the
 * transaction ends; taking it at commit, not at {@code record()}, means a slow step after an act
 * is recorded (a provider call, a file scan) never holds every other audited request on that chain
 * waiting. Rows that roll back were never written, so they need no undoing.
 */
final class AtCommit implements TransactionSynchronization, Ordered {

    private final AuditEventStore store;
    private final HashChain chain;
    private final int link;
    private final List<StoredEvent> rows = new ArrayList<>(4);
    private boolean written;

    private AtCommit(AuditEventStore store, HashChain chain, int link) {
        this.store = store;
        this.chain = chain;
        this.link = link;
    }

    /**
     * Adds a row to the current transaction's batch, starting one on its first row. Synchronizations
     * belong to one transaction (an inner REQUIRES_NEW transaction gets a list of its own), so each
     * row commits or rolls back with the transaction that recorded it.
     */
    static void add(AuditEventStore store, HashChain chain, int link, StoredEvent row) {
        for (TransactionSynchronization existing : TransactionSynchronizationManager.getSynchronizations()) {
            if (existing instanceof AtCommit batch && batch.store == store) {
                if (batch.written) {
                    // Recorded by a step that ran after the batch was written but before the
                    // commit: a synchronization registered now would never run, so write it now.
                    store.appendAll(chain, batch.link, List.of(row));
                } else {
                    batch.rows.add(row);
                }
                return;
            }
        }
        AtCommit batch = new AtCommit(store, chain, link);
        batch.rows.add(row);
        TransactionSynchronizationManager.registerSynchronization(batch);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        written = true;
        store.appendAll(chain, link, rows);
    }

    /** After every other before-commit step, so rows they record still join this batch. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
