package org.townhall.accounts.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.accounts.StaffRole;

/** Staff members, their roles, their authenticator secret and their recovery codes. */
@Repository
public class StaffStore {

    private final JdbcClient jdbc;

    public StaffStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StaffRow(long id, String ref, String email, String fullName, String passwordHash,
                           String totpSecret, Instant totpEnrolledAt, Long totpLastStep, boolean active, boolean demo) {
        public boolean enrolled() {
            return totpEnrolledAt != null;
        }
    }

    public Optional<Long> insert(String ref, String email, String normalisedEmail, String fullName, String passwordHash,
                                 Instant now, boolean demo) {
        return jdbc.sql("""
                insert into staff_member (public_ref, email, email_normalised, full_name, password_hash, created_at, demo)
                values (:ref, :email, :normalised, :name, :hash, :now, :demo)
                on conflict (email_normalised) do nothing returning id""")
                .param("ref", ref).param("email", email).param("normalised", normalisedEmail).param("name", fullName)
                .param("hash", passwordHash).param("now", Timestamp.from(now)).param("demo", demo)
                .query(Long.class).optional();
    }

    public Optional<StaffRow> findByEmail(String normalisedEmail) {
        return jdbc.sql("select * from staff_member where email_normalised = :email").param("email", normalisedEmail)
                .query(StaffStore::read).optional();
    }

    public Optional<StaffRow> findByRef(String ref) {
        return jdbc.sql("select * from staff_member where public_ref = :ref").param("ref", ref)
                .query(StaffStore::read).optional();
    }

    public Optional<StaffRow> findById(long id) {
        return jdbc.sql("select * from staff_member where id = :id").param("id", id).query(StaffStore::read).optional();
    }

    /** Locks the row, so two administrators changing roles at once do not interleave. */
    public Optional<StaffRow> lockByRef(String ref) {
        return jdbc.sql("select * from staff_member where public_ref = :ref for update").param("ref", ref)
                .query(StaffStore::read).optional();
    }

    public List<StaffRow> all() {
        return jdbc.sql("select * from staff_member order by full_name").query(StaffStore::read).list();
    }

    public Set<StaffRole> roles(long staffId) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        jdbc.sql("select role from staff_role where staff_id = :id").param("id", staffId)
                .query(String.class).list().forEach(r -> roles.add(StaffRole.valueOf(r)));
        return roles;
    }

    /** The references of every active staff member who holds this role. */
    public List<String> activeHolders(StaffRole role) {
        return jdbc.sql("""
                select m.public_ref from staff_member m join staff_role r on r.staff_id = m.id
                where r.role = :role and m.active order by m.public_ref""")
                .param("role", role.name()).query(String.class).list();
    }

    public void grant(long staffId, StaffRole role, Instant now) {
        jdbc.sql("insert into staff_role (staff_id, role, granted_at) values (:id, :role, :now) on conflict do nothing")
                .param("id", staffId).param("role", role.name()).param("now", Timestamp.from(now)).update();
    }

    public void revoke(long staffId, StaffRole role) {
        jdbc.sql("delete from staff_role where staff_id = :id and role = :role")
                .param("id", staffId).param("role", role.name()).update();
    }

    public void setPasswordHash(long staffId, String hash) {
        jdbc.sql("update staff_member set password_hash = :hash where id = :id").param("hash", hash).param("id", staffId).update();
    }

    /** Keeps a new, not yet confirmed authenticator secret while the staff member scans it. */
    public void setPendingTotpSecret(long staffId, String secret) {
        jdbc.sql("update staff_member set totp_secret = :secret where id = :id and totp_enrolled_at is null")
                .param("secret", secret).param("id", staffId).update();
    }

    public void confirmTotp(long staffId, long step, Instant now) {
        jdbc.sql("update staff_member set totp_enrolled_at = :now, totp_last_step = :step where id = :id")
                .param("now", Timestamp.from(now)).param("step", step).param("id", staffId).update();
    }

    /** Records the time step a code was accepted for, only if it is later than the last one. */
    public boolean advanceTotpStep(long staffId, long step) {
        return jdbc.sql("update staff_member set totp_last_step = :step where id = :id and coalesce(totp_last_step, -1) < :step")
                .param("step", step).param("id", staffId).update() == 1;
    }

    public void replaceRecoveryCodes(long staffId, List<String> codeHashes) {
        jdbc.sql("delete from staff_recovery_code where staff_id = :id").param("id", staffId).update();
        for (String hash : codeHashes) {
            jdbc.sql("insert into staff_recovery_code (staff_id, code_hash) values (:id, :hash)")
                    .param("id", staffId).param("hash", hash).update();
        }
    }

    /** Uses a recovery code once; returns how many unused codes remain, or -1 if it was not valid. */
    public int useRecoveryCode(long staffId, String codeHash, Instant now) {
        int used = jdbc.sql("update staff_recovery_code set used_at = :now where staff_id = :id and code_hash = :hash and used_at is null")
                .param("now", Timestamp.from(now)).param("id", staffId).param("hash", codeHash).update();
        if (used == 0) {
            return -1;
        }
        return jdbc.sql("select count(*) from staff_recovery_code where staff_id = :id and used_at is null")
                .param("id", staffId).query(Integer.class).single();
    }

    private static StaffRow read(ResultSet rs, int row) throws SQLException {
        Timestamp enrolled = rs.getTimestamp("totp_enrolled_at");
        long step = rs.getLong("totp_last_step");
        return new StaffRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("email"), rs.getString("full_name"),
                rs.getString("password_hash"), rs.getString("totp_secret"), enrolled == null ? null : enrolled.toInstant(),
                rs.wasNull() ? null : step, rs.getBoolean("active"), rs.getBoolean("demo"));
    }
}
