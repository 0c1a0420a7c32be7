package org.townhall.billing.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.billing.AccountKind;
import org.townhall.platform.AttemptWindows;

/** Who holds each council tax and rent account, their activation codes, and the counts of codes entered. */
@Repository
public class HolderStore {

    private final JdbcClient jdbc;
    private final AttemptWindows activationAttempts;

    public HolderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.activationAttempts = new AttemptWindows(jdbc, "billing_activation_window");
    }

    public AttemptWindows activationAttempts() {
        return activationAttempts;
    }

    public enum Status { PENDING, ACTIVE, REMOVED }

    public record HolderRow(long id, String ref, AccountKind kind, long accountId, String residentRef, Status status,
                            Instant requestedAt, Instant activatedAt, byte[] codeHash, Instant codeExpiresAt,
                            Instant lastLetterAt) {
    }

    /** The account's column in billing_holder: a constant of the kind, never anything typed. */
    private static String column(AccountKind kind) {
        return kind == AccountKind.COUNCIL_TAX ? "council_tax_id" : "rent_id";
    }

    /**
     * Holds the account's holders still until the transaction ends, so two residents asking at the
     * same moment cannot both slip under the limit on letters to its address.
     */
    public void lockAccount(AccountKind kind, long accountId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "billing_holder:" + column(kind) + ":" + accountId)
                .query().singleRow();
    }

    /** A new pending holder; empty if this resident already has a row for the account (in any state). */
    public Optional<Long> insertPending(String ref, AccountKind kind, long accountId, String residentRef, Instant now) {
        return jdbc.sql("insert into billing_holder (public_ref, " + column(kind) + ", resident_ref, status, requested_at) "
                        + "values (:ref, :account, :resident, 'PENDING', :now) on conflict do nothing returning id")
                .param("ref", ref).param("account", accountId).param("resident", residentRef).param("now", Timestamp.from(now))
                .query(Long.class).optional();
    }

    /** An active holder from the start: demo data, tests, and accounts the revenues system loads with their holders. */
    public void insertActive(String ref, AccountKind kind, long accountId, String residentRef, Instant now) {
        jdbc.sql("insert into billing_holder (public_ref, " + column(kind) + ", resident_ref, status, requested_at, activated_at) "
                        + "values (:ref, :account, :resident, 'ACTIVE', :now, :now)")
                .param("ref", ref).param("account", accountId).param("resident", residentRef).param("now", Timestamp.from(now))
                .update();
    }

    /** This resident's row for the account, locked until the transaction ends. */
    public Optional<HolderRow> lock(AccountKind kind, long accountId, String residentRef) {
        return jdbc.sql("select * from billing_holder where " + column(kind) + " = :account and resident_ref = :resident for update")
                .param("account", accountId).param("resident", residentRef).query(HolderStore::read).optional();
    }

    public Optional<HolderRow> find(AccountKind kind, long accountId, String residentRef) {
        return jdbc.sql("select * from billing_holder where " + column(kind) + " = :account and resident_ref = :resident")
                .param("account", accountId).param("resident", residentRef).query(HolderStore::read).optional();
    }

    public Optional<HolderRow> lockByRef(String ref) {
        return jdbc.sql("select * from billing_holder where public_ref = :ref for update").param("ref", ref)
                .query(HolderStore::read).optional();
    }

    public boolean isActive(AccountKind kind, long accountId, String residentRef) {
        return residentRef != null && find(kind, accountId, residentRef).filter(h -> h.status() == Status.ACTIVE).isPresent();
    }

    /** Everyone who holds or has asked to hold the account, the earliest first; removed holders are left out. */
    public List<HolderRow> ofAccount(AccountKind kind, long accountId) {
        return jdbc.sql("select * from billing_holder where " + column(kind) + " = :account and status <> 'REMOVED' order by id")
                .param("account", accountId).query(HolderStore::read).list();
    }

    /** The links this resident has asked for and not yet activated, of either kind. */
    public List<HolderRow> pendingOf(String residentRef) {
        return jdbc.sql("select * from billing_holder where resident_ref = :resident and status = 'PENDING' order by id")
                .param("resident", residentRef).query(HolderStore::read).list();
    }

    /** A removed resident who asks again waits for a new code like anyone else. */
    public void reopen(long id, Instant now) {
        jdbc.sql("""
                update billing_holder set status = 'PENDING', requested_at = :now, activated_at = null, removed_at = null,
                    removed_by = null where id = :id and status = 'REMOVED'""")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** A new code replaces any earlier one, which stops working. */
    public void issueCode(long id, byte[] codeHash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                update billing_holder set code_hash = :hash, code_expires_at = :expires, last_letter_at = :now
                where id = :id and status = 'PENDING'""")
                .param("hash", codeHash).param("expires", Timestamp.from(expiresAt)).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    /** The code is used up as the link becomes active: it can never be entered again. */
    public boolean activate(long id, Instant now) {
        return jdbc.sql("""
                update billing_holder set status = 'ACTIVE', activated_at = :now, code_hash = null, code_expires_at = null
                where id = :id and status = 'PENDING'""")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    public boolean remove(long id, String staffRef, Instant now) {
        return jdbc.sql("""
                update billing_holder set status = 'REMOVED', removed_at = :now, removed_by = :staff, code_hash = null,
                    code_expires_at = null where id = :id and status <> 'REMOVED'""")
                .param("now", Timestamp.from(now)).param("staff", staffRef).param("id", id).update() == 1;
    }

    /** When codes for this account were last posted to each resident, since then, the earliest first. */
    public List<Instant> lettersSince(AccountKind kind, long accountId, Instant since) {
        return jdbc.sql("select last_letter_at from billing_holder where " + column(kind) + " = :account and last_letter_at >= :since"
                        + " order by last_letter_at")
                .param("account", accountId).param("since", Timestamp.from(since)).query(Timestamp.class).list()
                .stream().map(Timestamp::toInstant).toList();
    }

    private static HolderRow read(ResultSet rs, int n) throws SQLException {
        long councilTax = rs.getLong("council_tax_id");
        boolean isCouncilTax = !rs.wasNull();
        return new HolderRow(rs.getLong("id"), rs.getString("public_ref"), isCouncilTax ? AccountKind.COUNCIL_TAX : AccountKind.RENT,
                isCouncilTax ? councilTax : rs.getLong("rent_id"), rs.getString("resident_ref"), Status.valueOf(rs.getString("status")),
                instant(rs, "requested_at"), instant(rs, "activated_at"), rs.getBytes("code_hash"), instant(rs, "code_expires_at"),
                instant(rs, "last_letter_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
