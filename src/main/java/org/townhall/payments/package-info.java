/**
 * Taking money: the payment lifecycle (as GOV.UK Pay's), idempotency, the double-entry ledger,
 * the payment providers (a built-in sandbox and GOV.UK Pay), receipts, refunds and reconciliation
 * with the provider. Billing and parking say what is owed and for what; payments takes it, posts
 * it to the ledger and tells them (ADR 0009).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments")
package org.townhall.payments;
