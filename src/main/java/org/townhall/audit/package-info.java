/**
 * The audit trail every other module writes to: one closed vocabulary of actions, rows written in
 * the same transaction as the act, refused UPDATE and DELETE, and an HMAC hash chain whose key is
 * not in the database (ADR 0004).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.townhall.audit;
