package org.townhall.accounts.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The resident table. */
@Repository
public class ResidentStore {

    private final JdbcClient jdbc;

    public ResidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ResidentRow(long id, String ref, String email, String fullName, String passwordHash,
                              Instant emailVerifiedAt, Instant createdAt, boolean demo) {
    }

    /** Inserts a resident unless the email is taken; returns the new id, or empty if it was. */
    public Optional<Long> insert(String ref, String email, String normalisedEmail, String fullName, String passwordHash,
                                 Instant now, boolean verified, boolean demo) {
        return jdbc.sql("""
                insert into resident (public_ref, email, email_normalised, full_name, password_hash, email_verified_at, created_at, demo)
                values (:ref, :email, :normalised, :name, :hash, :verified, :now, :demo)
                on conflict (email_normalised) do nothing
                returning id""")
                .param("ref", ref).param("email", email).param("normalised", normalisedEmail).param("name", fullName)
                .param("hash", passwordHash).param("verified", verified ? Timestamp.from(now) : null)
                .param("now", Timestamp.from(now)).param("demo", demo)
                .query(Long.class).optional();
    }

    public Optional<ResidentRow> findByEmail(String normalisedEmail) {
        return jdbc.sql("select * from resident where email_normalised = :email").param("email", normalisedEmail)
                .query(ResidentStore::read).optional();
    }

    public Optional<ResidentRow> findByRef(String ref) {
        return jdbc.sql("select * from resident where public_ref = :ref").param("ref", ref)
                .query(ResidentStore::read).optional();
    }

    public Optional<ResidentRow> findById(long id) {
        return jdbc.sql("select * from resident where id = :id").param("id", id).query(ResidentStore::read).optional();
    }

    public void markVerified(long id, Instant now) {
        jdbc.sql("update resident set email_verified_at = coalesce(email_verified_at, :now) where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    public void setPasswordHash(long id, String hash) {
        jdbc.sql("update resident set password_hash = :hash where id = :id").param("hash", hash).param("id", id).update();
    }

    private static ResidentRow read(ResultSet rs, int row) throws SQLException {
        Timestamp verified = rs.getTimestamp("email_verified_at");
        return new ResidentRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("email"),
                rs.getString("full_name"), rs.getString("password_hash"),
                verified == null ? null : verified.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("demo"));
    }
}
