package org.townhall.accounts.security;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Sessions live in PostgreSQL, indexed by the signed-in person's public reference. */
@Component
public class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    /** Ends every session of one person: "sign out everywhere", and after a password reset. */
    public int endAll(String ref) {
        var found = repository.findByPrincipalName(ref).keySet();
        found.forEach(repository::deleteById);
        return found.size();
    }
}
