package org.townhall.incidents.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Personal API tokens, kept only as their SHA-256 hash. */
@Repository
public class ApiTokenStore {

    private final JdbcClient jdbc;

    public ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record TokenRow(String ref, String staffRef, String label, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        public java.time.ZonedDateTime createdLondon() {
            return createdAt.atZone(org.townhall.platform.ClockConfiguration.LONDON);
        }

        public java.time.ZonedDateTime lastUsedLondon() {
            return lastUsedAt == null ? null : lastUsedAt.atZone(org.townhall.platform.ClockConfiguration.LONDON);
        }
    }

    public void insert(String ref, String staffRef, String label, byte[] hash, Instant now) {
        jdbc.sql("""
                insert into staff_api_token (public_ref, staff_ref, label, token_hash, created_at)
                values (:ref, :staff, :label, :hash, :now)""")
                .param("ref", ref).param("staff", staffRef).param("label", label).param("hash", hash)
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<TokenRow> findByHash(byte[] hash) {
        return jdbc.sql("select public_ref, staff_ref, label, created_at, last_used_at, revoked_at from staff_api_token where token_hash = :hash")
                .param("hash", hash).query((rs, n) -> read(rs)).optional();
    }

    public List<TokenRow> of(String staffRef) {
        return jdbc.sql("""
                select public_ref, staff_ref, label, created_at, last_used_at, revoked_at from staff_api_token
                where staff_ref = :staff order by created_at desc""").param("staff", staffRef).query((rs, n) -> read(rs)).list();
    }

    /** Revokes one of the staff member's own live tokens; false if there is no such token. */
    public boolean revoke(String ref, String staffRef, Instant now) {
        return jdbc.sql("""
                update staff_api_token set revoked_at = :now, revoked_by = :staff
                where public_ref = :ref and staff_ref = :staff and revoked_at is null""")
                .param("now", Timestamp.from(now)).param("staff", staffRef).param("ref", ref == null ? "" : ref).update() == 1;
    }

    public void used(String ref, Instant now) {
        jdbc.sql("update staff_api_token set last_used_at = :now where public_ref = :ref").param("now", Timestamp.from(now))
                .param("ref", ref).update();
    }

    private static TokenRow read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TokenRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                IncidentStore.instant(rs, "last_used_at"), IncidentStore.instant(rs, "revoked_at"));
    }
}
