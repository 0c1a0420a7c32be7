package org.townhall.accounts.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.platform.ClientOrigin;

/** "Forgotten your password?" requests waiting to be handled (password_reset_request). */
@Repository
public class ResetRequestStore {

    private final JdbcClient jdbc;

    public ResetRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A request taken for handling, locked until its transaction ends. */
    public record ResetRequest(long id, String email, ClientOrigin origin, Instant requestedAt) {
    }

    public void add(String email, ClientOrigin origin, Instant now) {
        jdbc.sql("""
                insert into password_reset_request (email, client_address, request_id, user_agent, requested_at)
                values (:email, cast(:address as inet), :request, :agent, :now)""")
                .param("email", email).param("address", origin.clientAddress()).param("request", origin.requestId())
                .param("agent", origin.userAgent()).param("now", Timestamp.from(now)).update();
    }

    /** The oldest request no other instance is handling, locked for this transaction. */
    public Optional<ResetRequest> claimOldest() {
        return jdbc.sql("""
                select id, email, host(client_address) as address, request_id, user_agent, requested_at
                from password_reset_request order by id limit 1 for update skip locked""")
                .query((rs, n) -> new ResetRequest(rs.getLong("id"), rs.getString("email"),
                        new ClientOrigin(rs.getString("address"), rs.getString("request_id"), rs.getString("user_agent")),
                        rs.getTimestamp("requested_at").toInstant()))
                .optional();
    }

    public void remove(long id) {
        jdbc.sql("delete from password_reset_request where id = :id").param("id", id).update();
    }
}
