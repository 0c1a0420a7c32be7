package org.townhall.incidents;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/**
 * One incident on the register. {@code ref} is what its address names (random); {@code reference}
 * is what people quote (INC-…). {@code version} is what an edit must name to be accepted.
 */
public record Incident(String ref, String reference, String title, String description, IncidentKind kind,
                       NcscCategory category, Severity severity, IncidentStatus status, String ownerRef,
                       String reportedBy, String detectedBy, Instant openedAt, Instant containedAt, Instant closedAt,
                       int version) {

    public ZonedDateTime openedLondon() {
        return openedAt.atZone(ClockConfiguration.LONDON);
    }

    public boolean detected() {
        return detectedBy != null;
    }
}
