package org.townhall.parking;

/**
 * An officer's decision on a case, with the reasons the resident will read. Rejecting always
 * carries reasons (the Notice of Rejection must give them, SI 2007/3482 reg 6); accepting may
 * give them too.
 */
public sealed interface Decision {
    String reasons();

    /** The PCN is cancelled. */
    record Accept(String reasons) implements Decision {
    }

    /** The resident gets the rejection letter: the discount again, or their appeal rights. */
    record Reject(String reasons) implements Decision {
        public Reject {
            if (reasons == null || reasons.isBlank()) {
                throw new IllegalArgumentException("A rejection gives its reasons");
            }
        }
    }
}
