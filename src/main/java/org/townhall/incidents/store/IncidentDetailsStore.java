package org.townhall.incidents.store;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.incidents.ExternalBody;
import org.townhall.incidents.IncidentFile;
import org.townhall.incidents.ObservableKind;

/** An incident's tasks, observables, evidence links and other bodies' references. */
@Repository
public class IncidentDetailsStore {

    private final JdbcClient jdbc;

    public IncidentDetailsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void addTask(long incidentId, String ref, String title, LocalDate dueOn, String by, Instant now) {
        jdbc.sql("""
                insert into incident_task (public_ref, incident_id, title, due_on, created_by, created_at)
                values (:ref, :incident, :title, :due, :by, :now)""")
                .param("ref", ref).param("incident", incidentId).param("title", title).param("due", Date.valueOf(dueOn))
                .param("by", by).param("now", Timestamp.from(now)).update();
    }

    /** The task's title, if it was open and is now done. */
    public Optional<String> completeTask(long incidentId, String taskRef, String by, Instant now) {
        return jdbc.sql("""
                update incident_task set done_by = :by, done_at = :now
                where incident_id = :incident and public_ref = :ref and done_at is null returning title""")
                .param("by", by).param("now", Timestamp.from(now)).param("incident", incidentId).param("ref", taskRef)
                .query(String.class).optional();
    }

    public List<IncidentFile.Task> tasks(long incidentId) {
        return jdbc.sql("""
                select public_ref, title, due_on, created_by, done_at, done_by from incident_task
                where incident_id = :id order by done_at nulls first, due_on, id""").param("id", incidentId)
                .query((rs, n) -> new IncidentFile.Task(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getString(4), IncidentStore.instant(rs, "done_at"), rs.getString(6))).list();
    }

    /** False if the incident already has this observable. */
    public boolean addObservable(long incidentId, String ref, ObservableKind kind, String value, String by, Instant now) {
        return jdbc.sql("""
                insert into incident_observable (public_ref, incident_id, kind, value, added_by, added_at)
                values (:ref, :incident, :kind, :value, :by, :now) on conflict (incident_id, kind, value) do nothing""")
                .param("ref", ref).param("incident", incidentId).param("kind", kind.name()).param("value", value)
                .param("by", by).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Each observable with the references of the other incidents that share it. */
    public List<IncidentFile.Observable> observables(long incidentId) {
        return jdbc.sql("""
                select o.public_ref, o.kind, o.value, o.added_by, o.added_at,
                       coalesce(array(select i.reference from incident_observable s join incident i on i.id = s.incident_id
                                      where s.kind = o.kind and s.value = o.value and s.incident_id <> o.incident_id
                                      order by i.opened_at desc limit 20), '{}') as shared
                from incident_observable o where o.incident_id = :id order by o.id""").param("id", incidentId)
                .query((rs, n) -> new IncidentFile.Observable(rs.getString(1), ObservableKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        List.of((String[]) rs.getArray("shared").getArray()))).list();
    }

    public record ObservableRow(long incidentId, ObservableKind kind, String value) {
    }

    public Optional<ObservableRow> observable(long incidentId, String ref) {
        return jdbc.sql("select incident_id, kind, value from incident_observable where incident_id = :incident and public_ref = :ref")
                .param("incident", incidentId).param("ref", ref == null ? "" : ref)
                .query((rs, n) -> new ObservableRow(rs.getLong(1), ObservableKind.valueOf(rs.getString(2)), rs.getString(3)))
                .optional();
    }

    /** The references of every incident holding this observable, newest first. */
    public List<String> incidentsSharing(ObservableKind kind, String value) {
        return jdbc.sql("""
                select i.public_ref from incident_observable o join incident i on i.id = o.incident_id
                where o.kind = :kind and o.value = :value order by i.opened_at desc limit 100""")
                .param("kind", kind.name()).param("value", value).query(String.class).list();
    }

    public void addEvidenceLink(long incidentId, String label, String location, String by, Instant now) {
        jdbc.sql("""
                insert into incident_evidence_link (incident_id, label, location, added_by, added_at)
                values (:incident, :label, :location, :by, :now)""")
                .param("incident", incidentId).param("label", label).param("location", location).param("by", by)
                .param("now", Timestamp.from(now)).update();
    }

    public List<IncidentFile.EvidenceLink> evidence(long incidentId) {
        return jdbc.sql("select label, location, added_by, added_at from incident_evidence_link where incident_id = :id order by id")
                .param("id", incidentId).query((rs, n) -> new IncidentFile.EvidenceLink(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    public void addExternalReference(long incidentId, ExternalBody body, String reference, LocalDate reportedOn, String by,
                                     Instant now) {
        jdbc.sql("""
                insert into incident_external_reference (incident_id, body, reference, reported_on, added_by, added_at)
                values (:incident, :body, :reference, :on, :by, :now)""")
                .param("incident", incidentId).param("body", body.name()).param("reference", reference)
                .param("on", Date.valueOf(reportedOn)).param("by", by).param("now", Timestamp.from(now)).update();
    }

    public List<IncidentFile.ExternalReference> references(long incidentId) {
        return jdbc.sql("select body, reference, reported_on, added_by from incident_external_reference where incident_id = :id order by id")
                .param("id", incidentId).query((rs, n) -> new IncidentFile.ExternalReference(ExternalBody.valueOf(rs.getString(1)),
                        rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4))).list();
    }

    /** Keeps who the blast radius found; a resident found again keeps the larger counts. */
    public void addAffected(long incidentId, String residentRef, long documents, long reads, Instant now) {
        jdbc.sql("""
                insert into incident_affected_resident (incident_id, resident_ref, documents, reads, found_at)
                values (:incident, :resident, :documents, :reads, :now)
                on conflict (incident_id, resident_ref) do update
                    set documents = greatest(incident_affected_resident.documents, excluded.documents),
                        reads = greatest(incident_affected_resident.reads, excluded.reads)""")
                .param("incident", incidentId).param("resident", residentRef).param("documents", documents)
                .param("reads", reads).param("now", Timestamp.from(now)).update();
    }

    public List<String> affectedResidents(long incidentId) {
        return jdbc.sql("select resident_ref from incident_affected_resident where incident_id = :id order by resident_ref")
                .param("id", incidentId).query(String.class).list();
    }
}
