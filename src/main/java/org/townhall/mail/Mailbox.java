package org.townhall.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.mail.store.EmbeddedMailbox;

/** The embedded mailbox of the default profile, as administrators read it: text only, links defanged. */
@Service
public class Mailbox {

    private final EmbeddedMailbox mailbox;
    private final AuditTrail audit;

    Mailbox(EmbeddedMailbox mailbox, AuditTrail audit) {
        this.mailbox = mailbox;
        this.audit = audit;
    }

    public record Letter(List<String> recipients, Instant deliveredAt, boolean pulledBack, List<ScreenedMail.Header> headers,
                         String text) {
        public ZonedDateTime deliveredLondon() {
            return deliveredAt.atZone(ZoneId.of("Europe/London"));
        }

        public String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ScreenedMail.Header::value).findFirst().orElse("");
        }
    }

    @Transactional
    public List<Letter> latest(String adminRef) {
        audit.record(AuditEntry.of(AuditAction.MAILBOX_VIEWED, AuditOutcome.SUCCESS, Actor.staff(adminRef)));
        return mailbox.latest(50).stream().map(l -> {
            SafeViews.Read read = SafeViews.read(l.raw());
            return new Letter(l.recipients(), l.deliveredAt(), l.pulledBackAt() != null, read.headers(), read.text());
        }).toList();
    }
}
