package org.townhall.mail.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The council's mail server stand-in of the default profile: delivered messages in a table that
 * administrators read on a page. A delivery key is stored once, so the mailbox itself refuses a
 * second copy, and a delivered message can be taken back out when analysts find it was phishing.
 */
@Repository
public class EmbeddedMailbox {

    private final JdbcClient jdbc;

    public EmbeddedMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Letter(long id, String deliveryKey, List<String> recipients, byte[] raw, Instant deliveredAt, Instant pulledBackAt) {
    }

    /** False when this delivery key is already in the mailbox. */
    public boolean put(String deliveryKey, List<String> recipients, byte[] raw, Instant now) {
        return jdbc.sql("""
                insert into mail_mailbox (delivery_key, recipients, raw, delivered_at) values (:key, :recipients, :raw, :now)
                on conflict (delivery_key) do nothing""")
                .param("key", deliveryKey).param("recipients", recipients.toArray(String[]::new)).param("raw", raw)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** Takes a delivered message out of the recipients' view; false when it is not here. */
    public boolean pullBack(String deliveryKey, Instant now) {
        return jdbc.sql("update mail_mailbox set pulled_back_at = :now where delivery_key = :key and pulled_back_at is null")
                .param("key", deliveryKey).param("now", Timestamp.from(now)).update() == 1;
    }

    public List<Letter> latest(int limit) {
        return jdbc.sql("select * from mail_mailbox order by delivered_at desc, id desc limit :limit").param("limit", limit)
                .query((rs, n) -> read(rs)).list();
    }

    public Optional<Letter> find(long id) {
        return jdbc.sql("select * from mail_mailbox where id = :id").param("id", id).query((rs, n) -> read(rs)).optional();
    }

    public long count(String deliveryKey) {
        return jdbc.sql("select count(*) from mail_mailbox where delivery_key = :key").param("key", deliveryKey)
                .query(Long.class).single();
    }

    private static Letter read(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp pulled = rs.getTimestamp("pulled_back_at");
        return new Letter(rs.getLong("id"), rs.getString("delivery_key"), List.of((String[]) rs.getArray("recipients").getArray()),
                rs.getBytes("raw"), rs.getTimestamp("delivered_at").toInstant(), pulled == null ? null : pulled.toInstant());
    }
}
