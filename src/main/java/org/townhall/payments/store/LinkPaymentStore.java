package org.townhall.payments.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /** Those not applied to an account (duplicate or unmatched), newest first. */
    public List<LinkPaymentRow> held(int limit) {
        return jdbc.sql("select * from link_payment where outcome <> 'APPLIED' order by found_at desc, paid_at desc limit :limit")
                .param("limit", limit).query((rs, n) -> new LinkPaymentRow(rs.getString("provider_payment_id"), rs.getString("provider"),
                        rs.getString("reference"), rs.getLong("amount_pence"), rs.getTimestamp("paid_at").toInstant(),
                        rs.getTimestamp("found_at").toInstant(), rs.getString("outcome"), rs.getString("purpose"),
                        rs.getString("paying_for"))).list();
    }

    public int count(String outcome) {
        return jdbc.sql("select count(*) from link_payment where outcome = :outcome").param("outcome", outcome).query(Integer.class).single();
    }
}
