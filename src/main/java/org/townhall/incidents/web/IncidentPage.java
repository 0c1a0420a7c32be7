package org.townhall.incidents.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.incidents.BreachRisk;
import org.townhall.incidents.Breaches;
import org.townhall.incidents.ExternalBody;
import org.townhall.incidents.IncidentFile;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentOutcome;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.NcscCategory;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.Severity;
import org.townhall.platform.ClockConfiguration;

/** Fills the incident page: the file itself, the choices its forms offer, and any problem to show. */
@Component
class IncidentPage {

    private final IncidentRegister register;
    private final Breaches breaches;
    private final Clock clock;

    IncidentPage(IncidentRegister register, Breaches breaches, Clock clock) {
        this.register = register;
        this.breaches = breaches;
        this.clock = clock;
    }

    String render(String ref, Authentication staff, Model model, IncidentOutcome problem, Map<String, String> typed) {
        IncidentFile file = register.open(ref, staff.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean analyst = staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_SECURITY_ANALYST"));
        Map<String, String> owners = register.possibleOwners().stream()
                .collect(Collectors.toMap(IncidentRegister.Owner::ref, IncidentRegister.Owner::name, (a, b) -> a));
        model.addAttribute("file", file);
        model.addAttribute("incident", file.incident());
        model.addAttribute("analyst", analyst);
        model.addAttribute("owners", owners);
        model.addAttribute("today", LocalDate.now(clock.withZone(ClockConfiguration.LONDON)));
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("categories", NcscCategory.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("observableKinds", ObservableKind.values());
        model.addAttribute("bodies", ExternalBody.values());
        model.addAttribute("breach", breaches.file(ref).orElse(null));
        model.addAttribute("risks", BreachRisk.values());
        model.addAttribute("problem", problem);
        model.addAttribute("typed", typed);
        return "incidents/incident";
    }
}
