package org.townhall.continuity;

import java.time.LocalDate;
import java.util.List;

/**
 * What a service whose residents have deadlines gives {@link OutageExtensions} so that an outage
 * moves them: which outages concern it, what might have a deadline in one, and how to lock, record
 * and tell about one move. Council tax instalments and parking fines implement it; the algorithm
 * (which are swallowed, the days not already given, once per outage, in short batches) is written
 * once, in {@link OutageExtensions}.
 *
 * @param <T> one thing with deadlines (an account, a fine), with what decides whether an outage swallowed one
 */
public interface OutageDeadlines<T> {

    /** Whether an outage of this service moves these deadlines. */
    boolean concerns(ResidentService service);

    /** Everything that may have a deadline in the outage, read in one snapshot, with what decides it. */
    List<T> candidates();

    /** Whether a deadline of {@code item} fell in the outage or the grace days after it. */
    boolean swallowed(T item, ServiceOutageEnded outage, int graceDays);

    /**
     * Locks the thing until the batch commits (two outages ending together then see each other's
     * windows) and answers the windows already given for it, each {start, end}.
     */
    List<LocalDate[]> lockAndWindowsGiven(T item);

    /** Records the move; false if this outage already moved it (a job run again after a crash). */
    boolean record(T item, ServiceOutageEnded outage, int days);

    /** Audits the move and tells the resident, in the batch's transaction. */
    void tell(T item, ServiceOutageEnded outage, int days);
}
