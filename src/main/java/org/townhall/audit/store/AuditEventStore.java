package org.townhall.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.BlastRadius;

/** Reads and appends audit_event rows; the only code that touches the table. */
@Repository
public class AuditEventStore {

    /**
     * The trail is spread over this many chains, each with its own lock, so audited acts run in
     * parallel; within a chain rows link in the order they commit. All rows of one request go to
     * the same chain.
     */
    public static final int CHAINS = 8;
    /**
     * The advisory lock of chain n is CHAIN_LOCK + n, held from a row's append until its
     * transaction ends (pg_locks shows it as an advisory lock with this objid).
     */
    public static final long CHAIN_LOCK = 0x7A0D17L << 8;
    /** How the vault recorded a request for a document that does not exist, before refusals had one form. */
    private static final String LEGACY_EVIDENCE_REFUSAL = "no such document";

    private static final String INSERT = "insert into audit_event (id, chain, occurred_at, action, outcome, actor_type, "
            + "actor_ref, subject_ref, object_ref, client_address, request_id, detail, prev_hash, row_hash) values ";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final NamedParameterJdbcTemplate named;

    public AuditEventStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size.
        this.streaming.setFetchSize(5_000);
    }

    /** The ids the new rows take and the hash they chain from: the last row's, or the genesis value. */
    private record ChainEnd(Long[] ids, byte[] previous) {
    }

    /**
     * Appends a transaction's rows to one chain, just before it commits: one round trip takes the
     * chain's lock, reads its last row and reserves the ids, and one statement inserts every row.
     * The lock is held until the transaction ends, so no other row can slip in between.
     */
    public void appendAll(HashChain chain, int link, List<StoredEvent> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        // Two statements sent together, one round trip: the lock, then the chain's last row. They
        // must stay two: in READ COMMITTED each statement sees what was committed before it began,
        // so only the second, begun after the lock is held, sees the previous holder's row.
        ChainEnd next = jdbc.execute((Connection connection) -> connection.prepareStatement("""
                select pg_advisory_xact_lock(?);
                select array(select nextval('audit_event_id_seq') from generate_series(1, ?)) as ids,
                       (select row_hash from audit_event where chain = ? order by id desc limit 1) as previous"""),
                (PreparedStatement statement) -> {
                    statement.setLong(1, CHAIN_LOCK + link);
                    statement.setInt(2, drafts.size());
                    statement.setInt(3, link);
                    statement.execute();
                    if (!statement.getMoreResults()) {
                        throw new IllegalStateException("The chain's last row was not returned");
                    }
                    try (ResultSet rs = statement.getResultSet()) {
                        rs.next();
                        byte[] last = rs.getBytes("previous");
                        return new ChainEnd((Long[]) rs.getArray("ids").getArray(), last == null ? HashChain.GENESIS : last);
                    }
                });
        Long[] ids = next.ids();
        byte[] previous = next.previous();
        Mac mac = chain.newMac();
        List<Object> args = new ArrayList<>(drafts.size() * 14);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < drafts.size(); i++) {
            StoredEvent draft = drafts.get(i);
            StoredEvent row = new StoredEvent(ids[i], link, HashChain.toStoredPrecision(draft.occurredAt()),
                    draft.action(), draft.outcome(), draft.actorType(), draft.actorRef(), draft.subjectRef(),
                    draft.objectRef(), draft.clientAddress(), draft.requestId(), draft.detail());
            byte[] hash = HashChain.hash(mac, previous, row);
            values.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?)");
            args.addAll(Arrays.asList(row.id(), row.chain(), Timestamp.from(row.occurredAt()), row.action(),
                    row.outcome(), row.actorType(), row.actorRef(), row.subjectRef(), row.objectRef(),
                    row.clientAddress(), row.requestId(), row.detail(), previous, hash));
            previous = hash;
        }
        jdbc.update(INSERT + values, args.toArray());
    }

    /**
     * Walks the chain in id order from the row after {@code afterId} (0 for the whole trail), streaming rows so a million of them need no more memory
     * than a few thousand.
     */
    public ChainWalk walk(HashChain chain, long afterId) {
        ChainWalk walk = new ChainWalk(chain.newMac());
        // Each chain continues from its last row at or before the known-good row.
        jdbc.query("select distinct on (chain) chain, row_hash from audit_event where id <= ? order by chain, id desc",
                rs -> {
                    walk.anchor(rs.getInt("chain"), rs.getBytes("row_hash"));
                }, afterId);
        streaming.query("""
                select id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, object_ref,
                       host(client_address) as client_address, request_id, detail, prev_hash, row_hash
                from audit_event where id > ? order by id""",
                rs -> {
                    if (walk.broken()) {
                        return;
                    }
                    walk.check(read(rs), rs.getBytes("prev_hash"), rs.getBytes("row_hash"));
                }, afterId);
        return walk;
    }

    /**
     * Walks each chain from where it was last verified (its row's id and hash, from
     * {@link VerifiedMarks}) to its newest row, along the (chain, id) index: the cost is the rows
     * added since, whatever the trail's size. A chain with no mark is walked from its first row.
     */
    public ChainWalk walkSince(HashChain chain, Map<Integer, VerifiedMarks.Mark> marks) {
        ChainWalk walk = new ChainWalk(chain.newMac());
        for (int link = 0; link < CHAINS && !walk.broken(); link++) {
            VerifiedMarks.Mark mark = marks.get(link);
            walk.anchor(link, mark == null ? HashChain.GENESIS : mark.rowHash());
            walk.lastId[link] = mark == null ? 0 : mark.throughId();
            streaming.query("""
                    select id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, object_ref,
                           host(client_address) as client_address, request_id, detail, prev_hash, row_hash
                    from audit_event where chain = ? and id > ? order by id""",
                    rs -> {
                        if (walk.broken()) {
                            return;
                        }
                        walk.check(read(rs), rs.getBytes("prev_hash"), rs.getBytes("row_hash"));
                    }, link, walk.lastId[link]);
        }
        return walk;
    }

    /** Each chain's newest row: what an anchor records. */
    public List<Head> heads() {
        return jdbc.query("select distinct on (chain) chain, id, row_hash from audit_event order by chain, id desc",
                (rs, n) -> new Head(rs.getInt("chain"), rs.getLong("id"), rs.getBytes("row_hash")));
    }

    /** The row with this id as an anchor would see it, if it is still there. */
    public java.util.Optional<Head> head(long id) {
        return jdbc.query("select chain, id, row_hash from audit_event where id = ?",
                (rs, n) -> new Head(rs.getInt("chain"), rs.getLong("id"), rs.getBytes("row_hash")), id).stream().findFirst();
    }

    public record Head(int chain, long id, byte[] rowHash) {
    }

    public List<StoredEvent> search(Criteria criteria, int limit) {
        List<StoredEvent> rows = new ArrayList<>();
        stream(criteria, limit, rows::add);
        return rows;
    }

    /*
     * Each question below is one fixed statement: a part of the criteria left empty is a null
     * parameter that matches everything, "(:x is null or column = :x)". Nothing is appended to
     * the SQL, so no combination of the form can produce a statement that was never run, and each
     * is planned for the values it is given (PostgreSQL folds the null tests away), so the
     * indexes on actor, subject, client and time still serve it.
     */

    public void stream(Criteria criteria, int limit, Consumer<StoredEvent> sink) {
        named.query("""
                select id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, object_ref,
                       host(client_address) as client_address, request_id, detail
                from audit_event
                where (cast(:actor as text) is null or actor_ref = :actor)
                  and (cast(:subject as text) is null or subject_ref = :subject)
                  and (cast(:client as inet) is null or client_address <<= cast(:client as inet))
                  and (cast(:action as text) is null or action = :action)
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)
                order by occurred_at desc, id desc
                limit :limit""", parameters(criteria).addValue("limit", limit), rs -> {
            sink.accept(read(rs));
        });
    }

    /**
     * Whose evidence was read, by whom, from where: the totals and the residents affected
     * (most-read first). The action of the criteria is ignored. Refused attempts are every
     * refused request for evidence, whether the vault refused it or the sign-in and role checks
     * before it did; those carry no resident, so a question about one resident counts only the
     * vault's refusals.
     */
    public BlastRadius blastRadius(Criteria criteria, int limit) {
        MapSqlParameterSource params = parameters(criteria).addValue("action", null, Types.VARCHAR)
                .addValue("limit", limit).addValue("refusal", AuditEntry.EVIDENCE_REFUSAL)
                .addValue("legacyRefusal", LEGACY_EVIDENCE_REFUSAL);
        List<BlastRadius.PersonAffected> affected = named.query("""
                select subject_ref, count(distinct object_ref) as documents, count(*) as reads,
                       min(occurred_at) as first_read, max(occurred_at) as last_read
                from audit_event
                where action = 'EVIDENCE_VIEWED'
                  and (cast(:actor as text) is null or actor_ref = :actor)
                  and (cast(:subject as text) is null or subject_ref = :subject)
                  and (cast(:client as inet) is null or client_address <<= cast(:client as inet))
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)
                group by subject_ref
                order by count(*) desc, subject_ref
                limit :limit""", params,
                (rs, n) -> new BlastRadius.PersonAffected(rs.getString("subject_ref"), rs.getLong("documents"),
                        rs.getLong("reads"), rs.getTimestamp("first_read").toInstant(), rs.getTimestamp("last_read").toInstant()));
        return named.queryForObject("""
                select count(distinct object_ref) filter (where action = 'EVIDENCE_VIEWED') as documents,
                       count(distinct subject_ref) filter (where action = 'EVIDENCE_VIEWED') as people,
                       count(*) filter (where action = 'EVIDENCE_VIEWED') as reads,
                       count(distinct client_address) filter (where action = 'EVIDENCE_VIEWED') as addresses,
                       count(*) filter (where action = 'ACCESS_DENIED'
                                          and (starts_with(detail, cast(:refusal as text))
                                               or detail = cast(:legacyRefusal as text))) as refused
                from audit_event
                where action in ('EVIDENCE_VIEWED', 'ACCESS_DENIED')
                  and (cast(:actor as text) is null or actor_ref = :actor)
                  and (cast(:subject as text) is null or subject_ref = :subject)
                  and (cast(:client as inet) is null or client_address <<= cast(:client as inet))
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)""", params,
                (rs, n) -> new BlastRadius(rs.getLong("documents"), rs.getLong("people"), rs.getLong("reads"),
                        rs.getLong("addresses"), rs.getLong("refused"), affected));
    }

    /** Every part of the criteria, typed, so an empty one is a typed null the statement can test. */
    private static MapSqlParameterSource parameters(Criteria criteria) {
        return new MapSqlParameterSource()
                .addValue("actor", criteria.actorRef(), Types.VARCHAR)
                .addValue("subject", criteria.subjectRef(), Types.VARCHAR)
                .addValue("client", criteria.clientAddress(), Types.VARCHAR)
                .addValue("action", criteria.action(), Types.VARCHAR)
                .addValue("from", criteria.from() == null ? null : Timestamp.from(criteria.from()), Types.TIMESTAMP)
                .addValue("to", criteria.to() == null ? null : Timestamp.from(criteria.to()), Types.TIMESTAMP);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from audit_event", Long.class);
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("id"), rs.getInt("chain"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("action"),
                rs.getString("outcome"), rs.getString("actor_type"), rs.getString("actor_ref"),
                rs.getString("subject_ref"), rs.getString("object_ref"), rs.getString("client_address"),
                rs.getString("request_id"), rs.getString("detail"));
    }

    /** Search criteria in storage terms; a null part matches everything. */
    public record Criteria(String actorRef, String subjectRef, String clientAddress, String action,
                           Instant from, Instant to) {
    }

    /** The state of a walk along the chains: where each is and where, if anywhere, one broke. */
    public static final class ChainWalk {
        private final Mac mac;
        private final byte[][] expectedPrevious = new byte[64][];
        private final long[] lastId = new long[64];
        private long rows;
        private Long brokenAt;
        private String problem;

        ChainWalk(Mac mac) {
            this.mac = mac;
            Arrays.fill(expectedPrevious, HashChain.GENESIS);
        }

        void anchor(int chain, byte[] lastGoodHash) {
            expectedPrevious[chain] = lastGoodHash;
        }

        void check(StoredEvent row, byte[] storedPrevious, byte[] storedHash) {
            rows++;
            if (!Arrays.equals(storedPrevious, expectedPrevious[row.chain()])) {
                brokenAt = row.id();
                problem = "the row before it is missing or was replaced (its link to the previous row does not match)";
                return;
            }
            byte[] recomputed = HashChain.hash(mac, storedPrevious, row);
            if (!Arrays.equals(recomputed, storedHash)) {
                brokenAt = row.id();
                problem = "its content was altered after it was written";
                return;
            }
            expectedPrevious[row.chain()] = storedHash;
            lastId[row.chain()] = row.id();
        }

        /** How far a chain was walked intact: its last good row's id (0 if none) and hash. */
        public VerifiedMarks.Mark reached(int chain) {
            return new VerifiedMarks.Mark(lastId[chain], expectedPrevious[chain]);
        }

        boolean broken() {
            return brokenAt != null;
        }

        public long rows() {
            return rows;
        }

        public Long brokenAt() {
            return brokenAt;
        }

        public String problem() {
            return problem;
        }
    }
}
