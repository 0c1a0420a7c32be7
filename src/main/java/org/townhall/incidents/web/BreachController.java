package org.townhall.incidents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.townhall.incidents.BreachAssessment;
import org.townhall.incidents.BreachNotices;
import org.townhall.incidents.BreachRisk;
import org.townhall.incidents.Breaches;
import org.townhall.incidents.IcoNotification;
import org.townhall.incidents.IncidentOutcome;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.CouncilProperties;
import org.townhall.platform.HtmlPdf;

/** Security analysts assess a breach, record what the ICO was told, and tell affected residents. */
@Controller
@RequestMapping("/staff/incidents/{ref}/breach")
@PreAuthorize("hasRole('SECURITY_ANALYST')")
class BreachController {

    private final Breaches breaches;
    private final BreachNotices notices;
    private final IncidentPage page;
    private final ITemplateEngine templates;
    private final CouncilProperties council;
    private final Clock clock;

    BreachController(Breaches breaches, BreachNotices notices, IncidentPage page, ITemplateEngine templates,
                     CouncilProperties council, Clock clock) {
        this.breaches = breaches;
        this.notices = notices;
        this.page = page;
        this.templates = templates;
        this.council = council;
        this.clock = clock;
    }

    @PostMapping
    String assess(@PathVariable String ref, @RequestParam Map<String, String> form, Authentication staff, Model model,
                  HttpServletResponse response) {
        boolean breach = "yes".equals(form.get("personalDataBreach"));
        String awareAt = form.get("awareAt");
        if (awareAt != null && !awareAt.isBlank() && londonTime(awareAt) == null) {
            // Only an empty answer means "when the incident was opened": a mistyped one must not
            // quietly start the 72-hour clock from another time.
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page.render(ref, staff, model, new IncidentOutcome(IncidentOutcome.Status.REFUSED, "awareAt",
                    "Enter when the council became aware as a date and time, like 2026-03-27T14:30, or leave it empty "
                            + "for when the incident was opened"), form);
        }
        BreachAssessment given = new BreachAssessment(breach, londonTime(form.get("awareAt")), form.get("nature"),
                form.get("peopleCategories"), number(form.get("peopleCount")), form.get("recordCategories"),
                number(form.get("recordCount")), form.get("consequences"), form.get("measures"), form.get("dpoContact"),
                Choices.of(BreachRisk.class, form.get("risk")), "yes".equals(form.get("notifyIco")),
                form.get("notNotifyingReason"), null, null);
        return after(ref, breaches.assess(ref, given, staff.getName()), staff, model, response, form);
    }

    @PostMapping("/notifications")
    String notified(@PathVariable String ref, @RequestParam Map<String, String> form, Authentication staff, Model model,
                    HttpServletResponse response) {
        Instant sent = londonTime(form.get("sentAt"));
        return after(ref, breaches.notifyIco(ref, Choices.of(IcoNotification.Phase.class, form.get("phase")), sent,
                form.get("icoReference"), form.get("summary"), form.get("lateReasons"), staff.getName()), staff, model, response, form);
    }

    @PostMapping("/notice")
    String approve(@PathVariable String ref, @RequestParam(required = false) String wording, Authentication staff, Model model,
                   HttpServletResponse response) {
        return after(ref, notices.approve(ref, wording, staff.getName()), staff, model, response, Choices.typed("wording", wording));
    }

    @PostMapping("/notice/send")
    String tell(@PathVariable String ref, Authentication staff) {
        int told = notices.tell(ref, staff.getName());
        return "redirect:/staff/incidents/" + ref + "?told=" + told;
    }

    @GetMapping("/ico-draft.pdf")
    @PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
    ResponseEntity<byte[]> draft(@PathVariable String ref, Authentication staff) {
        Breaches.Draft draft = breaches.draft(ref, staff.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Context context = new Context();
        context.setVariable("draft", draft);
        context.setVariable("council", council);
        context.setVariable("prepared", clock.instant().atZone(ClockConfiguration.LONDON));
        byte[] pdf = HtmlPdf.render(templates.process("incidents/ico-draft", context));
        return ResponseEntity.ok().header("Content-Type", "application/pdf").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"ico-draft-" + draft.incident().reference() + ".pdf\"").body(pdf);
    }

    private String after(String ref, IncidentOutcome outcome, Authentication staff, Model model, HttpServletResponse response,
                         Map<String, String> typed) {
        switch (outcome.status()) {
            case DONE -> {
                return "redirect:/staff/incidents/" + ref + "?saved#breach";
            }
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            default -> response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return page.render(ref, staff, model, outcome, typed);
    }

    private static Instant londonTime(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDateTime.parse(text.trim()).atZone(ClockConfiguration.LONDON).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Long number(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.parseLong(text.trim().replace(",", ""));
        } catch (NumberFormatException unreadable) {
            return -1L;
        }
    }
}
