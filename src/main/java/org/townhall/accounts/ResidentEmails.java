package org.townhall.accounts;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.ResidentEmail;

/**
 * Emails a resident about their own business, by their reference: the address and the name are
 * looked up here, so payments, billing and parking never handle either (ADR 0026). It lives in
 * accounts, which keeps residents and already uses notifications; notifications knows nothing of
 * accounts, so the modules stay a graph without cycles.
 */
@Service
public class ResidentEmails {

    private final ResidentStore residents;
    private final Notifier notifier;

    ResidentEmails(ResidentStore residents, Notifier notifier) {
        this.residents = residents;
        this.notifier = notifier;
    }

    /**
     * Queues the message in the caller's transaction (so an act that rolls back sends nothing).
     * A resident who no longer exists gets nothing. The name greets only a confirmed address
     * (ADR 0014): until then it is whatever whoever registered typed, and the message says "Hello".
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void emailResident(String residentRef, ResidentEmail message) {
        residents.findByRef(residentRef).ifPresent(r -> {
            if (r.emailVerifiedAt() == null) {
                notifier.sendEmail(message, r.email());
            } else {
                notifier.sendEmail(message, r.email(), r.fullName());
            }
        });
    }
}
