package org.townhall.payments.store;

/**
 * Where a held payment-link payment stands with finance officers (link_payment.settlement, null
 * while HELD). HELD → MATCHED; HELD → REFUNDING → REFUNDED, or back to HELD if GOV.UK Pay refuses.
 */
public enum LinkSettlement {
    HELD, MATCHED, REFUNDING, REFUNDED
}
