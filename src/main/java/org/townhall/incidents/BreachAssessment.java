package org.townhall.incidents;

import java.time.Instant;

/**
 * Whether an incident is a personal data breach and, if so, the facts UK GDPR Art 33(3) asks
 * for: its nature, the categories and approximate numbers of people and records, the likely
 * consequences, the measures taken and the data protection officer's contact; the risk to
 * people and the decision to notify the ICO, with the reasons kept when not (Art 33(5)).
 */
public record BreachAssessment(boolean personalDataBreach, Instant awareAt, String nature, String peopleCategories,
                               Long peopleCount, String recordCategories, Long recordCount, String consequences,
                               String measures, String dpoContact, BreachRisk risk, boolean notifyIco,
                               String notNotifyingReason, String assessedBy, Instant assessedAt) {
}
