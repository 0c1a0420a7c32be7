package org.townhall.incidents.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.incidents.BreachAssessment;
import org.townhall.incidents.BreachRisk;
import org.townhall.incidents.IcoNotification;

/** Breach assessments, ICO notifications, clock warnings and what residents were told. */
@Repository
public class BreachStore {

    private static final long DEADLINE_LOCK = 0x1C0B72L;

    private final JdbcClient jdbc;

    public BreachStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(long incidentId, BreachAssessment a) {
        jdbc.sql("""
                insert into breach_assessment (incident_id, personal_data_breach, aware_at, nature, people_categories, people_count,
                    record_categories, record_count, consequences, measures, dpo_contact, risk, notify_ico, not_notifying_reason,
                    assessed_by, assessed_at)
                values (:id, :breach, :aware, :nature, :peopleCategories, :people, :recordCategories, :records, :consequences,
                    :measures, :dpo, :risk, :notify, :reason, :by, :at)
                on conflict (incident_id) do update set personal_data_breach = excluded.personal_data_breach,
                    aware_at = excluded.aware_at, nature = excluded.nature, people_categories = excluded.people_categories,
                    people_count = excluded.people_count, record_categories = excluded.record_categories,
                    record_count = excluded.record_count, consequences = excluded.consequences, measures = excluded.measures,
                    dpo_contact = excluded.dpo_contact, risk = excluded.risk, notify_ico = excluded.notify_ico,
                    not_notifying_reason = excluded.not_notifying_reason, assessed_by = excluded.assessed_by,
                    assessed_at = excluded.assessed_at, version = breach_assessment.version + 1""")
                .param("id", incidentId).param("breach", a.personalDataBreach()).param("aware", Timestamp.from(a.awareAt()))
                .param("nature", a.nature()).param("peopleCategories", a.peopleCategories()).param("people", a.peopleCount())
                .param("recordCategories", a.recordCategories()).param("records", a.recordCount())
                .param("consequences", a.consequences()).param("measures", a.measures()).param("dpo", a.dpoContact())
                .param("risk", a.risk().name()).param("notify", a.notifyIco()).param("reason", a.notNotifyingReason())
                .param("by", a.assessedBy()).param("at", Timestamp.from(a.assessedAt())).update();
    }

    public Optional<BreachAssessment> assessment(long incidentId) {
        return jdbc.sql("select * from breach_assessment where incident_id = :id").param("id", incidentId)
                .query((rs, n) -> read(rs)).optional();
    }

    public void addNotification(long incidentId, IcoNotification n, Instant now) {
        jdbc.sql("""
                insert into breach_ico_notification (incident_id, phase, sent_at, ico_reference, summary, late_reasons, recorded_by, recorded_at)
                values (:id, :phase, :sent, :reference, :summary, :late, :by, :now)""")
                .param("id", incidentId).param("phase", n.phase().name()).param("sent", Timestamp.from(n.sentAt()))
                .param("reference", n.icoReference()).param("summary", n.summary()).param("late", n.lateReasons())
                .param("by", n.recordedBy()).param("now", Timestamp.from(now)).update();
    }

    public List<IcoNotification> notifications(long incidentId) {
        return jdbc.sql("select * from breach_ico_notification where incident_id = :id order by sent_at, id").param("id", incidentId)
                .query((rs, n) -> new IcoNotification(IcoNotification.Phase.valueOf(rs.getString("phase")),
                        rs.getTimestamp("sent_at").toInstant(), rs.getString("ico_reference"), rs.getString("summary"),
                        rs.getString("late_reasons"), rs.getString("recorded_by"))).list();
    }

    /** Breaches the ICO must be told of, by incident reference: when the council became aware, and when told. */
    public record Clocked(long incidentId, String ref, String reference, String ownerRef, Instant awareAt, Instant notifiedAt) {
    }

    public List<Clocked> clocked(List<String> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(CLOCKED + " and i.public_ref in (:refs)").param("refs", refs).query((rs, n) -> clocked(rs)).list();
    }

    /** Breaches still waiting for their initial notification. */
    public List<Clocked> awaitingNotification() {
        return jdbc.sql(CLOCKED + " and not exists (select 1 from breach_ico_notification n where n.incident_id = b.incident_id)")
                .query((rs, n) -> clocked(rs)).list();
    }

    private static final String CLOCKED = """
            select b.incident_id, i.public_ref, i.reference, i.owner_ref, b.aware_at,
                   (select min(sent_at) from breach_ico_notification n where n.incident_id = b.incident_id and n.phase = 'INITIAL') as notified
            from breach_assessment b join incident i on i.id = b.incident_id
            where b.personal_data_breach and b.notify_ico""";

    private static Clocked clocked(ResultSet rs) throws SQLException {
        return new Clocked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                IncidentStore.instant(rs, "notified"));
    }

    public boolean tryDeadlineLock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", DEADLINE_LOCK)
                .query(Boolean.class).single());
    }

    /** True the first time a warning is recorded; a warning already sent is not sent again. */
    public boolean warn(long incidentId, String warning, Instant now) {
        return jdbc.sql("""
                insert into breach_clock_warning (incident_id, warning, sent_at) values (:id, :warning, :now)
                on conflict do nothing""").param("id", incidentId).param("warning", warning).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Records the approved wording; false if it was already approved (it is reviewed once). */
    public boolean approveNotice(long incidentId, String wording, String by, Instant now) {
        return jdbc.sql("""
                insert into breach_resident_notice (incident_id, wording, approved_by, approved_at) values (:id, :wording, :by, :now)
                on conflict do nothing""").param("id", incidentId).param("wording", wording).param("by", by)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    public Optional<String> noticeWording(long incidentId) {
        return jdbc.sql("select wording from breach_resident_notice where incident_id = :id").param("id", incidentId)
                .query(String.class).optional();
    }

    /** The residents already told, so telling again skips them. */
    public Map<String, Instant> told(long incidentId) {
        return jdbc.sql("select resident_ref, told_at from breach_resident_told where incident_id = :id").param("id", incidentId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public boolean markTold(long incidentId, String residentRef, String notificationRef, Instant now) {
        return jdbc.sql("""
                insert into breach_resident_told (incident_id, resident_ref, notification_ref, told_at) values (:id, :resident, :n, :now)
                on conflict do nothing""").param("id", incidentId).param("resident", residentRef).param("n", notificationRef)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    private static BreachAssessment read(ResultSet rs) throws SQLException {
        long people = rs.getLong("people_count");
        boolean noPeople = rs.wasNull();
        long records = rs.getLong("record_count");
        boolean noRecords = rs.wasNull();
        return new BreachAssessment(rs.getBoolean("personal_data_breach"), rs.getTimestamp("aware_at").toInstant(),
                rs.getString("nature"), rs.getString("people_categories"), noPeople ? null : people,
                rs.getString("record_categories"), noRecords ? null : records, rs.getString("consequences"),
                rs.getString("measures"), rs.getString("dpo_contact"), BreachRisk.valueOf(rs.getString("risk")),
                rs.getBoolean("notify_ico"), rs.getString("not_notifying_reason"), rs.getString("assessed_by"),
                rs.getTimestamp("assessed_at").toInstant());
    }
}
