package org.townhall.continuity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The state of one service: what residents are told, and since when. */
public record ServiceStatus(ResidentService service, ServiceState state, String message, Instant since) {

    public boolean on() {
        return state == ServiceState.ON;
    }

    public ZonedDateTime sinceLondon() {
        return since == null ? null : since.atZone(ZoneId.of("Europe/London"));
    }

    /** What a resident reads: the manager's message, or a plain default. */
    public String residentMessage() {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return state == ServiceState.OFF ? service.title() + " is not available at the moment."
                : service.title() + " is read only at the moment: you can look, but not make changes.";
    }
}
