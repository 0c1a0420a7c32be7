package org.townhall.audit;

import java.time.Instant;
import java.util.List;

/**
 * A signed checkpoint of every chain's newest row, kept outside the database (ADR 0022). Someone
 * able to switch the append-only trigger off could delete a chain's newest rows and leave a chain
 * that still verifies; the anchor still names the rows that were there.
 */
public record AuditAnchor(String name, Instant takenAt, List<ChainHead> heads) {
}
