package org.townhall.incidents;

/**
 * What an analyst changes on an incident, with the version they read. A null part leaves that
 * field as it was; {@code reason} goes on the timeline with the change.
 */
public record IncidentEdit(int version, String title, IncidentKind kind, NcscCategory category, Severity severity,
                           IncidentStatus status, String ownerRef, String reason) {
}
