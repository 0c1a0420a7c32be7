package org.townhall.payments.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments found in GOV.UK Pay that were made through a payment link (link_payment). */
@Repository
public class LinkPaymentStore {

    private final JdbcClient jdbc;

    LinkPaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** outcome: APPLIED, DUPLICATE or UNMATCHED; purpose and payingFor null when UNMATCHED. */
    public record LinkPaymentRow(String providerPaymentId, String provider, String reference, long amountPence, Instant paidAt,
                                 Instant foundAt, String outcome, String purpose, String payingFor) {
    }

    /** A held payment as a finance officer settles it; {@code refundRef} and {@code providerRefundId} are null until asked for. */
    public record HeldRow(LinkPaymentRow payment, LinkSettlement settlement, String refundRef, String providerRefundId) {
    }

    /**
     * Records the payment unless its provider id is already recorded. True if this call recorded
     * it: only then may its money be posted, so a payment found twice is applied once.
     */
    public boolean record(LinkPaymentRow row) {
        return jdbc.sql("""
                insert into link_payment (provider_payment_id, provider, reference, amount_pence, paid_at, found_at, outcome, purpose, paying_for)
                values (:id, :provider, :reference, :amount, :paidAt, :foundAt, :outcome, :purpose, :payingFor)
                on conflict (provider_payment_id) do nothing""")
                .param("id", row.providerPaymentId()).param("provider", row.provider()).param("reference", row.reference())
                .param("amount", row.amountPence()).param("paidAt", Timestamp.from(row.paidAt()))
                .param("foundAt", Timestamp.from(row.foundAt())).param("outcome", row.outcome())
                .param("purpose", row.purpose()).param("payingFor", row.payingFor()).update() == 1;
    }

    /**
     * Whether Townhall itself started this payment through the provider's API. GOV.UK Pay's search
     * lists every successful payment of the account, its own API payments as well as those made
     * through a payment link; Townhall's own are settled by reconciliation and must never be
     * applied again or held in suspense as if a resident had paid twice.
     */
    public boolean startedByTownhall(String provider, String providerPaymentId) {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from payment where provider = :provider and provider_id = :id)")
                .param("provider", provider).param("id", providerPaymentId).query(Boolean.class).single());
    }

    /** Those not applied to an account (duplicate or unmatched) and not yet settled, or being refunded; newest first. */
    public List<HeldRow> held(int limit) {
        return jdbc.sql("""
                        select * from link_payment where outcome <> 'APPLIED' and (settlement is null or settlement = 'REFUNDING')
                        order by found_at desc, paid_at desc limit :limit""")
                .param("limit", limit).query(LinkPaymentStore::held).list();
    }

    /** A payment that was held, locked until the transaction ends, whatever its settlement. */
    public Optional<HeldRow> lockHeld(String providerPaymentId) {
        return jdbc.sql("select * from link_payment where provider_payment_id = :id and outcome <> 'APPLIED' for update")
                .param("id", providerPaymentId).query(LinkPaymentStore::held).optional();
    }

    public void matched(String providerPaymentId, String purpose, String payingFor, String staffRef, Instant at) {
        settle(providerPaymentId, LinkSettlement.MATCHED, staffRef, at, purpose, payingFor, null);
    }

    public void refunding(String providerPaymentId, String refundRef, String staffRef, Instant at) {
        settle(providerPaymentId, LinkSettlement.REFUNDING, staffRef, at, null, null, refundRef);
    }

    public void refunded(String providerPaymentId, String providerRefundId, Instant at) {
        jdbc.sql("""
                        update link_payment set settlement = 'REFUNDED', settled_at = :at,
                               provider_refund_id = coalesce(cast(:refundId as text), provider_refund_id)
                        where provider_payment_id = :id and settlement = 'REFUNDING'""")
                .param("id", providerPaymentId).param("refundId", providerRefundId).param("at", Timestamp.from(at)).update();
    }

    public void refundAt(String providerPaymentId, String providerRefundId) {
        jdbc.sql("update link_payment set provider_refund_id = :refundId where provider_payment_id = :id and settlement = 'REFUNDING'")
                .param("id", providerPaymentId).param("refundId", providerRefundId).update();
    }

    /** GOV.UK Pay refused the refund: the payment is held again, to match or refund once more. */
    public void refundRefused(String providerPaymentId) {
        jdbc.sql("""
                        update link_payment set settlement = null, settled_by = null, settled_at = null, refund_ref = null,
                               provider_refund_id = null
                        where provider_payment_id = :id and settlement = 'REFUNDING'""")
                .param("id", providerPaymentId).update();
    }

    private void settle(String providerPaymentId, LinkSettlement settlement, String staffRef, Instant at, String purpose,
                        String payingFor, String refundRef) {
        jdbc.sql("""
                        update link_payment set settlement = :settlement, settled_by = :staff, settled_at = :at,
                               matched_purpose = :purpose, matched_paying_for = :payingFor, refund_ref = :refundRef
                        where provider_payment_id = :id and settlement is null and outcome <> 'APPLIED'""")
                .param("id", providerPaymentId).param("settlement", settlement.name()).param("staff", staffRef)
                .param("at", Timestamp.from(at)).param("purpose", purpose).param("payingFor", payingFor)
                .param("refundRef", refundRef).update();
    }

    private static HeldRow held(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String settlement = rs.getString("settlement");
        return new HeldRow(new LinkPaymentRow(rs.getString("provider_payment_id"), rs.getString("provider"),
                rs.getString("reference"), rs.getLong("amount_pence"), rs.getTimestamp("paid_at").toInstant(),
                rs.getTimestamp("found_at").toInstant(), rs.getString("outcome"), rs.getString("purpose"),
                rs.getString("paying_for")),
                settlement == null ? LinkSettlement.HELD : LinkSettlement.valueOf(settlement),
                rs.getString("refund_ref"), rs.getString("provider_refund_id"));
    }

    public int count(String outcome) {
        return jdbc.sql("select count(*) from link_payment where outcome = :outcome").param("outcome", outcome).query(Integer.class).single();
    }
}
