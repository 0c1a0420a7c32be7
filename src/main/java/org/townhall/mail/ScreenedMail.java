package org.townhall.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What analysts see of screened mail: one message in a list, its safe view, and the result of
 * declaring it phishing. Everything here is the sender's own text, shown only as text.
 */
public final class ScreenedMail {

    private ScreenedMail() {
    }

    public record Summary(String ref, Instant receivedAt, String from, String subject, List<String> recipients, int score,
                          Verdict verdict, String state, boolean reported, String deliveryState, int attempts,
                          Instant nextAttemptAt, String lastError) {
        public ZonedDateTime receivedLondon() {
            return receivedAt.atZone(ZoneId.of("Europe/London"));
        }

        public ZonedDateTime nextAttemptLondon() {
            return nextAttemptAt == null ? null : nextAttemptAt.atZone(ZoneId.of("Europe/London"));
        }
    }

    public record Finding(String check, int score, String reason) {
    }

    public record Header(String name, String value) {
    }

    public record AttachmentInfo(String name, String declaredType, String actualType, int sizeBytes, String sha256) {
    }

    /** Text only: the message's words with every link defanged, never a live link or markup. */
    public record SafeView(Summary summary, String clientAddress, String envelopeFrom, String authenticationResults,
                           List<Finding> findings, List<Header> headers, String text, List<String> links,
                           List<AttachmentInfo> attachments, boolean contentKept, String releasedBy) {
    }

    /** What "this is phishing" did: the blocked domain, messages taken back or newly held, and those only listed. */
    public record Campaign(String blockedDomain, List<Summary> quarantined, List<Summary> deliveredNotRecalled) {
    }

    /** One London day's figures. */
    public record DailyFigures(java.time.LocalDate day, long received, long delivered, long warned, long quarantined,
                               long refused, List<ReasonCount> reasons) {
    }

    public record ReasonCount(String check, long messages) {
    }

    /** Search criteria from the analysts' form; blank means any. */
    public record Search(String sender, String domain, String recipient, Verdict verdict, Instant from, Instant to) {
        public boolean any() {
            return sender != null && !sender.isBlank() || domain != null && !domain.isBlank()
                    || recipient != null && !recipient.isBlank() || verdict != null || from != null || to != null;
        }
    }
}
