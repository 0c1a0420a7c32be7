package org.townhall.continuity.web;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.townhall.continuity.MaintenanceWindow;
import org.townhall.continuity.PlannedMaintenance;
import org.townhall.continuity.ServiceStatus;
import org.townhall.continuity.ServiceSwitches;

/** Fills the layout's site-wide banner while any service is not working normally. */
@ControllerAdvice
class SiteNoticeAdvice {

    private final ServiceSwitches switches;
    private final PlannedMaintenance maintenance;

    SiteNoticeAdvice(ServiceSwitches switches, PlannedMaintenance maintenance) {
        this.switches = switches;
        this.maintenance = maintenance;
    }

    @ModelAttribute("siteNotice")
    String siteNotice() {
        List<String> notices = Stream.concat(switches.disrupted().stream().map(ServiceStatus::residentMessage),
                maintenance.announced().stream().map(MaintenanceWindow::announcement)).toList();
        return notices.isEmpty() ? null : String.join(" ", notices);
    }
}
