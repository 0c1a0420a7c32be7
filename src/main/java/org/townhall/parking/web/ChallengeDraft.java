package org.townhall.parking.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A challenge written and not yet sent, between its form and "Check your answers": the grounds and
 * words in the resident's session (in PostgreSQL, gone when they sign out), and the reference its
 * evidence is held under in the vault, sealed and theirs alone (ADR 0028). One per PCN. Not
 * {@code ready} while the form last came back with a problem: only the reference is worth keeping.
 */
record ChallengeDraft(String grounds, String statement, String heldRef, boolean ready) implements Serializable {

    private static final String ATTRIBUTE = "townhall.parking.challengeDrafts";
    /** A few PCNs at once is plenty; more only fills a session someone scripted. */
    private static final int KEPT = 5;

    static Optional<ChallengeDraft> of(HttpSession session, String pcnRef) {
        return Optional.ofNullable(drafts(session).get(pcnRef));
    }

    /**
     * Keeps the draft for the PCN; the drafts pushed out to make room, which can no longer be sent,
     * so the caller destroys the evidence they held.
     */
    static List<ChallengeDraft> keep(HttpSession session, String pcnRef, ChallengeDraft draft) {
        // Oldest first, the one just written last: what is pushed out is the draft longest untouched.
        LinkedHashMap<String, ChallengeDraft> drafts = new LinkedHashMap<>(drafts(session));
        drafts.remove(pcnRef);
        drafts.put(pcnRef, draft);
        List<ChallengeDraft> pushedOut = new ArrayList<>();
        drafts.entrySet().removeIf(other -> {
            boolean out = drafts.size() > KEPT && !other.getKey().equals(pcnRef);
            if (out) {
                pushedOut.add(other.getValue());
            }
            return out;
        });
        session.setAttribute(ATTRIBUTE, drafts);
        return pushedOut;
    }

    static void forget(HttpSession session, String pcnRef) {
        LinkedHashMap<String, ChallengeDraft> drafts = new LinkedHashMap<>(drafts(session));
        if (drafts.remove(pcnRef) != null) {
            session.setAttribute(ATTRIBUTE, drafts);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ChallengeDraft> drafts(HttpSession session) {
        Object value = session == null ? null : session.getAttribute(ATTRIBUTE);
        return value instanceof Map<?, ?> map ? (Map<String, ChallengeDraft>) map : Map.of();
    }
}
