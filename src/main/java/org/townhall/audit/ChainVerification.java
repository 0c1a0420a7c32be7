package org.townhall.audit;

/**
 * The result of walking the hash chain: how many rows were checked and, if the chain breaks, the
 * first row where it does and why (altered, rows before it removed, or rows an anchor recorded
 * gone). {@code anchor} names the anchor the trail was checked against, if there was one.
 */
public record ChainVerification(long rowsChecked, Long firstBrokenId, String problem, long millis, String anchor) {

    public ChainVerification(long rowsChecked, Long firstBrokenId, String problem, long millis) {
        this(rowsChecked, firstBrokenId, problem, millis, null);
    }

    public boolean intact() {
        return firstBrokenId == null;
    }
}
