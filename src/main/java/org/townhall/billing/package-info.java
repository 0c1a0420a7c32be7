/**
 * Council tax and rent accounts: what is charged, when instalments fall due, balances, arrears and
 * statements, and linking an account to a resident by its reference and a second fact. What is
 * owed is never stored here: charges and payments are entries in the payments ledger (ADR 0010).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.townhall.billing;
