package org.townhall.continuity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.continuity.PlannedMaintenance;
import org.townhall.continuity.ServiceSwitches;

/** The public status page: every service now, and what changed recently. */
@Controller
class StatusController {

    private final ServiceSwitches switches;
    private final PlannedMaintenance maintenance;

    StatusController(ServiceSwitches switches, PlannedMaintenance maintenance) {
        this.switches = switches;
        this.maintenance = maintenance;
    }

    @GetMapping("/status")
    String status(Model model) {
        model.addAttribute("services", switches.all());
        model.addAttribute("history", switches.history(20));
        model.addAttribute("planned", maintenance.pending());
        return "continuity/status";
    }
}
