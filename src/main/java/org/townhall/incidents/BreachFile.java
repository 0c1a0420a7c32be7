package org.townhall.incidents;

import java.util.List;

/** What the register holds about a breach: its assessment, clock, ICO notifications and residents told. */
public record BreachFile(BreachAssessment assessment, BreachClock clock, List<IcoNotification> notifications,
                         String approvedNotice, int affectedResidents, int residentsTold) {

    public boolean clockRuns() {
        return assessment.personalDataBreach() && assessment.notifyIco();
    }

    public boolean residentsMustBeTold() {
        return assessment.personalDataBreach() && assessment.risk() == BreachRisk.HIGH;
    }
}
