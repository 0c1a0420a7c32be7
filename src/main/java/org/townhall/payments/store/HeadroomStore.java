package org.townhall.payments.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What may still be paid for one thing (an account, a PCN) under its ceiling (ADR 0016): what
 * payments started and not finished would take, what its account owes, and the lock that makes a
 * start and a success each see the other's work whole.
 */
@Repository
public class HeadroomStore {

    private final JdbcClient jdbc;
    /** For the statements sent two at a time, whose second result JdbcClient cannot read. */
    private final JdbcTemplate twoStatements;

    public HeadroomStore(JdbcClient jdbc, JdbcTemplate twoStatements) {
        this.jdbc = jdbc;
        this.twoStatements = twoStatements;
    }

    /**
     * Holds, until the transaction ends, the lock on what payments pay for (an account, a PCN), and
     * then reads its {@link Headroom} and whether {@code idempotencyKey} (may be null) names a
     * payment already: a start counting what is in flight against its ceiling, and a success
     * deciding what it overpaid, each see the others' work whole. Two statements sent together,
     * one round trip, and they must stay two: in READ COMMITTED each statement sees what was
     * committed before it began, so only the second, begun once the lock is held, sees the previous
     * holder's payment. Two-key advisory locks are a key space of their own, apart from the
     * single-key ones the audit chains and jobs use.
     */
    public Locked lockWhatIsPaid(String payingFor, String owedAccount, String idempotencyKey) {
        return twoStatements.execute((Connection connection) -> connection.prepareStatement("""
                select pg_advisory_xact_lock(?, hashtext(?));
                select coalesce((select sum(amount_pence) from payment
                                 where paying_for = ? and state in ('CREATED', 'STARTED', 'SUBMITTED')), 0),
                       coalesce((select sum(amount_pence) from journal_line where account = ?), 0),
                       exists (select 1 from payment where idempotency_key = ?)"""),
                (PreparedStatement statement) -> {
                    statement.setInt(1, WHAT_IS_PAID_LOCK);
                    statement.setString(2, payingFor);
                    statement.setString(3, payingFor);
                    statement.setString(4, owedAccount == null ? "" : owedAccount);
                    statement.setString(5, idempotencyKey);
                    statement.execute();
                    if (!statement.getMoreResults()) {
                        throw new IllegalStateException("The headroom was not returned");
                    }
                    try (ResultSet rs = statement.getResultSet()) {
                        rs.next();
                        return new Locked(new Headroom(rs.getLong(1), rs.getLong(2)), rs.getBoolean(3));
                    }
                });
    }

    /** What {@link #lockWhatIsPaid} read once the lock was held. */
    public record Locked(Headroom headroom, boolean keyTaken) {
    }

    /** The first of the two keys of {@link #lockWhatIsPaid}. */
    static final int WHAT_IS_PAID_LOCK = 0x70617946;

    /**
     * The payment already started with this idempotency key, if any, and otherwise what payments
     * started and not finished would take for {@code payingFor} and the balance of
     * {@code owedAccount} (0 when null), in one statement and so from one snapshot (a success
     * committed between two reads would otherwise be counted in neither or in both): what a start
     * reads before it asks the provider for anything.
     */
    public BeforeStart beforeStart(String idempotencyKey, String payingFor, String owedAccount) {
        return jdbc.sql("""
                select h.in_flight, h.owed, p.*
                from (select coalesce((select sum(amount_pence) from payment
                                       where paying_for = :payingFor and state in ('CREATED', 'STARTED', 'SUBMITTED')), 0) as in_flight,
                             coalesce((select sum(amount_pence) from journal_line where account = :account), 0) as owed) h
                left join payment p on p.idempotency_key = :key""")
                .param("payingFor", payingFor).param("account", owedAccount == null ? "" : owedAccount).param("key", idempotencyKey)
                .query((rs, n) -> new BeforeStart(rs.getString("public_ref") == null ? Optional.empty() : Optional.of(PaymentStore.read(rs, n)),
                        new Headroom(rs.getLong("in_flight"), rs.getLong("owed")))).single();
    }

    /** @param earlier the payment started before with the same idempotency key */
    public record BeforeStart(Optional<PaymentStore.PaymentRow> earlier, Headroom headroom) {
    }

    /** @param owedPence the balance of the owed account, debit-positive (0 when there is none) */
    public record Headroom(long inFlightPence, long owedPence) {
    }
}
