package org.townhall.parking.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.parking.PcnStatus;
import org.townhall.platform.AttemptWindows;

/** PCNs, their photos, the residents who saved each to their account, and the look-up counters. */
@Repository
public class PcnStore {

    private final JdbcClient jdbc;
    private final AttemptWindows lookups;
    private final Clock clock;

    public PcnStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lookups = new AttemptWindows(jdbc, "pcn_lookup_window");
    }

    public record PcnRow(long id, String ref, String number, String vrm, String contraventionCode,
                         String contraventionDescription, String location, Instant observedAt, String officerNumber,
                         long chargePence, LocalDate servedOn, LocalDate ntoServedOn, LocalDate ccServedOn,
                         PcnStatus status, boolean demo) {
    }

    public record PhotoRow(String ref, String caption, String contentType, byte[] content) {
    }

    /** A PCN to insert; {@code savedBy}, if not null, has it saved to their account (demo data and tests). */
    public record NewPcn(String ref, String number, String vrm, String contravention, String location, Instant observedAt,
                         String officerNumber, LocalDate servedOn, LocalDate ntoServedOn, LocalDate ccServedOn, String status,
                         String savedBy, boolean demo) {
    }

    private static final String SELECT = """
            select p.*, c.description as contravention_description from pcn p
            join contravention c on c.code = p.contravention""";

    /** Inserts a PCN with the charge of its contravention's band; returns its id. */
    public long insert(NewPcn pcn, long higherPence, long lowerPence) {
        long id = jdbc.sql("""
                insert into pcn (public_ref, pcn_number, vrm, contravention, location, observed_at, officer_number,
                    charge_pence, served_on, nto_served_on, cc_served_on, status, demo)
                select :ref, :number, :vrm, :code, :location, :observed, :officer,
                    case c.band when 'HIGHER' then :higher else :lower end, :served, :nto, :cc, :status, :demo
                from contravention c where c.code = :code
                returning id""")
                .param("ref", pcn.ref()).param("number", pcn.number()).param("vrm", pcn.vrm())
                .param("code", pcn.contravention()).param("location", pcn.location())
                .param("observed", Timestamp.from(pcn.observedAt())).param("officer", pcn.officerNumber())
                .param("higher", higherPence).param("lower", lowerPence).param("served", Date.valueOf(pcn.servedOn()))
                .param("nto", pcn.ntoServedOn() == null ? null : Date.valueOf(pcn.ntoServedOn()))
                .param("cc", pcn.ccServedOn() == null ? null : Date.valueOf(pcn.ccServedOn()))
                .param("status", pcn.status()).param("demo", pcn.demo())
                .query(Long.class).single();
        if (pcn.savedBy() != null) {
            save(id, pcn.savedBy());
        }
        return id;
    }

    public void addPhoto(long pcnId, String ref, String caption, String contentType, byte[] content) {
        jdbc.sql("insert into pcn_photo (public_ref, pcn_id, caption, content_type, content) values (:ref, :pcn, :caption, :type, :content)")
                .param("ref", ref).param("pcn", pcnId).param("caption", caption).param("type", contentType)
                .param("content", content).update();
    }

    public Optional<PcnRow> findByNumber(String number) {
        return jdbc.sql(SELECT + " where p.pcn_number = :number").param("number", number).query(PcnStore::read).optional();
    }

    public Optional<PcnRow> findByRef(String ref) {
        return jdbc.sql(SELECT + " where p.public_ref = :ref").param("ref", ref).query(PcnStore::read).optional();
    }

    public Optional<PcnRow> findById(long id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(PcnStore::read).optional();
    }

    public Optional<PcnRow> lockById(long id) {
        return jdbc.sql("select p.*, '' as contravention_description from pcn p where p.id = :id for update")
                .param("id", id).query(PcnStore::read).optional();
    }

    /** The PCNs saved to this resident's account. */
    public List<PcnRow> ofResident(String residentRef) {
        return jdbc.sql(SELECT + " join pcn_saved s on s.pcn_id = p.id where s.resident_ref = :resident order by p.served_on desc")
                .param("resident", residentRef).query(PcnStore::read).list();
    }

    /** Saves the PCN to the resident's account, whoever else has saved it; saving it twice is a no-op. */
    public void save(long id, String residentRef) {
        jdbc.sql("insert into pcn_saved (pcn_id, resident_ref, saved_at) values (:id, :resident, :now) on conflict do nothing")
                .param("id", id).param("resident", residentRef).param("now", Timestamp.from(clock.instant())).update();
    }

    public boolean isSavedBy(long id, String residentRef) {
        return residentRef != null && jdbc.sql("select exists (select 1 from pcn_saved where pcn_id = :id and resident_ref = :resident)")
                .param("id", id).param("resident", residentRef).query(Boolean.class).single();
    }

    /** Everyone who saved the PCN to their account. */
    public List<String> savedBy(long id) {
        return jdbc.sql("select resident_ref from pcn_saved where pcn_id = :id order by saved_at").param("id", id)
                .query(String.class).list();
    }

    /** The database refuses a move pcn_transition does not hold. */
    public void setStatus(long id, PcnStatus status) {
        jdbc.sql("update pcn set status = :status where id = :id").param("status", status.name()).param("id", id).update();
    }

    /** Records a payment against the PCN; it is paid once what was asked for has been received. */
    public void paid(long id, long pence) {
        jdbc.sql("update pcn set paid_pence = paid_pence + :pence, status = 'PAID' where id = :id")
                .param("pence", pence).param("id", id).update();
    }

    /** The photos of a PCN for listing on a page: references and captions, not the images. */
    public List<PhotoRow> photoList(long pcnId) {
        return jdbc.sql("select public_ref, caption, content_type from pcn_photo where pcn_id = :pcn order by id")
                .param("pcn", pcnId).query((rs, n) -> new PhotoRow(rs.getString("public_ref"), rs.getString("caption"),
                        rs.getString("content_type"), null)).list();
    }

    /** One photo of a PCN, with its image. */
    public Optional<PhotoRow> photo(long pcnId, String photoRef) {
        return jdbc.sql("select public_ref, caption, content_type, content from pcn_photo where pcn_id = :pcn and public_ref = :ref")
                .param("pcn", pcnId).param("ref", photoRef)
                .query((rs, n) -> new PhotoRow(rs.getString("public_ref"), rs.getString("caption"),
                        rs.getString("content_type"), rs.getBytes("content"))).optional();
    }

    public List<PcnRow> open() {
        return jdbc.sql(SELECT + " where p.status = 'OPEN' order by p.id").query(PcnStore::read).list();
    }

    public int extensionDays(long pcnId) {
        return jdbc.sql("select coalesce(sum(days), 0) from pcn_deadline_extension where pcn_id = :pcn")
                .param("pcn", pcnId).query(Integer.class).single();
    }

    /** Days already given back to every open PCN that has had any, by PCN id, in one query. */
    public Map<Long, Integer> extensionDaysOfOpen() {
        Map<Long, Integer> days = new HashMap<>();
        jdbc.sql("select e.pcn_id, sum(e.days) from pcn_deadline_extension e join pcn p on p.id = e.pcn_id "
                + "where p.status = 'OPEN' group by e.pcn_id")
                .query((RowCallbackHandler) rs -> days.put(rs.getLong(1), rs.getInt(2)));
        return days;
    }

    /** The outage windows that already moved this PCN's deadlines: [start, end] London dates. */
    public List<LocalDate[]> extensionWindows(long pcnId) {
        return jdbc.sql("select window_start, window_end from pcn_deadline_extension where pcn_id = :pcn")
                .param("pcn", pcnId).query((rs, n) -> new LocalDate[] {rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()}).list();
    }

    /** Records an extension once per PCN and outage; false if this outage already extended it. */
    public boolean addExtension(long pcnId, String outageRef, LocalDate windowStart, LocalDate windowEnd, int days, Instant now) {
        return jdbc.sql("""
                insert into pcn_deadline_extension (pcn_id, outage_ref, window_start, window_end, days, created_at)
                values (:pcn, :outage, :start, :end, :days, :now) on conflict (pcn_id, outage_ref) do nothing""")
                .param("pcn", pcnId).param("outage", outageRef).param("start", Date.valueOf(windowStart))
                .param("end", Date.valueOf(windowEnd)).param("days", days).param("now", Timestamp.from(now)).update() == 1;
    }

    public boolean anyDemo() {
        return jdbc.sql("select exists (select 1 from pcn where demo)").query(Boolean.class).single();
    }

    /**
     * Counts one look-up in the current window for this key and returns the count, starting a
     * new window when the old one has run out.
     */
    public int countLookup(String scope, String key, Instant now, Instant windowStartedBefore) {
        return lookups.count(scope, key, now, windowStartedBefore);
    }

    /** The count in the current window, without adding to it. */
    public int lookupsInWindow(String scope, String key, Instant windowStartedBefore) {
        return lookups.inWindow(scope, key, windowStartedBefore);
    }

    /** How long until the look-up window for this key ends (at least a second). */
    public java.time.Duration retryAfter(String scope, String key, java.time.Duration window, Instant now) {
        return lookups.retryAfter(scope, key, window, now);
    }

    private static PcnRow read(ResultSet rs, int n) throws SQLException {
        Date nto = rs.getDate("nto_served_on");
        Date cc = rs.getDate("cc_served_on");
        return new PcnRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("pcn_number"), rs.getString("vrm"),
                rs.getString("contravention"), rs.getString("contravention_description"), rs.getString("location"),
                rs.getTimestamp("observed_at").toInstant(), rs.getString("officer_number"), rs.getLong("charge_pence"),
                rs.getDate("served_on").toLocalDate(), nto == null ? null : nto.toLocalDate(), cc == null ? null : cc.toLocalDate(),
                PcnStatus.valueOf(rs.getString("status")), rs.getBoolean("demo"));
    }
}
