package org.townhall.audit;

import java.util.Optional;

/**
 * Where the latest anchor is kept, outside the database: the backup store. Verification asks it,
 * so a trail cut back behind the anchor is reported even though what is left chains correctly.
 */
public interface AnchorSource {

    Optional<AuditAnchor> latest();
}
