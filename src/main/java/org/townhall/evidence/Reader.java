package org.townhall.evidence;

/**
 * Who is opening a document and why. {@code label} is what the owner will read in their access
 * log, such as "Priya Shah, Parking officer"; {@code purpose} says why, such as "reviewing the challenge".
 */
public record Reader(Kind kind, String ref, String label, String purpose) {

    public enum Kind { RESIDENT, STAFF }

    public static Reader resident(String ref, String purpose) {
        return new Reader(Kind.RESIDENT, ref, "You", purpose);
    }

    public static Reader staff(String ref, String label, String purpose) {
        return new Reader(Kind.STAFF, ref, label, purpose);
    }
}
