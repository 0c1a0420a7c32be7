package org.townhall.notifications.delivery;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * The default channel: a log line with the reference and template, never the body or the full
 * address. The message itself stays in the outbox, where the staff outbox page shows it.
 */
class LogChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                            Map<String, String> personalisation) {
        log.info("Email {} ({}) to {} written to the outbox; see /staff/outbox", reference, template, mask(emailAddress));
        return "outbox:" + reference;
    }

    @Override
    public boolean forgetsDelivered() {
        return false;
    }

    @Override
    public boolean reachesResidents() {
        return false;
    }

    static String mask(String email) {
        return OutboxMessage.mask(email);
    }
}
