package org.townhall.accounts;

/**
 * The answer to a request that can be refused for a reason the person can fix: done, or which
 * field is wrong and what to say about it.
 */
public record AccountOutcome(String field, String message) {

    private static final AccountOutcome DONE = new AccountOutcome(null, null);

    public static AccountOutcome done() {
        return DONE;
    }

    public static AccountOutcome refused(String field, String message) {
        return new AccountOutcome(field, message);
    }

    public boolean isDone() {
        return field == null;
    }
}
