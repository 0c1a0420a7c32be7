package org.townhall.accounts;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.store.ResidentStore;
import org.townhall.accounts.store.ResidentStore.ResidentRow;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.ResidentEmail;

/**
 * Emails a resident about their own business, by their reference: the address and the name are
 * looked up here, so payments, billing, parking and incidents never handle either (ADR 0026). It
 * lives in accounts, which keeps residents and already uses notifications; notifications knows
 * nothing of accounts, so the modules stay a graph without cycles. Accounts' own messages
 * (confirming an address, resetting a password) go the same way, from the row already in hand.
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
     * Queues the message in the caller's transaction (so an act that rolls back sends nothing) and
     * returns its outbox reference. A resident who no longer exists gets nothing, and the answer is
     * empty. The name greets only a confirmed address (ADR 0014): until then it is whatever whoever
     * registered typed, and the message says "Hello".
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Optional<String> emailResident(String residentRef, ResidentEmail message) {
        return residents.findByRef(residentRef).map(r -> emailResident(r, message));
    }

    /** The same, for accounts, which has the resident's row in hand already. */
    String emailResident(ResidentRow resident, ResidentEmail message) {
        return resident.emailVerifiedAt() == null
                ? notifier.sendEmail(message, resident.email())
                : notifier.sendEmail(message, resident.email(), resident.fullName());
    }
}
