package org.townhall.continuity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceSwitches;

/** The explanation page of a switched-off service: never an error, always what to do instead. */
@Controller
class ServiceUnavailableController {

    static final String PATH = "/service-unavailable";
    static final String SERVICE = ServiceUnavailableController.class.getName() + ".service";

    private final ServiceSwitches switches;

    ServiceUnavailableController(ServiceSwitches switches) {
        this.switches = switches;
    }

    @RequestMapping(PATH)
    String explain(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(SERVICE) instanceof ResidentService service)) {
            return "redirect:/status";
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", ServiceGate.RETRY_AFTER_SECONDS);
        model.addAttribute("status", switches.statusOf(service));
        return "continuity/unavailable";
    }
}
