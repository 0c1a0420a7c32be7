package org.townhall.audit;

/** How an audited act ended: done, attempted and failed, or refused by a rule. */
public enum AuditOutcome {
    SUCCESS, FAILURE, DENIED
}
