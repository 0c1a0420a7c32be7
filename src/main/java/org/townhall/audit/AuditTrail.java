package org.townhall.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.store.AuditEventStore;
import org.townhall.audit.store.HashChain;
import org.townhall.audit.store.StoredEvent;
import org.townhall.audit.store.VerifiedMarks;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.SecretKeys;

/** Records security-relevant acts and answers questions about them. */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    /** A search page shows at most this many rows; the CSV export takes up to EXPORT_LIMIT. */
    public static final int PAGE_LIMIT = 500;
    public static final int EXPORT_LIMIT = 1_000_000;

    private final AuditEventStore store;
    private final VerifiedMarks marks;
    private final HashChain chain;
    private final Clock clock;
    private final ObjectProvider<AnchorSource> anchors;

    AuditTrail(AuditEventStore store, VerifiedMarks marks, SecretKeys keys, Clock clock,
               ObjectProvider<AnchorSource> anchors) {
        this.store = store;
        this.marks = marks;
        this.chain = new HashChain(keys.auditHmacKey());
        this.clock = clock;
        this.anchors = anchors;
    }

    /**
     * Records one act in the caller's transaction: the row is chained and written just before that
     * transaction commits, so it commits or rolls back with the act, and where in a service it is
     * called makes no difference to how long the chain's lock is held. Where the request came from
     * is taken from the request.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEntry entry) {
        record(entry, ClientOrigin.current());
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditEntry entry, ClientOrigin origin) {
        int link = chainFor(origin);
        AtCommit.add(store, chain, link, new StoredEvent(0, link, clock.instant(), entry.action().code(),
                entry.outcome().name(), entry.actor().type().name(), entry.actor().ref(), entry.subjectRef(),
                entry.objectRef(), origin.clientAddress(), origin.requestId(), truncate(entry.detail())));
    }

    /**
     * One statement, so no transaction: a read-only one costs four more round trips (read-only
     * and auto-commit switched on and off around it) than the search itself at a borough's size.
     */
    public List<AuditRecord> search(AuditQuery query) {
        return store.search(criteria(query), PAGE_LIMIT).stream().map(AuditTrail::toRecord).toList();
    }

    /** The events about one resident, newest first, for their own account page; one statement, as {@link #search}. */
    public List<AuditRecord> eventsAbout(String residentRef, int limit) {
        return store.search(new AuditEventStore.Criteria(null, residentRef, null, null, null, null), limit)
                .stream().map(AuditTrail::toRecord).toList();
    }

    /** Writes the matching rows as CSV, with cells that a spreadsheet would run as formulas defused. */
    @Transactional(readOnly = true)
    public void exportCsv(AuditQuery query, Writer out) {
        try {
            out.write("id,occurred_at,action,outcome,actor_type,actor_ref,subject_ref,object_ref,client_address,request_id,detail\r\n");
            store.stream(criteria(query), EXPORT_LIMIT, row -> {
                try {
                    out.write(Csv.line(Long.toString(row.id()), row.occurredAt().toString(), row.action(),
                            row.outcome(), row.actorType(), row.actorRef(), row.subjectRef(), row.objectRef(),
                            row.clientAddress(), row.requestId(), row.detail()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    public BlastRadius blastRadius(AuditQuery query) {
        return store.blastRadius(criteria(query), EXPORT_LIMIT);
    }

    /**
     * Walks the whole chain and names the first row where it breaks, then checks that every row
     * the latest anchor recorded is still there, unchanged, naming the anchor if one is not.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return verifyAfter(0);
    }

    /**
     * Whether every row {@code anchor} recorded is still there, unchanged, without walking the
     * chains: checked before the next anchor is taken, so a trail cut back since the last anchor
     * is never anchored afresh (and the cut forgotten) by the next one.
     */
    @Transactional(readOnly = true)
    public ChainVerification checkAnchor(AuditAnchor anchor) {
        return againstAnchor(store, new ChainVerification(0, null, null, 0), anchor);
    }

    /** The newest row of each chain, for an anchor. */
    @Transactional(readOnly = true)
    public List<ChainHead> chainHeads() {
        return store.heads().stream().map(h -> new ChainHead(h.chain(), h.id(), HexFormat.of().formatHex(h.rowHash()))).toList();
    }

    /**
     * Verifies the trail in another database (a restored copy, say) against an anchor: the same
     * walk and the same anchor check, without touching Townhall's own database.
     */
    public ChainVerification verifyElsewhere(DataSource database, AuditAnchor anchor) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        AuditEventStore elsewhere = new AuditEventStore(jdbc, new NamedParameterJdbcTemplate(jdbc));
        long started = System.nanoTime();
        // Inside a read-only transaction, so the rows stream through a cursor rather than all at once.
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(database));
        readOnly.setReadOnly(true);
        AuditEventStore.ChainWalk walk = readOnly.execute(status -> elsewhere.walk(chain, 0));
        ChainVerification walked = new ChainVerification(walk.rows(), walk.brokenAt(), walk.problem(),
                (System.nanoTime() - started) / 1_000_000);
        return anchor == null ? walked : againstAnchor(elsewhere, walked, anchor);
    }

    private static ChainVerification againstAnchor(AuditEventStore store, ChainVerification walked, AuditAnchor anchor) {
        String named = anchor.name() + " (taken " + anchor.takenAt() + ")";
        if (!walked.intact()) {
            return new ChainVerification(walked.rowsChecked(), walked.firstBrokenId(), walked.problem(), walked.millis(), named);
        }
        for (ChainHead head : anchor.heads()) {
            Optional<AuditEventStore.Head> now = store.head(head.id());
            if (now.isEmpty()) {
                return new ChainVerification(walked.rowsChecked(), head.id(), "row " + head.id() + ", the newest of chain "
                        + head.chain() + " when anchor " + named + " was signed, is missing: the chain was cut back",
                        walked.millis(), named);
            }
            if (now.get().chain() != head.chain() || !HexFormat.of().formatHex(now.get().rowHash()).equals(head.rowHash())) {
                return new ChainVerification(walked.rowsChecked(), head.id(), "row " + head.id() + " of chain " + head.chain()
                        + " is not the row anchor " + named + " recorded: the chain was rewritten", walked.millis(), named);
            }
        }
        return new ChainVerification(walked.rowsChecked(), null, null, walked.millis(), named);
    }

    /**
     * Walks the chain from a row already known to be good, for checks that need not start from
     * the beginning, then checks the latest anchor's rows are all still there.
     */
    @Transactional(readOnly = true)
    public ChainVerification verifyAfter(long knownGoodId) {
        long started = System.nanoTime();
        AuditEventStore.ChainWalk walk = store.walk(chain, knownGoodId);
        return againstLatestAnchor(new ChainVerification(walk.rows(), walk.brokenAt(), walk.problem(),
                (System.nanoTime() - started) / 1_000_000));
    }

    /** A walk that only sees the rows still there cannot see a cut-back tail: the latest anchor can. */
    private ChainVerification againstLatestAnchor(ChainVerification walked) {
        AnchorSource source = anchors.getIfAvailable();
        Optional<AuditAnchor> anchor = source == null ? Optional.empty() : source.latest();
        return anchor.map(a -> againstAnchor(store, walked, a)).orElse(walked);
    }

    /**
     * Walks each chain from where the last check left it, anchored at that row's hash, and moves
     * the marks to where the walk got: a day's check costs a day's rows, not the trail's ten
     * million. {@link #verify()} still walks everything, on demand. Either way the rows the
     * latest anchor recorded must still be there.
     */
    @Transactional
    public ChainVerification verifySinceLastCheck() {
        long started = System.nanoTime();
        AuditEventStore.ChainWalk walk = store.walkSince(chain, marks.all());
        for (int link = 0; link < AuditEventStore.CHAINS; link++) {
            marks.keep(link, walk.reached(link), clock.instant());
        }
        return againstLatestAnchor(new ChainVerification(walk.rows(), walk.brokenAt(), walk.problem(),
                (System.nanoTime() - started) / 1_000_000));
    }

    /** Every night, so tampering is noticed even when nobody asks (03:15 London time). */
    @Scheduled(cron = "${townhall.audit.verify-cron:0 15 3 * * *}", zone = "Europe/London")
    void verifyNightly() {
        ChainVerification result = verifySinceLastCheck();
        if (result.intact()) {
            log.info("Audit chain intact: {} rows checked in {} ms", result.rowsChecked(), result.millis());
        } else {
            log.error("AUDIT CHAIN BROKEN at row {}: {}", result.firstBrokenId(), result.problem());
        }
    }

    /** All rows of one request share a chain; acts outside a request take any chain. */
    private static int chainFor(ClientOrigin origin) {
        return origin.requestId() == null ? ThreadLocalRandom.current().nextInt(AuditEventStore.CHAINS)
                : Math.floorMod(origin.requestId().hashCode(), AuditEventStore.CHAINS);
    }

    private static AuditEventStore.Criteria criteria(AuditQuery query) {
        return new AuditEventStore.Criteria(blankToNull(query.actorRef()), blankToNull(query.subjectRef()),
                blankToNull(query.clientAddress()), query.action() == null ? null : query.action().code(),
                query.from(), query.to());
    }

    private static AuditRecord toRecord(StoredEvent row) {
        return new AuditRecord(row.id(), row.occurredAt(), AuditAction.ofCode(row.action()),
                AuditOutcome.valueOf(row.outcome()), new Actor(Actor.Type.valueOf(row.actorType()), row.actorRef()),
                row.subjectRef(), row.objectRef(), row.clientAddress(), row.requestId(), row.detail());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }
}
