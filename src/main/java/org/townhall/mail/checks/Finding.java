package org.townhall.mail.checks;

/**
 * What one check found: its name, points towards quarantine (negative for evidence of a genuine
 * sender), the reason an analyst reads, and whether it alone refuses the message (a DMARC reject
 * policy that fails, malware).
 */
public record Finding(String check, int score, String reason, boolean refuses) {

    public Finding {
        reason = reason.length() > 500 ? reason.substring(0, 497) + "..." : reason;
    }

    public static Finding of(String check, int score, String reason) {
        return new Finding(check, score, reason, false);
    }

    public static Finding refusing(String check, int score, String reason) {
        return new Finding(check, score, reason, true);
    }
}
