package org.townhall.parking.web;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.townhall.accounts.SignedInUser;
import org.townhall.parking.PcnViewer;

/**
 * The PCNs this browser has found with their number and registration, kept in the session (in
 * PostgreSQL), so their pages and photos open for it and for nobody who merely has the link.
 */
final class LookedUp {

    private static final String ATTRIBUTE = "townhall.parking.lookedUp";
    private static final int REMEMBERED = 20;

    private LookedUp() {
    }

    @SuppressWarnings("unchecked")
    static Set<String> in(HttpSession session) {
        Object value = session == null ? null : session.getAttribute(ATTRIBUTE);
        return value instanceof Set<?> set ? (Set<String>) set : Set.of();
    }

    static void remember(HttpSession session, String pcnRef) {
        LinkedHashSet<String> refs = new LinkedHashSet<>(in(session));
        refs.remove(pcnRef);
        refs.add(pcnRef);
        while (refs.size() > REMEMBERED) {
            refs.remove(refs.iterator().next());
        }
        session.setAttribute(ATTRIBUTE, refs);
    }

    static PcnViewer viewer(HttpSession session, Authentication authentication) {
        String resident = authentication != null && authentication.getPrincipal() instanceof SignedInUser user && !user.isStaff()
                ? user.ref() : null;
        return new PcnViewer(resident, in(session));
    }
}
