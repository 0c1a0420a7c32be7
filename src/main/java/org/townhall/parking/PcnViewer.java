package org.townhall.parking;

import java.util.Set;

/**
 * Who is asking to see a PCN: a signed-in resident (or nobody) and the PCNs this browser has
 * looked up with their number and registration. A PCN reference alone opens nothing.
 */
public record PcnViewer(String residentRef, Set<String> lookedUp) {

    public static PcnViewer anonymous(Set<String> lookedUp) {
        return new PcnViewer(null, lookedUp);
    }

    /** Whether a resident is signed in: only they can save, challenge or pay from their account. */
    public boolean signedIn() {
        return residentRef != null;
    }
}
