package org.townhall.incidents;

import java.time.Instant;

/**
 * The hook for backups: publish this (as a Spring application event) when a restore drill
 * fails. A backup that cannot be restored is an incident in waiting (ransomware recovery
 * depends on it), so detection opens one per episode and emails the duty analyst.
 */
public record RestoreDrillFailed(String drillRef, Instant failedAt, String reason) {
}
