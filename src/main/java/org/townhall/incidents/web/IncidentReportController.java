package org.townhall.incidents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentRegister;

/**
 * Any member of staff reports an incident in plain words, accidents included. They see its
 * reference afterwards, not the register: that is for security analysts and auditors.
 */
@Controller
@RequestMapping("/staff/incidents")
@PreAuthorize("hasRole('STAFF')")
class IncidentReportController {

    private final IncidentRegister register;

    IncidentReportController(IncidentRegister register) {
        this.register = register;
    }

    @GetMapping("/report")
    String form(Model model) {
        return page(model, Map.of());
    }

    @PostMapping("/report")
    String report(@RequestParam(required = false) String title, @RequestParam(required = false) String description,
                  @RequestParam(required = false) String kind, Authentication staff, Model model,
                  HttpServletResponse response) {
        IncidentRegister.Reported reported = register.report(
                new IncidentRegister.Report(title, description, Choices.of(IncidentKind.class, kind)), staff.getName());
        if (!reported.outcome().done()) {
            model.addAttribute("problem", reported.outcome());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, Choices.typed("title", title, "description", description, "kind", kind));
        }
        return "redirect:/staff/incidents/reported?reference=" + reported.reference();
    }

    @GetMapping("/reported")
    String reported(@RequestParam(required = false) String reference, Model model) {
        model.addAttribute("reference", reference != null && reference.matches("INC-[A-Z0-9]{8}") ? reference : null);
        return "incidents/reported";
    }

    private String page(Model model, Map<String, String> typed) {
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("typed", typed);
        return "incidents/report";
    }
}
