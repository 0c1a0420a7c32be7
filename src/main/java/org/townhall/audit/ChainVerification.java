package org.townhall.audit;

/**
 * The result of walking the hash chain: how many rows were checked and, if the chain breaks, the
 * first row where it does and why (altered, or rows before it removed).
 */
public record ChainVerification(long rowsChecked, Long firstBrokenId, String problem, long millis) {

    public boolean intact() {
        return firstBrokenId == null;
    }
}
