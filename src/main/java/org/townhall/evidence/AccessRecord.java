package org.townhall.evidence;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** One opening of one of a resident's documents, as their "who has seen my evidence" page lists it. */
public record AccessRecord(String documentRef, String fileName, String caseRef, String readerLabel, String purpose,
                           Instant accessedAt) {

    public AccessRecord {
        fileName = DocumentNames.shown(fileName);
    }

    public ZonedDateTime londonTime() {
        return accessedAt.atZone(ZoneId.of("Europe/London"));
    }
}
