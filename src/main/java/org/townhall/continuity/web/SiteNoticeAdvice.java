package org.townhall.continuity.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.townhall.continuity.ServiceStatus;
import org.townhall.continuity.ServiceSwitches;

/** Fills the layout's site-wide banner while any service is not working normally. */
@ControllerAdvice
class SiteNoticeAdvice {

    private final ServiceSwitches switches;

    SiteNoticeAdvice(ServiceSwitches switches) {
        this.switches = switches;
    }

    @ModelAttribute("siteNotice")
    String siteNotice() {
        List<ServiceStatus> disrupted = switches.disrupted();
        if (disrupted.isEmpty()) {
            return null;
        }
        return disrupted.stream().map(ServiceStatus::residentMessage).collect(Collectors.joining(" "));
    }
}
