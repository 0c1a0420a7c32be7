package org.townhall.accounts.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.accounts.KnownDevice;

/** Browsers residents have signed in from, found by the hash of their device cookie. */
@Repository
public class DeviceStore {

    private final JdbcClient jdbc;

    public DeviceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record DeviceRow(long id, long residentId) {
    }

    public Optional<DeviceRow> find(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select id, resident_id from known_device where token_hash = :hash")
                .param("hash", TokenStore.sha256(token))
                .query((rs, n) -> new DeviceRow(rs.getLong("id"), rs.getLong("resident_id"))).optional();
    }

    public void add(long residentId, String token, String userAgent, String address, Instant now) {
        jdbc.sql("""
                insert into known_device (resident_id, token_hash, user_agent, first_seen_at, last_signed_in_at, last_address)
                values (:resident, :hash, :agent, :now, :now, cast(:address as inet))""")
                .param("resident", residentId).param("hash", TokenStore.sha256(token)).param("agent", userAgent)
                .param("now", Timestamp.from(now)).param("address", address).update();
    }

    public void signedIn(long deviceId, String address, Instant now) {
        jdbc.sql("update known_device set last_signed_in_at = :now, last_address = cast(:address as inet) where id = :id")
                .param("now", Timestamp.from(now)).param("address", address).param("id", deviceId).update();
    }

    public List<KnownDevice> forResident(long residentId, int limit) {
        return jdbc.sql("""
                select user_agent, first_seen_at, last_signed_in_at, host(last_address) as address from known_device
                where resident_id = :resident order by last_signed_in_at desc limit :limit""")
                .param("resident", residentId).param("limit", limit)
                .query((rs, n) -> new KnownDevice(rs.getString("user_agent") == null ? "Unknown browser" : rs.getString("user_agent"),
                        rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_signed_in_at").toInstant(),
                        rs.getString("address"))).list();
    }
}
