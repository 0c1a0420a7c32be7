package org.townhall.incidents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.incidents.ExternalBody;
import org.townhall.incidents.IncidentDetails;
import org.townhall.incidents.IncidentEdit;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentOutcome;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.NcscCategory;
import org.townhall.incidents.ObservableActions;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.Severity;

/** One incident: auditors read it; security analysts change it and add to it. */
@Controller
@RequestMapping("/staff/incidents/{ref}")
@PreAuthorize("hasRole('SECURITY_ANALYST')")
class IncidentController {

    private final IncidentRegister register;
    private final IncidentDetails details;
    private final ObservableActions observables;
    private final IncidentPage page;

    IncidentController(IncidentRegister register, IncidentDetails details, ObservableActions observables, IncidentPage page) {
        this.register = register;
        this.details = details;
        this.observables = observables;
        this.page = page;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
    String show(@PathVariable String ref, Authentication staff, Model model) {
        return page.render(ref, staff, model, null, Map.of());
    }

    @PostMapping
    String change(@PathVariable String ref, @RequestParam(required = false) String version,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String category, @RequestParam(required = false) String severity,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String owner,
                  @RequestParam(required = false) String reason, Authentication staff, Model model, HttpServletResponse response) {
        int read;
        try {
            read = Integer.parseInt(version == null ? "" : version.trim());
        } catch (NumberFormatException tampered) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        NcscCategory chosen = Choices.of(NcscCategory.class, category);
        IncidentOutcome outcome = register.change(ref, new IncidentEdit(read, title, Choices.of(IncidentKind.class, kind), chosen,
                Choices.of(Severity.class, severity), Choices.of(IncidentStatus.class, status), owner, reason), staff.getName());
        return after(ref, outcome, staff, model, response, Choices.typed("reason", reason, "title", title));
    }

    @PostMapping("/notes")
    String note(@PathVariable String ref, @RequestParam(required = false) String note, Authentication staff, Model model,
                HttpServletResponse response) {
        return after(ref, register.addNote(ref, note, staff.getName()), staff, model, response, Choices.typed("note", note));
    }

    @PostMapping("/tasks")
    String task(@PathVariable String ref, @RequestParam(required = false) String taskTitle,
                @RequestParam(required = false) String dueOn, Authentication staff, Model model, HttpServletResponse response) {
        return after(ref, details.addTask(ref, taskTitle, date(dueOn), staff.getName()), staff, model, response,
                Choices.typed("taskTitle", taskTitle, "dueOn", dueOn));
    }

    @PostMapping("/tasks/{task}/done")
    String taskDone(@PathVariable String ref, @PathVariable String task, Authentication staff, Model model,
                    HttpServletResponse response) {
        return after(ref, details.completeTask(ref, task, staff.getName()), staff, model, response, Map.of());
    }

    @PostMapping("/observables")
    String observable(@PathVariable String ref, @RequestParam(required = false) String observableKind,
                      @RequestParam(required = false) String observableValue, Authentication staff, Model model,
                      HttpServletResponse response) {
        return after(ref, details.addObservable(ref, Choices.of(ObservableKind.class, observableKind), observableValue,
                staff.getName()), staff, model, response, Choices.typed("observableKind", observableKind, "observableValue", observableValue));
    }

    @PostMapping("/observables/{observable}/investigate")
    String investigate(@PathVariable String ref, @PathVariable String observable, Authentication staff, Model model,
                       HttpServletResponse response) {
        return after(ref, observables.investigate(ref, observable, staff.getName()), staff, model, response, Map.of());
    }

    @PostMapping("/observables/{observable}/block")
    String block(@PathVariable String ref, @PathVariable String observable, @RequestParam(required = false) String hours,
                 @RequestParam(required = false) String blockReason, Authentication staff, Model model,
                 jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        long lasts;
        try {
            lasts = Long.parseLong(hours == null ? "" : hours.trim());
        } catch (NumberFormatException e) {
            lasts = 0;
        }
        return after(ref, observables.block(ref, observable, lasts, blockReason, staff.getName(), request.getRemoteAddr()), staff, model, response,
                Choices.typed("hours", hours, "blockReason", blockReason));
    }

    @PostMapping("/links")
    String evidence(@PathVariable String ref, @RequestParam(required = false) String label,
                    @RequestParam(required = false) String location, Authentication staff, Model model, HttpServletResponse response) {
        return after(ref, details.addEvidenceLink(ref, label, location, staff.getName()), staff, model, response,
                Choices.typed("label", label, "location", location));
    }

    @PostMapping("/references")
    String reference(@PathVariable String ref, @RequestParam(required = false) String body,
                     @RequestParam(required = false) String externalReference, @RequestParam(required = false) String reportedOn,
                     Authentication staff, Model model, HttpServletResponse response) {
        return after(ref, details.addExternalReference(ref, Choices.of(ExternalBody.class, body), externalReference,
                date(reportedOn), staff.getName()), staff, model, response,
                Choices.typed("body", body, "externalReference", externalReference, "reportedOn", reportedOn));
    }

    private String after(String ref, IncidentOutcome outcome, Authentication staff, Model model, HttpServletResponse response,
                         Map<String, String> typed) {
        switch (outcome.status()) {
            case DONE -> {
                return "redirect:/staff/incidents/" + ref + "?saved";
            }
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            case CONFLICT -> response.setStatus(HttpStatus.CONFLICT.value());
            default -> response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return page.render(ref, staff, model, outcome, typed);
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
