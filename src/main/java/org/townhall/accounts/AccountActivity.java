package org.townhall.accounts;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.townhall.accounts.store.StaffStore;
import org.townhall.audit.AuditRecord;
import org.townhall.audit.AuditTrail;

/**
 * "Recent activity on your account": what the audit trail recorded about a resident, told so
 * that they can tell their own acts from anyone else's. Another resident who tried to reach
 * their documents is "another resident", never named, referenced or located: that person has
 * privacy too (UK GDPR art. 5(1)(c)). Council staff are shown with their roles, as the evidence
 * pages show them; where they were is the council's business and stays off the page.
 */
@Service
public class AccountActivity {

    /** How many of the newest events the account page shows. */
    static final int SHOWN = 20;

    private final AuditTrail audit;
    private final StaffStore staff;

    AccountActivity(AuditTrail audit, StaffStore staff) {
        this.audit = audit;
        this.staff = staff;
    }

    /** One line of the history: when, what, who did it and, when it is theirs to know, from which network. */
    public record Entry(ZonedDateTime when, String what, String by, String fromAddress) {
    }

    public List<Entry> of(String residentRef) {
        List<AuditRecord> events = audit.eventsAbout(residentRef, SHOWN);
        Map<String, String> roles = new HashMap<>();
        return events.stream().map(event -> entry(event, residentRef, roles)).toList();
    }

    private Entry entry(AuditRecord event, String residentRef, Map<String, String> roles) {
        String ref = event.actor().ref();
        return switch (event.actor().type()) {
            case RESIDENT -> residentRef.equals(ref)
                    ? new Entry(event.londonTime(), event.action().description(), "You", ApproximateAddresses.of(event.clientAddress()))
                    : new Entry(event.londonTime(), event.action().description(), "Another resident", null);
            case STAFF -> new Entry(event.londonTime(), event.action().description(),
                    roles.computeIfAbsent(ref == null ? "" : ref, this::staffLabel), null);
            case SYSTEM -> new Entry(event.londonTime(), event.action().description(), "Townhall", null);
            case ANONYMOUS -> new Entry(event.londonTime(), event.action().description(), "Someone not signed in",
                    ApproximateAddresses.of(event.clientAddress()));
        };
    }

    private String staffLabel(String staffRef) {
        String titles = staff.findByRef(staffRef).map(member -> staff.roles(member.id()).stream().map(StaffRole::title)
                .collect(Collectors.joining(", "))).orElse("");
        return titles.isEmpty() ? "Council staff" : "Council staff (" + titles + ")";
    }
}
