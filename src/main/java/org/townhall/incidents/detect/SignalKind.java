package org.townhall.incidents.detect;

import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.Severity;

/** What detection noticed, with the incident it opens: its kind, starting severity and wording. */
enum SignalKind {
    FLOOD(IncidentKind.DENIAL_OF_SERVICE, Severity.MEDIUM, "a flood of requests refused by the shield"),
    AUDIT_CHAIN_BROKEN(IncidentKind.UNAUTHORISED_ACCESS, Severity.CRITICAL, "an audit trail that fails verification"),
    EVIDENCE_OVER_READING(IncidentKind.UNAUTHORISED_ACCESS, Severity.HIGH, "evidence of many residents read in a short time"),
    EVIDENCE_REFUSALS(IncidentKind.UNAUTHORISED_ACCESS, Severity.MEDIUM, "many refused requests for evidence from one client"),
    CREDENTIAL_STUFFING(IncidentKind.UNAUTHORISED_ACCESS, Severity.MEDIUM, "credential stuffing against resident sign-in"),
    PHISHING_CAMPAIGN(IncidentKind.PHISHING, Severity.MEDIUM, "a phishing campaign in the council's mail"),
    RESTORE_DRILL_FAILED(IncidentKind.OTHER, Severity.HIGH, "a restore drill that failed"),
    BACKUP_FAILED(IncidentKind.OTHER, Severity.HIGH, "a backup that failed or was missed");

    private final IncidentKind incidentKind;
    private final Severity severity;
    private final String description;

    SignalKind(IncidentKind incidentKind, Severity severity, String description) {
        this.incidentKind = incidentKind;
        this.severity = severity;
        this.description = description;
    }

    IncidentKind incidentKind() {
        return incidentKind;
    }

    Severity severity() {
        return severity;
    }

    String description() {
        return description;
    }

    String title() {
        return "Detected: " + description;
    }
}
