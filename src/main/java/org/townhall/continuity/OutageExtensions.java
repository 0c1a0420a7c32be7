package org.townhall.continuity;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives back the days an outage took from residents' deadlines, for any service that implements
 * {@link OutageDeadlines}: every deadline that fell in the outage or the grace days after it moves
 * by the outage's days not already given plus the grace.
 *
 * <p>In short batches, each its own transaction (ADR 0025): moving a borough's hundred thousand
 * council tax instalments in one transaction ran for minutes, holding every moved account's row
 * lock until the end, at the moment residents come back after the outage. A batch holds its
 * accounts for a fraction of a second and its audit rows go to one chain at its commit. A move is
 * recorded once per outage, so a job stopped half-way (a crash, a deploy) is run again by the event
 * registry and skips what it already moved.
 */
@Service
public class OutageExtensions {

    private final TransactionTemplate batch;
    private final TransactionTemplate snapshot;
    private final int graceDays;
    private final int batchSize;

    OutageExtensions(PlatformTransactionManager transactions, @Value("${townhall.continuity.grace:P2D}") Duration grace,
                     @Value("${townhall.continuity.extension-batch:500}") int batchSize) {
        this.batch = new TransactionTemplate(transactions);
        // Its own transaction even when the caller has one open: a listener's transaction must not
        // gather every batch into one again.
        this.batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.graceDays = (int) grace.toDays();
        this.batchSize = batchSize;
    }

    /** Moves every deadline the outage swallowed; returns how many things were extended. */
    public <T> int extend(ServiceOutageEnded outage, OutageDeadlines<T> deadlines) {
        return extend(outage, deadlines, batchSize);
    }

    /** As {@link #extend(ServiceOutageEnded, OutageDeadlines)}, {@code size} things per transaction. */
    public <T> int extend(ServiceOutageEnded outage, OutageDeadlines<T> deadlines, int size) {
        if (!deadlines.concerns(outage.service())) {
            return 0;
        }
        List<T> swallowed = snapshot.execute(s -> deadlines.candidates()).stream()
                .filter(item -> deadlines.swallowed(item, outage, graceDays)).toList();
        int extended = 0;
        for (int from = 0; from < swallowed.size(); from += size) {
            List<T> part = swallowed.subList(from, Math.min(swallowed.size(), from + size));
            extended += batch.execute(s -> {
                int moved = 0;
                for (T item : part) {
                    int days = ServiceOutageEnded.daysToGiveBack(outage.firstDay(), outage.lastDay(),
                            deadlines.lockAndWindowsGiven(item), graceDays);
                    if (deadlines.record(item, outage, days) && days > 0) {
                        moved++;
                        deadlines.tell(item, outage, days);
                    }
                }
                return moved;
            });
        }
        return extended;
    }
}
