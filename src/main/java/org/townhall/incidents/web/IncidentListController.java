package org.townhall.incidents.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import java.util.List;
import org.townhall.incidents.Breaches;
import org.townhall.incidents.Incident;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.Severity;
import org.townhall.incidents.store.IncidentStore;

/** The register: security analysts and auditors list incidents, open ones first by default. */
@Controller
@RequestMapping("/staff/incidents")
@PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
class IncidentListController {

    private final IncidentRegister register;
    private final Breaches breaches;

    IncidentListController(IncidentRegister register, Breaches breaches) {
        this.register = register;
        this.breaches = breaches;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String severity, @RequestParam(required = false) String all,
                Authentication staff, Model model) {
        IncidentStatus chosenStatus = Choices.of(IncidentStatus.class, status);
        IncidentStore.Filter filter = new IncidentStore.Filter(chosenStatus, Choices.of(IncidentKind.class, kind),
                Choices.of(Severity.class, severity), chosenStatus == null && all == null);
        List<Incident> incidents = register.list(filter, staff.getName());
        model.addAttribute("incidents", incidents);
        model.addAttribute("clocks", breaches.clocks(incidents.stream().map(Incident::ref).toList()));
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("limit", IncidentRegister.LIST_LIMIT);
        model.addAttribute("analyst", staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_SECURITY_ANALYST")));
        return "incidents/list";
    }
}
