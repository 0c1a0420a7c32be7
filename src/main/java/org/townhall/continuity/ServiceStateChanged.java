package org.townhall.continuity;

import java.time.Instant;

/** A service was switched: residents must hear of it even if Townhall itself is about to go down. */
public record ServiceStateChanged(ResidentService service, ServiceState state, String message, Instant at) {
}
