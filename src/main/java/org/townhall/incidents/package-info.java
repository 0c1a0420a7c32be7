/**
 * The security incident register: malicious and accidental incidents alike, reported by any
 * member of staff or opened by detection, managed by security analysts through triage,
 * containment, eradication and recovery, read by auditors. Personal data breaches are assessed
 * against UK GDPR Art 33 and 34 with the ICO's 72-hour clock. Residents never see it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security incidents")
package org.townhall.incidents;
