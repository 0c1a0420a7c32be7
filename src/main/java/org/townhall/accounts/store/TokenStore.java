package org.townhall.accounts.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.platform.PublicReferences;

/**
 * Single-use emailed tokens. The raw token goes only into the email; the table keeps its SHA-256
 * (the token has 256 random bits, so a fast hash is enough), and using it is one atomic update.
 */
@Repository
public class TokenStore {

    public enum Purpose { VERIFY_EMAIL, RESET_PASSWORD, STAFF_SET_UP }

    public enum AccountKind { RESIDENT, STAFF }

    private final JdbcClient jdbc;

    public TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a new token; earlier unused tokens for the same purpose stop working. */
    public String issue(Purpose purpose, AccountKind kind, long accountId, Instant now, Duration lifetime) {
        jdbc.sql("""
                update account_token set used_at = :now
                where account_kind = :kind and account_id = :id and purpose = :purpose and used_at is null""")
                .param("now", Timestamp.from(now)).param("kind", kind.name()).param("id", accountId)
                .param("purpose", purpose.name()).update();
        String token = PublicReferences.secretToken();
        jdbc.sql("""
                insert into account_token (token_hash, purpose, account_kind, account_id, created_at, expires_at)
                values (:hash, :purpose, :kind, :id, :now, :expires)""")
                .param("hash", sha256(token)).param("purpose", purpose.name()).param("kind", kind.name())
                .param("id", accountId).param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(lifetime)))
                .update();
        return token;
    }

    /** Uses a token once: the account id if it was valid, unused and unexpired; empty otherwise. */
    public Optional<Long> consume(Purpose purpose, AccountKind kind, String token, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update account_token set used_at = :now
                where token_hash = :hash and purpose = :purpose and account_kind = :kind
                  and used_at is null and expires_at > :now
                returning account_id""")
                .param("now", Timestamp.from(now)).param("hash", sha256(token)).param("purpose", purpose.name())
                .param("kind", kind.name()).query(Long.class).optional();
    }

    /** The account a token is for, if it is still usable, without using it (to show the form it opens). */
    public Optional<Long> peek(Purpose purpose, AccountKind kind, String token, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select account_id from account_token where token_hash = :hash and purpose = :purpose
                  and account_kind = :kind and used_at is null and expires_at > :now""")
                .param("hash", sha256(token)).param("purpose", purpose.name()).param("kind", kind.name())
                .param("now", Timestamp.from(now)).query(Long.class).optional();
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
