package org.townhall.parking.store;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.parking.CaseKind;
import org.townhall.parking.CaseStatus;

/** Challenges, representations and the letters that answer them. */
@Repository
public class CaseStore {

    private final JdbcClient jdbc;

    public CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record CaseRow(long id, String ref, long pcnId, String pcnNumber, CaseKind kind, String grounds, String statement,
                          String residentRef, LocalDate receivedOn, LocalDate decideBy, String assignedOfficer,
                          CaseStatus status, String decisionReason, LocalDate decidedOn, String reference) {
        public boolean open() {
            return status == CaseStatus.OPEN;
        }

        public boolean informal() {
            return kind == CaseKind.INFORMAL_CHALLENGE;
        }
    }

    public record LetterRow(String ref, String kind, String body, LocalDate sentOn) {
    }

    private static final String SELECT = "select c.*, p.pcn_number from parking_case c join pcn p on p.id = c.pcn_id";

    /** Opens a case, unless the PCN already has an open one (the database keeps it to one). */
    public Optional<Long> open(String ref, long pcnId, CaseKind kind, String grounds, String statement, String residentRef,
                               LocalDate receivedOn, LocalDate decideBy, String assignedOfficer) {
        return jdbc.sql("""
                insert into parking_case (public_ref, pcn_id, kind, grounds, statement, resident_ref, received_on,
                    decide_by, assigned_officer, status, reference)
                values (:ref, :pcn, :kind, :grounds, :statement, :resident, :received, :decideBy, :officer, 'OPEN', :reference)
                on conflict (pcn_id) where status = 'OPEN' do nothing
                returning id""")
                .param("ref", ref).param("pcn", pcnId).param("kind", kind.name()).param("grounds", grounds)
                .param("statement", statement).param("resident", residentRef).param("received", Date.valueOf(receivedOn))
                .param("decideBy", Date.valueOf(decideBy)).param("officer", assignedOfficer).param("reference", newReference())
                .query(Long.class).optional();
    }

    public Optional<CaseRow> findByRef(String ref) {
        return jdbc.sql(SELECT + " where c.public_ref = :ref").param("ref", ref).query(CaseStore::read).optional();
    }

    public Optional<CaseRow> lockByRef(String ref) {
        return jdbc.sql("select c.*, '' as pcn_number from parking_case c where c.public_ref = :ref for update")
                .param("ref", ref).query(CaseStore::read).optional();
    }

    public Optional<CaseRow> latestOf(long pcnId) {
        return jdbc.sql(SELECT + " where c.pcn_id = :pcn order by c.id desc limit 1").param("pcn", pcnId)
                .query(CaseStore::read).optional();
    }

    /** The latest case of every open PCN, by PCN id, in one query. */
    public Map<Long, CaseRow> latestOfOpenPcns() {
        Map<Long, CaseRow> latest = new HashMap<>();
        jdbc.sql("select distinct on (c.pcn_id) c.*, p.pcn_number from parking_case c join pcn p on p.id = c.pcn_id "
                + "where p.status = 'OPEN' order by c.pcn_id, c.id desc")
                .query((RowCallbackHandler) rs -> latest.put(rs.getLong("pcn_id"), read(rs, 0)));
        return latest;
    }

    /** The cases this resident made about the PCN: nobody is shown another person's. */
    public List<CaseRow> ofPcnBy(long pcnId, String residentRef) {
        return jdbc.sql(SELECT + " where c.pcn_id = :pcn and c.resident_ref = :resident order by c.id desc")
                .param("pcn", pcnId).param("resident", residentRef).query(CaseStore::read).list();
    }

    /** The officers' queue: open cases, the nearest statutory deadline first. */
    public List<CaseRow> openQueue(int limit) {
        return jdbc.sql(SELECT + " where c.status = 'OPEN' order by c.decide_by, c.id limit :limit")
                .param("limit", limit).query(CaseStore::read).list();
    }

    /** The parking officer with the fewest open cases among those given, to spread the work. */
    public Optional<String> leastLoaded(List<String> officerRefs) {
        if (officerRefs.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select o.ref from unnest(cast(:refs as text[])) as o(ref)
                left join parking_case c on c.assigned_officer = o.ref and c.status = 'OPEN'
                group by o.ref order by count(c.id), o.ref limit 1""")
                .param("refs", officerRefs.toArray(new String[0])).query(String.class).optional();
    }

    public boolean assign(long caseId, String officerRef) {
        return jdbc.sql("update parking_case set assigned_officer = :officer where id = :id and status = 'OPEN' and assigned_officer is null")
                .param("officer", officerRef).param("id", caseId).update() == 1;
    }

    /** A case handed back to the unassigned queue, and who held it. */
    public record Returned(String caseRef, String residentRef, String formerOfficer) {
    }

    /** Hands every open case of this officer back to the unassigned queue. */
    public List<Returned> returnCasesOf(String officerRef) {
        return jdbc.sql("""
                update parking_case set assigned_officer = null
                where status = 'OPEN' and assigned_officer = :officer
                returning public_ref, resident_ref""")
                .param("officer", officerRef)
                .query((rs, n) -> new Returned(rs.getString(1), rs.getString(2), officerRef)).list();
    }

    /**
     * Hands back every open case assigned to someone not among {@code workers}. Cases another
     * transaction holds (being decided at this moment) are left for the next look.
     */
    public List<Returned> returnCasesNotHeldBy(Collection<String> workers) {
        return jdbc.sql("""
                with orphan as (
                    select id, assigned_officer from parking_case
                    where status = 'OPEN' and assigned_officer is not null
                      and not (assigned_officer = any (cast(:workers as text[])))
                    for update skip locked)
                update parking_case c set assigned_officer = null from orphan o where c.id = o.id
                returning c.public_ref, c.resident_ref, o.assigned_officer""")
                .param("workers", workers.toArray(new String[0]))
                .query((rs, n) -> new Returned(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Gives a case, locked by the caller, to an officer. */
    public void reassign(long caseId, String officerRef) {
        jdbc.sql("update parking_case set assigned_officer = :officer where id = :id and status = 'OPEN'")
                .param("officer", officerRef).param("id", caseId).update();
    }

    /** Closes an open case; the database refuses a move parking_case_transition does not hold. */
    public void decide(long caseId, CaseStatus status, String reason, LocalDate decidedOn, String decidedBy, Instant now) {
        jdbc.sql("""
                update parking_case set status = :status, decision_reason = :reason, decided_on = :on, decided_by = :by,
                    closed_at = :now where id = :id and status = 'OPEN'""")
                .param("status", status.name()).param("reason", reason).param("on", Date.valueOf(decidedOn)).param("by", decidedBy)
                .param("now", Timestamp.from(now)).param("id", caseId).update();
    }

    /** Open formal representations whose decision day has passed. */
    public List<CaseRow> overdueRepresentations(LocalDate today) {
        return jdbc.sql(SELECT + " where c.status = 'OPEN' and c.kind = 'REPRESENTATIONS' and c.decide_by < :today order by c.id")
                .param("today", Date.valueOf(today)).query(CaseStore::read).list();
    }

    /** Closed cases whose evidence is still held and whose retention period ended before {@code cutoff}. */
    public List<String> evidenceDueForDestruction(Instant cutoff, int limit) {
        return jdbc.sql("""
                select public_ref from parking_case where status <> 'OPEN' and closed_at < :cutoff
                  and evidence_destroyed_at is null order by closed_at limit :limit""")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(String.class).list();
    }

    public void markEvidenceDestroyed(String caseRef, Instant now) {
        jdbc.sql("update parking_case set evidence_destroyed_at = :now where public_ref = :ref")
                .param("now", Timestamp.from(now)).param("ref", caseRef).update();
    }

    public void addLetter(String ref, long pcnId, Long caseId, String kind, String body, LocalDate sentOn) {
        jdbc.sql("insert into parking_letter (public_ref, pcn_id, case_id, kind, body, sent_on) values (:ref, :pcn, :case, :kind, :body, :on)")
                .param("ref", ref).param("pcn", pcnId).param("case", caseId).param("kind", kind).param("body", body)
                .param("on", Date.valueOf(sentOn)).update();
    }

    /** The letters answering this resident's cases about the PCN: a decision's reasons go only to whoever made the case. */
    public List<LetterRow> lettersOf(long pcnId, String residentRef) {
        return jdbc.sql("""
                select l.public_ref, l.kind, l.body, l.sent_on from parking_letter l join parking_case c on c.id = l.case_id
                where l.pcn_id = :pcn and c.resident_ref = :resident order by l.id desc""")
                .param("pcn", pcnId).param("resident", residentRef).query((rs, n) -> new LetterRow(rs.getString("public_ref"),
                        rs.getString("kind"), rs.getString("body"), rs.getDate("sent_on").toLocalDate())).list();
    }

    private static CaseRow read(ResultSet rs, int n) throws SQLException {
        Date decided = rs.getDate("decided_on");
        return new CaseRow(rs.getLong("id"), rs.getString("public_ref"), rs.getLong("pcn_id"), rs.getString("pcn_number"),
                CaseKind.valueOf(rs.getString("kind")), rs.getString("grounds"), rs.getString("statement"), rs.getString("resident_ref"),
                rs.getDate("received_on").toLocalDate(), rs.getDate("decide_by").toLocalDate(), rs.getString("assigned_officer"),
                CaseStatus.valueOf(rs.getString("status")), rs.getString("decision_reason"), decided == null ? null : decided.toLocalDate(),
                rs.getString("reference"));
    }

    private static final String REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** EBC- and ten letters and digits that cannot be misread: 32^10, so two cases never meet in practice (the column is unique). */
    static String newReference() {
        StringBuilder reference = new StringBuilder("EBC-");
        for (int i = 0; i < 10; i++) {
            reference.append(REFERENCE_LETTERS.charAt(RANDOM.nextInt(REFERENCE_LETTERS.length())));
        }
        return reference.toString();
    }
}
