package org.townhall.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregate, read-only questions other modules ask of the trail: incident detection (who read
 * the documents of many residents lately; which client was refused evidence many times; how
 * many resident sign-ins failed) and new rows of interest since a cursor. Nothing here reads a
 * row's content beyond its codes and counts, so asking is not itself recorded.
 */
@Service
public class AuditFigures {

    private final JdbcClient jdbc;

    AuditFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One account or client address and how much evidence it read in a window. */
    public record Reader(String actorRef, String clientAddress, long residents, long documents, long reads, long addresses) {
    }

    /** A row of the trail as detection sees it: codes, where from, and the short detail. */
    public record Row(long id, Instant occurredAt, String action, String outcome, String clientAddress, String detail) {
    }

    public long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    /**
     * Accounts, then client addresses, that opened documents of at least {@code minResidents}
     * different residents in [since, until) (the pattern of an over-reading insider or a
     * stolen account, whichever addresses it uses). The window is closed at both ends so a row
     * dated after the caller's now (a clock set back, or a server whose clock ran ahead) is not
     * counted in a window it is not part of.
     */
    @Transactional(readOnly = true)
    public List<Reader> evidenceReadersOfManyResidents(Instant since, Instant until, int minResidents) {
        return jdbc.sql("""
                select actor_ref, null as client, count(distinct subject_ref) as residents, count(distinct object_ref) as documents,
                       count(*) as reads, count(distinct client_address) as addresses
                from audit_event where action = 'EVIDENCE_VIEWED' and occurred_at >= :since and occurred_at < :until and actor_ref is not null
                group by actor_ref having count(distinct subject_ref) >= :min
                union all
                select null, host(client_address), count(distinct subject_ref), count(distinct object_ref), count(*), 1
                from audit_event where action = 'EVIDENCE_VIEWED' and occurred_at >= :since and occurred_at < :until and client_address is not null
                group by client_address having count(distinct subject_ref) >= :min
                order by 3 desc limit 50""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until)).param("min", minResidents)
                .query((rs, n) -> new Reader(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .list();
    }

    /** Client addresses refused evidence at least {@code min} times in [since, until), with the count. */
    @Transactional(readOnly = true)
    public List<Reader> clientsRefusedEvidence(Instant since, Instant until, int min) {
        return jdbc.sql("""
                select host(client_address), count(distinct subject_ref), count(distinct object_ref), count(*)
                from audit_event where action = 'ACCESS_DENIED' and occurred_at >= :since and occurred_at < :until and client_address is not null
                  and (detail like 'evidence of case%' or detail = 'no such document')
                group by client_address having count(*) >= :min order by 4 desc limit 50""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until)).param("min", min)
                .query((rs, n) -> new Reader(null, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), 1)).list();
    }

    /** Failed and throttled resident sign-ins in [since, until): attempts, accounts tried, addresses. */
    public record SignInFailures(long attempts, long accounts, long addresses) {
    }

    @Transactional(readOnly = true)
    public SignInFailures residentSignInFailures(Instant since, Instant until) {
        return jdbc.sql("""
                select count(*), count(distinct subject_ref), count(distinct client_address) from audit_event
                where occurred_at >= :since and occurred_at < :until and actor_type = 'ANONYMOUS'
                  and ((action = 'SIGN_IN_FAILED' and detail in ('unknown account', 'wrong password'))
                       or (action = 'SIGN_IN_THROTTLED' and detail is null))""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query((rs, n) -> new SignInFailures(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** Rows of the given actions after {@code afterId}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Row> rowsAfter(long afterId, List<AuditAction> actions, int limit) {
        return jdbc.sql("""
                select id, occurred_at, action, outcome, host(client_address), detail from audit_event
                where id > :after and action in (:actions) order by id limit :limit""")
                .param("after", afterId).param("actions", actions.stream().map(AuditAction::code).toList()).param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).list();
    }

    /** What the audit committee's report counts from the trail for a period [from, to). */
    public record PeriodFigures(long floodMinutes, long throttledSignIns, long addressesBlocked, long filesRefused,
                                long evidenceRequestsRefused, long evidenceReads, long evidenceReadsByOwners,
                                long evidenceReadsByStaff, long verificationsIntact, long verificationsFailed,
                                long deadlinesMoved, long residentsToldOfMovedDeadlines, List<StaffReads> staffReaders) {
    }

    /** One member of staff's evidence reads in the period. */
    public record StaffReads(String staffRef, long reads, long residents) {
    }

    /** One pass over the period's rows (the time index), each figure a filtered count. */
    @Transactional(readOnly = true)
    public PeriodFigures period(Instant from, Instant to) {
        List<StaffReads> readers = jdbc.sql("""
                select actor_ref, count(*), count(distinct subject_ref) from audit_event
                where action = 'EVIDENCE_VIEWED' and actor_type = 'STAFF' and occurred_at >= :from and occurred_at < :to
                group by actor_ref order by count(*) desc, actor_ref limit 50""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new StaffReads(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        return jdbc.sql("""
                select count(*) filter (where action = 'FLOOD_DETECTED'),
                       count(*) filter (where action = 'SIGN_IN_THROTTLED'),
                       count(*) filter (where action = 'ADDRESS_RULE_ADDED' and object_ref like 'BLOCK %'),
                       count(*) filter (where action = 'EVIDENCE_REFUSED'),
                       count(*) filter (where action = 'ACCESS_DENIED' and (detail like 'evidence of case%' or detail = 'no such document')),
                       count(*) filter (where action = 'EVIDENCE_VIEWED'),
                       count(*) filter (where action = 'EVIDENCE_VIEWED' and actor_type = 'RESIDENT' and actor_ref = subject_ref),
                       count(*) filter (where action = 'EVIDENCE_VIEWED' and actor_type = 'STAFF'),
                       count(*) filter (where action = 'AUDIT_VERIFIED' and outcome = 'SUCCESS'),
                       count(*) filter (where action = 'AUDIT_VERIFIED' and outcome <> 'SUCCESS'),
                       count(*) filter (where action = 'DEADLINE_EXTENDED'),
                       count(distinct subject_ref) filter (where action = 'DEADLINE_EXTENDED')
                from audit_event where occurred_at >= :from and occurred_at < :to
                  and action in ('FLOOD_DETECTED', 'SIGN_IN_THROTTLED', 'ADDRESS_RULE_ADDED', 'EVIDENCE_REFUSED', 'ACCESS_DENIED',
                                 'EVIDENCE_VIEWED', 'AUDIT_VERIFIED', 'DEADLINE_EXTENDED')""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new PeriodFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                        readers)).single();
    }
}
