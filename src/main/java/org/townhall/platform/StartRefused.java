package org.townhall.platform;

/**
 * Townhall refuses to start because of something an operator must put right (a missing key, a
 * setting in the wrong form). At start-up it is printed as its message and what to do about it,
 * without a stack trace (StartRefusedAnalyzer): the trace says only where Townhall noticed, which
 * the operator does not need and which buries the line they do. The message never holds a secret.
 */
public class StartRefused extends IllegalStateException {

    private final String action;

    public StartRefused(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What the operator should do, in a sentence or two. */
    public String action() {
        return action;
    }
}
