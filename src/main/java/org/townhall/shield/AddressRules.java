package org.townhall.shield;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.PublicReferences;

/**
 * Block and allow lists of addresses and ranges, kept by security analysts, each rule with a
 * reason and an expiry, every change audited. The shield asks {@link #decide} on every request,
 * so the rules are held in memory and reloaded every 15 seconds (and at once on this instance
 * when changed): deciding never touches the database.
 */
@Service
public class AddressRules {

    /** A rule lasts at most 90 days; an attack's addresses are reassigned to innocent people. */
    public static final Duration LONGEST = Duration.ofDays(90);

    public enum Kind { BLOCK, ALLOW }

    public enum Decision { BLOCKED, ALLOWED, NONE }

    public record Rule(String ref, Kind kind, Cidr range, String reason, String createdBy, Instant createdAt, Instant expiresAt) {
        public java.time.ZonedDateTime expiresLondon() {
            return expiresAt.atZone(java.time.ZoneId.of("Europe/London"));
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile List<Rule> active = List.of();

    AddressRules(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Blocks win over allows, so allowing a wide range cannot un-block an attacker inside it. */
    public Decision decide(String clientAddress) {
        List<Rule> rules = active;
        if (rules.isEmpty()) {
            return Decision.NONE;
        }
        Optional<Cidr> client = Cidr.parse(clientAddress);
        if (client.isEmpty()) {
            return Decision.NONE;
        }
        Instant now = clock.instant();
        Decision decision = Decision.NONE;
        for (Rule rule : rules) {
            if (rule.expiresAt().isAfter(now) && rule.range().contains(client.get().network())) {
                if (rule.kind() == Kind.BLOCK) {
                    return Decision.BLOCKED;
                }
                decision = Decision.ALLOWED;
            }
        }
        return decision;
    }

    public List<Rule> active() {
        return active;
    }

    /** Empty if the range or expiry is not acceptable; the rule's reference otherwise. */
    @Transactional
    public Optional<String> add(Kind kind, String range, String reason, Duration lasts, String staffRef) {
        Optional<Cidr> cidr = Cidr.parse(range);
        if (cidr.isEmpty() || reason == null || reason.isBlank() || reason.length() > 300 || lasts.isNegative() || lasts.isZero()
                || lasts.compareTo(LONGEST) > 0) {
            return Optional.empty();
        }
        String ref = PublicReferences.next();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into shield_rule (public_ref, kind, cidr, reason, created_by, created_at, expires_at)
                values (:ref, :kind, cast(:cidr as cidr), :reason, :by, :now, :expires)""")
                .param("ref", ref).param("kind", kind.name()).param("cidr", cidr.get().toString()).param("reason", reason.trim())
                .param("by", staffRef).param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(lasts))).update();
        audit.record(AuditEntry.of(AuditAction.ADDRESS_RULE_ADDED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(kind.name() + " " + cidr.get()).because(reason.trim() + " (until " + now.plus(lasts) + ")"));
        reload();
        return Optional.of(ref);
    }

    /**
     * Why an analyst at {@code clientAddress} may not block {@code range} (audited), or empty
     * when they may. Allow rules are not limited: an allow opens no one's door but the range's.
     */
    @Transactional
    public Optional<String> refusedBlock(String range, String clientAddress, String staffRef) {
        Optional<String> problem = range == null || Cidr.parse(range).isEmpty() ? Optional.empty()
                : BlockLimits.problemWith(range, clientAddress);
        problem.ifPresent(why -> audit.record(AuditEntry.of(AuditAction.ADDRESS_RULE_REFUSED, AuditOutcome.DENIED,
                Actor.staff(staffRef)).on("BLOCK " + range.trim()).because(why)));
        return problem;
    }

    @Transactional
    public boolean remove(String ref, String staffRef) {
        Optional<String> removed = jdbc.sql("""
                update shield_rule set removed_by = :by, removed_at = :now where public_ref = :ref and removed_at is null
                returning kind || ' ' || cast(cidr as text)""")
                .param("by", staffRef).param("now", Timestamp.from(clock.instant())).param("ref", ref == null ? "" : ref)
                .query(String.class).optional();
        removed.ifPresent(what -> audit.record(AuditEntry.of(AuditAction.ADDRESS_RULE_REMOVED, AuditOutcome.SUCCESS,
                Actor.staff(staffRef)).on(what)));
        reload();
        return removed.isPresent();
    }

    @Scheduled(fixedDelay = 15_000, initialDelay = 0)
    public void reload() {
        active = jdbc.sql("""
                select public_ref, kind, cast(cidr as text), reason, created_by, created_at, expires_at from shield_rule
                where removed_at is null and expires_at > :now order by created_at desc""")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Rule(rs.getString(1), Kind.valueOf(rs.getString(2)), Cidr.parse(rs.getString(3)).orElseThrow(),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant())).list();
    }
}
