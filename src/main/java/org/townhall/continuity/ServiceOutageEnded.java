package org.townhall.continuity;

import java.time.Instant;

/**
 * A resident service was off or read only from {@code startedAt} until {@code endedAt}. Modules
 * with deadlines residents meet through that service move the deadlines the outage swallowed.
 */
public record ServiceOutageEnded(String outageRef, ResidentService service, Instant startedAt, Instant endedAt) {
}
