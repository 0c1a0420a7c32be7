/**
 * Backups a council can trust after ransomware: signed anchors of the audit chains kept outside
 * the database, encrypted logical backups the running application cannot decrypt, and restore
 * drills that prove each backup by restoring it (ADR 0023).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backups and restore drills")
package org.townhall.backup;
