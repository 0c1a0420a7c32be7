package org.townhall.accounts.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Sessions live in PostgreSQL, indexed by the signed-in person's public reference. */
@Component
public class Sessions {

    /**
     * Absent when Townhall runs a command (backup, drill, restore) rather than serving pages: Spring
     * Session is configured only for a web application, and a command signs nobody out.
     */
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository;

    Sessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository) {
        this.repository = repository;
    }

    /** Ends every session of one person: "sign out everywhere", and after a password reset. */
    public int endAll(String ref) {
        FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
        if (sessions == null) {
            return 0;
        }
        var found = sessions.findByPrincipalName(ref).keySet();
        found.forEach(sessions::deleteById);
        return found.size();
    }
}
