package org.townhall.reports;

import java.time.ZonedDateTime;
import java.util.Map;
import org.townhall.audit.AuditFigures;
import org.townhall.continuity.DowntimeFigures;
import org.townhall.continuity.ResidentService;
import org.townhall.incidents.IncidentFigures;

/**
 * Every figure of the audit committee's report for one period, and who the staff readers of
 * evidence were (by name, as the committee reads them).
 */
public record CommitteeReport(ReportPeriod period, ZonedDateTime generatedAt, IncidentFigures.Figures incidents,
                              AuditFigures.PeriodFigures trail, Map<String, Long> shieldRefusals,
                              Map<ResidentService, DowntimeFigures.Downtime> downtime, Map<String, String> staffNames) {

    public long shieldRefusalsTotal() {
        return shieldRefusals.values().stream().mapToLong(Long::longValue).sum();
    }

    public long downtimeMinutesTotal() {
        return downtime.values().stream().mapToLong(DowntimeFigures.Downtime::minutes).sum();
    }

    /** "82%" or "none to notify". */
    public String shareNotifiedInTime() {
        Double share = incidents.shareNotifiedInTime();
        return share == null ? "none to notify" : Math.round(share * 100) + "%";
    }

    public String hours(Double hours) {
        return hours == null ? "none contained" : String.format("%.1f hours", hours);
    }

    public String staffName(String ref) {
        return staffNames.getOrDefault(ref, ref);
    }
}
