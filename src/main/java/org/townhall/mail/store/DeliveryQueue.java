package org.townhall.mail.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue between acceptance and the downstream server. A delivery moves
 * WAITING → SENDING (claimed, with a lease) → ENDING (everything sent but the final dot) →
 * DELIVERED. A lease that runs out in SENDING goes back to WAITING: without the final dot the
 * downstream server discards the transaction, so sending again cannot duplicate. One that runs
 * out in ENDING becomes UNCERTAIN: the downstream server may hold the message, so it is never
 * sent again without an analyst (at most once), and it is never lost (its content stays here).
 */
@Repository
public class DeliveryQueue {

    private final JdbcClient jdbc;

    public DeliveryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Claim(long messageId, String deliveryKey, int attempts) {
    }

    public record Waiting(String state, long count) {
    }

    public void enqueue(long messageId, String deliveryKey, Instant now) {
        jdbc.sql("""
                insert into mail_delivery (message_id, state, next_attempt_at, delivery_key) values (:id, 'WAITING', :now, :key)
                on conflict (message_id) do update set state = 'WAITING', next_attempt_at = :now, lease_until = null,
                    last_error = null, delivery_key = :key""")
                .param("id", messageId).param("now", Timestamp.from(now)).param("key", deliveryKey).update();
    }

    /** Claims due deliveries for this instance; other instances skip rows already claimed. */
    public List<Claim> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                update mail_delivery set state = 'SENDING', lease_until = :lease, attempts = attempts + 1
                where message_id in (select message_id from mail_delivery where state = 'WAITING' and next_attempt_at <= :now
                                     order by next_attempt_at limit :limit for update skip locked)
                returning message_id, delivery_key, attempts""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(now.plus(lease))).param("limit", limit)
                .query((rs, n) -> new Claim(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Recorded (and committed) just before the final dot; false if the claim was lost meanwhile. */
    public boolean ending(long messageId) {
        return jdbc.sql("update mail_delivery set state = 'ENDING' where message_id = :id and state = 'SENDING'")
                .param("id", messageId).update() == 1;
    }

    public void delivered(long messageId, Instant now) {
        jdbc.sql("update mail_delivery set state = 'DELIVERED', delivered_at = :now, lease_until = null, last_error = null "
                        + "where message_id = :id").param("id", messageId).param("now", Timestamp.from(now)).update();
        jdbc.sql("update mail_message set state = 'DELIVERED' where id = :id and state = 'QUEUED'").param("id", messageId).update();
    }

    /** Not delivered this time: tried again at {@code next}, or given up for good. */
    public void retryLater(long messageId, String error, Instant next) {
        jdbc.sql("update mail_delivery set state = 'WAITING', next_attempt_at = :next, lease_until = null, last_error = :error "
                        + "where message_id = :id").param("id", messageId).param("next", Timestamp.from(next))
                .param("error", MessageStore.clip(error, 300)).update();
    }

    public void failed(long messageId, String error) {
        jdbc.sql("update mail_delivery set state = 'FAILED', lease_until = null, last_error = :error where message_id = :id")
                .param("id", messageId).param("error", MessageStore.clip(error, 300)).update();
        jdbc.sql("update mail_message set state = 'FAILED' where id = :id").param("id", messageId).update();
    }

    public void cancel(long messageId) {
        jdbc.sql("update mail_delivery set state = 'CANCELLED', lease_until = null where message_id = :id and state in "
                + "('WAITING', 'UNCERTAIN', 'FAILED')").param("id", messageId).update();
    }

    /** After a crash: unfinished sends go back to the queue; sends that reached the final dot need an analyst. */
    public int recoverExpired(Instant now) {
        int retried = jdbc.sql("update mail_delivery set state = 'WAITING', lease_until = null, last_error = 'interrupted before "
                        + "the end of the message; sent again' where state = 'SENDING' and lease_until < :now")
                .param("now", Timestamp.from(now)).update();
        int uncertain = jdbc.sql("update mail_delivery set state = 'UNCERTAIN', lease_until = null, last_error = 'interrupted "
                        + "after the end of the message: the mail server may already have it' where state = 'ENDING' and lease_until < :now")
                .param("now", Timestamp.from(now)).update();
        return retried + uncertain;
    }

    public List<Waiting> counts() {
        return jdbc.sql("select state, count(*) from mail_delivery where state not in ('DELIVERED', 'CANCELLED') group by state order by state")
                .query((rs, n) -> new Waiting(rs.getString(1), rs.getLong(2))).list();
    }
}
