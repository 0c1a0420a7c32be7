package org.townhall.continuity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A planned outage of one service, announced in advance. */
public record MaintenanceWindow(String ref, ResidentService service, Instant startsAt, Instant endsAt, String message) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm");

    public ZonedDateTime startsLondon() {
        return startsAt.atZone(ZoneId.of("Europe/London"));
    }

    public ZonedDateTime endsLondon() {
        return endsAt.atZone(ZoneId.of("Europe/London"));
    }

    /** The announcement residents read on the banner and the status page. */
    public String announcement() {
        return "Planned maintenance: " + service.title().toLowerCase() + " will be unavailable from "
                + WHEN.format(startsLondon()) + " to " + WHEN.format(endsLondon()) + "."
                + (message == null || message.isBlank() ? "" : " " + message.trim());
    }
}
