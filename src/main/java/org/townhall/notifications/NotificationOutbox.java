package org.townhall.notifications;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/** Reading the outbox is itself audited: it holds links that open residents' accounts. */
@Service
public class NotificationOutbox {

    private static final int SHOWN = 50;

    private final OutboxStore store;
    private final AuditTrail audit;

    NotificationOutbox(OutboxStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Transactional
    public List<OutboxMessage> latest(String staffRef) {
        audit.record(AuditEntry.of(AuditAction.OUTBOX_VIEWED, AuditOutcome.SUCCESS, Actor.staff(staffRef)));
        return store.latest(SHOWN);
    }
}
