package org.townhall.payments.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The receipt address typed by someone paying without an account, by the pay form's idempotency key. */
@Repository
public class GuestEmailStore {

    private final JdbcClient jdbc;

    GuestEmailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Kept once per key: a repeat of the same form cannot move the receipt to another address. */
    public void remember(String idempotencyKey, String guestRef, String email, Instant at) {
        jdbc.sql("""
                insert into payment_guest_email (idempotency_key, guest_ref, email, created_at)
                values (:key, :guest, :email, :at) on conflict (idempotency_key) do nothing""")
                .param("key", idempotencyKey).param("guest", guestRef).param("email", email).param("at", Timestamp.from(at))
                .update();
    }

    /** The address typed for this payment's form, else the latest this payer typed (a payment continued anew). */
    public Optional<String> emailFor(String idempotencyKey, String guestRef) {
        return jdbc.sql("""
                select email from payment_guest_email where guest_ref = :guest
                order by (idempotency_key = :key) desc, created_at desc limit 1""")
                .param("key", idempotencyKey).param("guest", guestRef).query(String.class).optional();
    }
}
