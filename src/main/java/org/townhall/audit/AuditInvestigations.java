package org.townhall.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What security analysts and auditors do with the trail: search it, export it and verify it.
 * Each of those is itself recorded, so the trail shows who looked at the trail.
 */
@Service
public class AuditInvestigations {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final AuditTrail trail;
    private final Optional<PeopleDirectory> directory;

    AuditInvestigations(AuditTrail trail, Optional<PeopleDirectory> directory) {
        this.trail = trail;
        this.directory = directory;
    }

    /** A value, or the message to show the analyst instead. */
    public record Outcome<T>(T value, String error) {
        public static <T> Outcome<T> failed(String error) {
            return new Outcome<>(null, error);
        }
    }

    /**
     * The trail holds nothing before Townhall or far after it, and a year like +999999999 (which
     * ISO dates allow) is past what PostgreSQL can store: refused as a mistake, not sent to the database.
     */
    private static boolean outsideTheTrail(LocalDateTime time) {
        return time != null && (time.getYear() < 2000 || time.getYear() > 2199);
    }

    /** Builds a query from what an analyst typed: emails become references, times are London times. */
    public Outcome<AuditQuery> query(String actor, String subject, String clientAddress, String action,
                                     String fromText, String toText) {
        LocalDateTime from;
        LocalDateTime to;
        try {
            from = fromText == null || fromText.isBlank() ? null : LocalDateTime.parse(fromText.trim());
            to = toText == null || toText.isBlank() ? null : LocalDateTime.parse(toText.trim());
        } catch (DateTimeParseException unreadable) {
            return Outcome.failed("Enter the dates and times in full, like 23/11/2026 14:30");
        }
        if (outsideTheTrail(from) || outsideTheTrail(to)) {
            return Outcome.failed("Enter dates between 1 January 2000 and 31 December 2199");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            return Outcome.failed("The end of the time range must be after its start");
        }
        if (clientAddress != null && !clientAddress.isBlank() && !isAddressOrRange(clientAddress.trim())) {
            return Outcome.failed("Client address must be an IP address or range, like 203.0.113.7 or 203.0.113.0/24");
        }
        AuditAction chosen = null;
        if (action != null && !action.isBlank()) {
            try {
                chosen = AuditAction.ofCode(action);
            } catch (IllegalArgumentException unknown) {
                return Outcome.failed("Choose an action from the list");
            }
        }
        return new Outcome<>(new AuditQuery(reference(actor), reference(subject), clientAddress, chosen,
                from == null ? null : from.atZone(LONDON).toInstant(),
                to == null ? null : to.atZone(LONDON).toInstant()), null);
    }

    @Transactional
    public List<AuditRecord> search(AuditQuery query, String staffRef) {
        trail.record(AuditEntry.of(AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .because(query.describe()));
        return trail.search(query);
    }

    @Transactional
    public void export(AuditQuery query, String staffRef, Writer out) {
        trail.record(AuditEntry.of(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .because(query.describe()));
        trail.exportCsv(query, out);
    }

    /** The breach question for a client, an account or a window: whose documents were read, how often. */
    @Transactional
    public BlastRadius blastRadius(AuditQuery query, String staffRef) {
        trail.record(AuditEntry.of(AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .because("blast radius " + query.describe()));
        return trail.blastRadius(query);
    }

    /** The same, as CSV: one line per resident affected. */
    @Transactional
    public void exportBlastRadius(AuditQuery query, String staffRef, Writer out) {
        trail.record(AuditEntry.of(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .because("blast radius " + query.describe()));
        BlastRadius radius = trail.blastRadius(query);
        try {
            out.write("resident_ref,documents_read,reads,first_read,last_read\r\n");
            for (BlastRadius.PersonAffected person : radius.affected()) {
                out.write(Csv.line(person.residentRef(), Long.toString(person.documents()), Long.toString(person.reads()),
                        person.firstRead().toString(), person.lastRead().toString()));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    public ChainVerification verify(String staffRef) {
        ChainVerification result = trail.verify();
        trail.record(AuditEntry.of(AuditAction.AUDIT_VERIFIED, result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                Actor.staff(staffRef)).because(result.intact() ? result.rowsChecked() + " rows intact"
                : "broken at row " + result.firstBrokenId()));
        return result;
    }

    private String reference(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.trim();
        if (value.contains("@")) {
            // An unknown email matches nothing rather than everything.
            return directory.flatMap(d -> d.referenceForEmail(value)).orElse("unknown:" + value.hashCode());
        }
        return value;
    }

    static boolean isAddressOrRange(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2 || !parts[0].chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                || parts[0].isEmpty()) {
            return false;
        }
        try {
            int bits = InetAddress.getByName(parts[0]).getAddress().length * 8;
            if (parts.length == 2) {
                int prefix = Integer.parseInt(parts[1]);
                return prefix >= 0 && prefix <= bits;
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
