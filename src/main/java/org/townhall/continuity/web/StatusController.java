package org.townhall.continuity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.continuity.ServiceSwitches;

/** The public status page: every service now, and what changed recently. */
@Controller
class StatusController {

    private final ServiceSwitches switches;

    StatusController(ServiceSwitches switches) {
        this.switches = switches;
    }

    @GetMapping("/status")
    String status(Model model) {
        model.addAttribute("services", switches.all());
        model.addAttribute("history", switches.history(20));
        return "continuity/status";
    }
}
