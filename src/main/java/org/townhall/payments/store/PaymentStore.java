package org.townhall.payments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.payments.PaymentState;
import org.townhall.payments.Purpose;
import org.townhall.payments.RefundState;

/** Payments and their refunds. */
@Repository
public class PaymentStore {

    private final JdbcClient jdbc;

    public PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PaymentRow(long id, String ref, String reference, String idempotencyKey, String fingerprint,
                             String residentRef, Purpose purpose, String payingFor, String description, String creditAccount,
                             String returnPath, long amountPence, PaymentState state, String failure, String provider,
                             String providerId, String nextUrl, String cardSummary, Instant createdAt, Instant updatedAt,
                             Instant finishedAt, long refundedPence, String ceilingAccount, Long ceilingPence,
                             long overpaidPence) {
    }

    public record NewPayment(String ref, String reference, String idempotencyKey, String fingerprint, String residentRef,
                             Purpose purpose, String payingFor, String description, String creditAccount, String returnPath,
                             long amountPence, String provider, String providerId, String nextUrl, Instant at,
                             String ceilingAccount, Long ceilingPence) {
    }

    public record RefundRow(long id, String ref, long paymentId, long amountPence, RefundState state, String providerId,
                            String reason, String requestedBy, Instant createdAt, Instant finishedAt) {
    }

    /**
     * The new payment, already with the provider, or empty if one with its idempotency key exists
     * (committed: the insert waits for a transaction writing the same key).
     */
    public Optional<PaymentRow> insertIfNew(NewPayment p) {
        return jdbc.sql("""
                insert into payment (public_ref, reference, idempotency_key, fingerprint, resident_ref, purpose, paying_for,
                    description, credit_account, return_path, amount_pence, state, provider, provider_id, next_url,
                    created_at, updated_at, ceiling_account, ceiling_pence)
                values (:ref, :reference, :key, :fingerprint, :resident, :purpose, :payingFor, :description, :credit,
                    :returnPath, :amount, 'CREATED', :provider, :providerId, :nextUrl, :at, :at, :ceilingAccount, :ceilingPence)
                on conflict (idempotency_key) do nothing
                returning *""")
                .param("ref", p.ref()).param("reference", p.reference()).param("key", p.idempotencyKey())
                .param("fingerprint", p.fingerprint()).param("resident", p.residentRef()).param("purpose", p.purpose().name())
                .param("payingFor", p.payingFor()).param("description", p.description()).param("credit", p.creditAccount())
                .param("returnPath", p.returnPath()).param("amount", p.amountPence()).param("provider", p.provider())
                .param("providerId", p.providerId()).param("nextUrl", p.nextUrl()).param("at", Timestamp.from(p.at()))
                .param("ceilingAccount", p.ceilingAccount()).param("ceilingPence", p.ceilingPence())
                .query(PaymentStore::read).optional();
    }

    public Optional<PaymentRow> byIdempotencyKey(String key) {
        return jdbc.sql("select * from payment where idempotency_key = :key").param("key", key)
                .query(PaymentStore::read).optional();
    }

    public Optional<PaymentRow> byRef(String ref) {
        return jdbc.sql("select * from payment where public_ref = :ref").param("ref", ref).query(PaymentStore::read).optional();
    }

    public Optional<PaymentRow> byProviderId(String providerId) {
        return jdbc.sql("select * from payment where provider_id = :id").param("id", providerId).query(PaymentStore::read).optional();
    }

    public Optional<PaymentRow> lockByRef(String ref) {
        return jdbc.sql("select * from payment where public_ref = :ref for update").param("ref", ref).query(PaymentStore::read).optional();
    }

    /** Locks the payment unless another transaction (a resident's return, another instance) holds it. */
    public Optional<PaymentRow> lockByRefIfFree(String ref) {
        return jdbc.sql("select * from payment where public_ref = :ref for update skip locked")
                .param("ref", ref).query(PaymentStore::read).optional();
    }

    /**
     * The payment as it is after the move; {@code overpaidPence} only with the move to SUCCESS. A
     * move to a finished state stamps finished_at.
     */
    public PaymentRow moveTo(long id, PaymentState state, String failure, String cardSummary, Instant at, long overpaidPence) {
        return jdbc.sql("""
                update payment set state = :state, failure = :failure, card_summary = coalesce(:card, card_summary),
                    updated_at = :at, finished_at = case when :finished then :at else finished_at end,
                    overpaid_pence = :overpaid
                where id = :id returning *""")
                .param("state", state.name()).param("failure", failure).param("card", cardSummary).param("at", Timestamp.from(at))
                .param("finished", state.finished()).param("overpaid", overpaidPence).param("id", id).query(PaymentStore::read).single();
    }

    /** Successful payments that took their account below nothing, not yet refunded that far: money to give back. */
    public List<PaymentRow> overpaid(int limit) {
        return jdbc.sql("""
                select * from payment where overpaid_pence > 0 and state = 'SUCCESS' and refunded_pence < overpaid_pence
                order by finished_at limit :limit""")
                .param("limit", limit).query(PaymentStore::read).list();
    }

    /** Payments not finished and last touched before {@code before}: the reconciliation job's work. */
    public List<String> unfinishedBefore(Instant before, int limit) {
        return jdbc.sql("""
                select public_ref from payment where state in ('CREATED', 'STARTED', 'SUBMITTED') and updated_at < :before
                order by updated_at limit :limit""")
                .param("before", Timestamp.from(before)).param("limit", limit).query(String.class).list();
    }

    public List<PaymentRow> forWhatIsPaid(String payingFor) {
        return jdbc.sql("select * from payment where paying_for = :p order by created_at desc limit 50")
                .param("p", payingFor).query(PaymentStore::read).list();
    }

    public List<PaymentRow> ofResident(String residentRef, int limit) {
        return jdbc.sql("select * from payment where resident_ref = :r order by created_at desc limit :limit")
                .param("r", residentRef).param("limit", limit).query(PaymentStore::read).list();
    }

    /**
     * Finance officers' search: by reference, by what was paid for, by state, by time taken. The
     * statement is built from fixed fragments for the criteria present, so each combination gets
     * its own plan (one generic plan with "or :x is null" read the whole table for every search).
     */
    public List<PaymentRow> search(String reference, PaymentState state, Instant from, Instant to, int limit) {
        List<String> where = new ArrayList<>(List.of("created_at >= :from", "created_at < :to"));
        if (reference != null) {
            where.add("(reference = :reference or paying_for = :reference)");
        }
        if (state != null) {
            where.add("state = :state");
        }
        var statement = jdbc.sql("select * from payment where " + String.join(" and ", where)
                        + " order by created_at desc limit :limit")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit);
        if (reference != null) {
            statement = statement.param("reference", reference);
        }
        if (state != null) {
            statement = statement.param("state", state.name());
        }
        return statement.query(PaymentStore::read).list();
    }

    public List<PaymentRow> unfinished(int limit) {
        return jdbc.sql("""
                select * from payment where state in ('CREATED', 'STARTED', 'SUBMITTED') order by created_at limit :limit""")
                .param("limit", limit).query(PaymentStore::read).list();
    }

    /**
     * Successful payments for a parking fine that an earlier successful payment had already paid
     * (two tabs racing through the provider's pages), not yet refunded in full: money to give back.
     * The database marks them as their success is recorded (V44), so this reads only those.
     */
    public List<PaymentRow> finesPaidAgain(int limit) {
        return jdbc.sql("""
                select * from payment where paid_again and refunded_pence < amount_pence
                order by finished_at limit :limit""")
                .param("limit", limit).query(PaymentStore::read).list();
    }

    public List<PaymentRow> finishedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select * from payment where state = 'SUCCESS' and finished_at >= :from and finished_at < :to order by finished_at""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(PaymentStore::read).list();
    }

    public void addRefunded(long paymentId, long pence) {
        jdbc.sql("update payment set refunded_pence = refunded_pence + :pence where id = :id")
                .param("pence", pence).param("id", paymentId).update();
    }

    public long insertRefund(String ref, long paymentId, long amountPence, String reason, String requestedBy, Instant at) {
        return jdbc.sql("""
                insert into refund (public_ref, payment_id, amount_pence, state, reason, requested_by, created_at)
                values (:ref, :payment, :amount, 'SUBMITTED', :reason, :by, :at) returning id""")
                .param("ref", ref).param("payment", paymentId).param("amount", amountPence).param("reason", reason)
                .param("by", requestedBy).param("at", Timestamp.from(at)).query(Long.class).single();
    }

    public Optional<RefundRow> lockRefund(String ref) {
        return jdbc.sql("select * from refund where public_ref = :ref for update").param("ref", ref)
                .query(PaymentStore::readRefund).optional();
    }

    public void refundAt(long refundId, String providerId) {
        jdbc.sql("update refund set provider_id = :pid where id = :id").param("pid", providerId).param("id", refundId).update();
    }

    /** Moves a refund out of SUBMITTED; the database refuses any move refund_transition does not hold. */
    public void finishRefund(long refundId, RefundState state, Instant at) {
        jdbc.sql("update refund set state = :state, finished_at = :at where id = :id")
                .param("state", state.name()).param("at", Timestamp.from(at)).param("id", refundId).update();
    }

    public List<RefundRow> refundsOf(long paymentId) {
        return jdbc.sql("select * from refund where payment_id = :p order by created_at").param("p", paymentId)
                .query(PaymentStore::readRefund).list();
    }

    public List<String> unfinishedRefundsBefore(Instant before) {
        return jdbc.sql("select public_ref from refund where state = 'SUBMITTED' and created_at < :before order by created_at")
                .param("before", Timestamp.from(before)).query(String.class).list();
    }

    public List<RefundRow> refundsFinishedBetween(Instant from, Instant to) {
        return jdbc.sql("select * from refund where state = 'SUCCESS' and finished_at >= :from and finished_at < :to order by finished_at")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(PaymentStore::readRefund).list();
    }

    public Optional<PaymentRow> byId(long id) {
        return jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentStore::read).optional();
    }

    /** Remembers a provider notification; false if it was seen before (a replay). */
    public boolean firstSightOfWebhook(String messageId, Instant at) {
        return jdbc.sql("insert into provider_webhook (message_id, received_at) values (:id, :at) on conflict do nothing")
                .param("id", messageId).param("at", Timestamp.from(at)).update() == 1;
    }

    static PaymentRow read(ResultSet rs, int n) throws SQLException {
        return new PaymentRow(rs.getLong("id"), rs.getString("public_ref"), rs.getString("reference"),
                rs.getString("idempotency_key"), rs.getString("fingerprint"), rs.getString("resident_ref"),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("paying_for"), rs.getString("description"), rs.getString("credit_account"),
                rs.getString("return_path"), rs.getLong("amount_pence"), PaymentState.valueOf(rs.getString("state")), rs.getString("failure"),
                rs.getString("provider"), rs.getString("provider_id"), rs.getString("next_url"), rs.getString("card_summary"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "finished_at"), rs.getLong("refunded_pence"),
                rs.getString("ceiling_account"), rs.getObject("ceiling_pence", Long.class), rs.getLong("overpaid_pence"));
    }

    private static RefundRow readRefund(ResultSet rs, int n) throws SQLException {
        return new RefundRow(rs.getLong("id"), rs.getString("public_ref"), rs.getLong("payment_id"), rs.getLong("amount_pence"),
                RefundState.valueOf(rs.getString("state")), rs.getString("provider_id"), rs.getString("reason"), rs.getString("requested_by"),
                instant(rs, "created_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
