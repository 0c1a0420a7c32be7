package org.townhall.mail.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.mail.Verdict;

/** Screened messages: their envelope, what they said about themselves, the verdict and every finding. */
@Repository
public class MessageStore {

    private final JdbcClient jdbc;

    public MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewMessage(String ref, Instant receivedAt, String clientAddress, String helo, String envelopeFrom,
                             List<String> recipients, String fromHeader, String fromDomain, String subject, int sizeBytes,
                             int score, Verdict verdict, String state, boolean reported, List<String> linkDomains,
                             List<String> attachmentHashes, String authenticationResults) {
    }

    public record FindingRow(String check, int score, String reason) {
    }

    public record MessageRow(long id, String ref, Instant receivedAt, String clientAddress, String helo, String envelopeFrom,
                             List<String> recipients, String fromHeader, String fromDomain, String subject, int sizeBytes,
                             int score, Verdict verdict, String state, boolean reported, List<String> linkDomains,
                             List<String> attachmentHashes, String releasedBy, boolean pulledBack, String deliveryState,
                             int attempts, Instant nextAttemptAt, String lastError, String authenticationResults) {
    }

    /** Search criteria; null or blank means any. */
    public record Criteria(String sender, String domain, String recipient, Verdict verdict, String state, Instant from, Instant to) {
    }

    /** The message, its findings and its content in one statement: one round trip to the database per message accepted. */
    public long insert(NewMessage m, List<FindingRow> findings, byte[] raw) {
        return jdbc.sql("""
                with m as (
                    insert into mail_message (public_ref, received_at, client_address, helo, envelope_from, recipients, from_header,
                        from_domain, subject, size_bytes, score, verdict, state, reported, link_domains, attachment_hashes,
                        authentication_results)
                    values (:ref, :at, :client, :helo, :envelope, :recipients, :fromHeader, :fromDomain, :subject, :size, :score,
                        :verdict, :state, :reported, :links, :hashes, :auth)
                    returning id),
                f as (
                    insert into mail_finding (message_id, check_name, score, reason)
                    select m.id, c, s, r from m, unnest(cast(:checks as text[]), cast(:scores as int[]), cast(:reasons as text[])) as f(c, s, r)),
                c as (
                    insert into mail_content (message_id, raw) select m.id, cast(:raw as bytea) from m where cast(:raw as bytea) is not null)
                select id from m""")
                .param("ref", m.ref()).param("at", Timestamp.from(m.receivedAt())).param("client", m.clientAddress())
                .param("helo", m.helo()).param("envelope", m.envelopeFrom()).param("recipients", m.recipients().toArray(String[]::new))
                .param("fromHeader", clip(m.fromHeader(), 500)).param("fromDomain", m.fromDomain()).param("subject", clip(m.subject(), 500))
                .param("size", m.sizeBytes()).param("score", m.score()).param("verdict", m.verdict().name()).param("state", m.state())
                .param("reported", m.reported()).param("links", m.linkDomains().toArray(String[]::new))
                .param("hashes", m.attachmentHashes().toArray(String[]::new))
                .param("auth", clip(m.authenticationResults(), 1000))
                .param("checks", findings.stream().map(FindingRow::check).toArray(String[]::new))
                .param("scores", findings.stream().map(FindingRow::score).toArray(Integer[]::new))
                .param("reasons", findings.stream().map(f -> clip(f.reason(), 500)).toArray(String[]::new))
                .param("raw", raw, java.sql.Types.BINARY)
                .query(Long.class).single();
    }

    private static final String SELECT = """
            select m.*, d.state as delivery_state, coalesce(d.attempts, 0) as attempts, d.next_attempt_at, d.last_error
            from mail_message m left join mail_delivery d on d.message_id = m.id""";

    public Optional<MessageRow> find(String ref) {
        return jdbc.sql(SELECT + " where m.public_ref = :ref").param("ref", ref).query(MessageStore::read).optional();
    }

    public Optional<MessageRow> lock(String ref) {
        return jdbc.sql("select id from mail_message where public_ref = :ref for update").param("ref", ref).query(Long.class)
                .optional().flatMap(id -> find(ref));
    }

    public Optional<MessageRow> findById(long id) {
        return jdbc.sql(SELECT + " where m.id = :id").param("id", id).query(MessageStore::read).optional();
    }

    /** What delivery needs of a message, read in one round trip: its row, its content (null once deleted) and its findings. */
    public record Outbound(MessageRow row, byte[] raw, List<FindingRow> findings) {
    }

    public Optional<Outbound> outbound(long id) {
        return jdbc.sql(SELECT_OUTBOUND).param("id", id).query((rs, n) -> {
            List<String> checks = list(rs.getArray("finding_checks"));
            Integer[] scores = (Integer[]) rs.getArray("finding_scores").getArray();
            List<String> reasons = list(rs.getArray("finding_reasons"));
            List<FindingRow> findings = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                findings.add(new FindingRow(checks.get(i), scores[i], reasons.get(i)));
            }
            return new Outbound(read(rs, n), rs.getBytes("content"), List.copyOf(findings));
        }).optional();
    }

    private static final String SELECT_OUTBOUND = """
            select m.*, d.state as delivery_state, coalesce(d.attempts, 0) as attempts, d.next_attempt_at, d.last_error,
                (select raw from mail_content c where c.message_id = m.id) as content,
                array(select check_name from mail_finding f where f.message_id = m.id order by f.score desc, f.id) as finding_checks,
                array(select score from mail_finding f where f.message_id = m.id order by f.score desc, f.id) as finding_scores,
                array(select reason from mail_finding f where f.message_id = m.id order by f.score desc, f.id) as finding_reasons
            from mail_message m left join mail_delivery d on d.message_id = m.id
            where m.id = :id""";

    public Optional<byte[]> content(long id) {
        return jdbc.sql("select raw from mail_content where message_id = :id").param("id", id).query(byte[].class).optional();
    }

    public List<FindingRow> findings(long id) {
        return jdbc.sql("select check_name, score, reason from mail_finding where message_id = :id order by score desc, id")
                .param("id", id).query((rs, n) -> new FindingRow(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
    }

    /**
     * One fixed statement for every combination of the search form: each criterion is a
     * parameter that is either null (any) or compared, so no combination builds SQL text of its
     * own and every combination runs the same tested statement.
     */
    public List<MessageRow> search(Criteria c, int limit) {
        String domain = present(c.domain()) ? c.domain().strip().toLowerCase(Locale.ROOT) : null;
        return jdbc.sql(SEARCH)
                .param("sender", present(c.sender()) ? "%" + like(c.sender()) + "%" : null, Types.VARCHAR)
                .param("domain", domain, Types.VARCHAR)
                .param("subdomain", domain == null ? null : "%." + like(domain), Types.VARCHAR)
                .param("recipient", present(c.recipient()) ? "%" + like(c.recipient()) + "%" : null, Types.VARCHAR)
                .param("verdict", c.verdict() == null ? null : c.verdict().name(), Types.VARCHAR)
                .param("state", present(c.state()) ? c.state() : null, Types.VARCHAR)
                .param("from", c.from() == null ? null : Timestamp.from(c.from()), Types.TIMESTAMP)
                .param("to", c.to() == null ? null : Timestamp.from(c.to()), Types.TIMESTAMP)
                .param("limit", limit)
                .query(MessageStore::read).list();
    }

    private static final String SEARCH = SELECT
            + " where (cast(:sender as text) is null or m.envelope_from ilike cast(:sender as text)"
            + " or m.from_header ilike cast(:sender as text))"
            + " and (cast(:domain as text) is null or m.from_domain = cast(:domain as text)"
            + " or m.from_domain like cast(:subdomain as text) or cast(:domain as text) = any(m.link_domains))"
            + " and (cast(:recipient as text) is null or exists (select 1 from unnest(m.recipients) r where r ilike cast(:recipient as text)))"
            + " and (cast(:verdict as text) is null or m.verdict = cast(:verdict as text))"
            + " and (cast(:state as text) is null or m.state = cast(:state as text))"
            + " and (cast(:from as timestamptz) is null or m.received_at >= cast(:from as timestamptz))"
            + " and (cast(:to as timestamptz) is null or m.received_at < cast(:to as timestamptz))"
            + " order by m.received_at desc, m.id desc limit :limit";

    /**
     * Deliveries only an analyst can settle, oldest first: uncertain (the relay stopped after the
     * mail server had the whole message, so it may hold it) and failed (given up after five days
     * or refused for good). Whatever the message's own state, until it is released or deleted.
     */
    public List<MessageRow> awaitingDecision(int limit) {
        return jdbc.sql(SELECT + " where d.state in ('UNCERTAIN', 'FAILED') and m.state <> 'DELETED'"
                        + " order by m.received_at, m.id limit :limit")
                .param("limit", limit).query(MessageStore::read).list();
    }

    /** Messages of the same campaign: same sender domain, a link to the same domain, or the same attachment. */
    public List<MessageRow> campaign(long exceptId, String fromDomain, List<String> linkDomains, List<String> hashes, int limit) {
        return jdbc.sql(SELECT + " where m.id <> :id and m.state <> 'DELETED' and ( "
                        + " (cast(:domain as text) is not null and m.from_domain = :domain)"
                        + " or m.link_domains && cast(:links as text[]) or m.attachment_hashes && cast(:hashes as text[]))"
                        + " order by m.received_at desc limit :limit")
                .param("id", exceptId).param("domain", fromDomain == null || fromDomain.isBlank() ? null : fromDomain)
                .param("links", linkDomains.toArray(String[]::new)).param("hashes", hashes.toArray(String[]::new))
                .param("limit", limit).query(MessageStore::read).list();
    }

    public Optional<String> deliveryKey(long id) {
        return jdbc.sql("select delivery_key from mail_delivery where message_id = :id").param("id", id).query(String.class).optional();
    }

    public void setState(long id, String state) {
        jdbc.sql("update mail_message set state = :state where id = :id").param("state", state).param("id", id).update();
    }

    public void released(long id, String by, Instant at) {
        jdbc.sql("update mail_message set state = 'QUEUED', released_by = :by, released_at = :at where id = :id")
                .param("by", by).param("at", Timestamp.from(at)).param("id", id).update();
    }

    public void deleted(long id, String by, Instant at) {
        jdbc.sql("update mail_message set state = 'DELETED', deleted_by = :by, deleted_at = :at where id = :id")
                .param("by", by).param("at", Timestamp.from(at)).param("id", id).update();
        jdbc.sql("delete from mail_content where message_id = :id").param("id", id).update();
    }

    public void pulledBack(long id) {
        jdbc.sql("update mail_message set state = 'QUARANTINED', pulled_back = true where id = :id").param("id", id).update();
    }

    static MessageRow read(ResultSet rs, int n) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        return new MessageRow(rs.getLong("id"), rs.getString("public_ref"), rs.getTimestamp("received_at").toInstant(),
                rs.getString("client_address"), rs.getString("helo"), rs.getString("envelope_from"), list(rs.getArray("recipients")),
                rs.getString("from_header"), rs.getString("from_domain"), rs.getString("subject"), rs.getInt("size_bytes"),
                rs.getInt("score"), Verdict.valueOf(rs.getString("verdict")), rs.getString("state"), rs.getBoolean("reported"),
                list(rs.getArray("link_domains")), list(rs.getArray("attachment_hashes")), rs.getString("released_by"),
                rs.getBoolean("pulled_back"), rs.getString("delivery_state"), rs.getInt("attempts"),
                next == null ? null : next.toInstant(), rs.getString("last_error"), rs.getString("authentication_results"));
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String like(String s) {
        return s.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = s.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
