package org.townhall.evidence.inspect;

/**
 * What the checks decided about one file: accepted (with the copy officers open instead of the
 * original, where one is made), refused for what it is, or found harmful by the malware scanner.
 */
public sealed interface Inspection permits Inspection.Accepted, Inspection.Refused, Inspection.Harmful {

    /**
     * A file that passed every check. {@code safeCopy} is what officers open by default: for a PDF,
     * its pages redrawn as pictures in a new PDF (ADR 0015); null when the file is served as it is.
     */
    record Accepted(String contentType, byte[] safeCopy) implements Inspection {
    }

    /**
     * Refused for what it is. {@code problem} follows the file's name in what the resident reads
     * ("letter.pdf is a password-protected PDF ..."); {@code detail} says exactly what was found, for
     * the audit trail.
     */
    record Refused(String problem, String detail) implements Inspection {
    }

    /** The malware scanner found something: {@code threat} is for the audit trail, never shown to the resident. */
    record Harmful(String threat) implements Inspection {
    }
}
