/**
 * The audit committee's report: for a month, quarter or year, what the council's security and
 * continuity looked like (incidents, breaches and the ICO clock, attacks refused, downtime,
 * deadlines moved, evidence reads, audit verification), as an accessible page with charts, a PDF
 * and CSV. Every figure comes from one query over the data behind it (ADR 0020).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit committee report")
package org.townhall.reports;
