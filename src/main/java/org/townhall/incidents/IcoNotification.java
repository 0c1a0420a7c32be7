package org.townhall.incidents;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/** One notification to the ICO: the initial one or a follow-up (UK GDPR Art 33(4) allows phases). */
public record IcoNotification(Phase phase, Instant sentAt, String icoReference, String summary, String lateReasons,
                              String recordedBy) {

    public enum Phase { INITIAL, FOLLOW_UP }

    public ZonedDateTime sentLondon() {
        return sentAt.atZone(ClockConfiguration.LONDON);
    }
}
