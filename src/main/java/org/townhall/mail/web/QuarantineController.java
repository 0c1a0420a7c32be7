package org.townhall.mail.web;

import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.mail.Quarantine;
import org.townhall.mail.ScreenedMail;
import org.townhall.mail.Verdict;

/** Security analysts: the quarantine and its search, the safe view, release, delete, "this is phishing", daily figures. */
@Controller
@RequestMapping("/staff/mail")
@PreAuthorize("hasRole('SECURITY_ANALYST')")
class QuarantineController {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Quarantine quarantine;

    QuarantineController(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping
    String search(@Valid @ModelAttribute("form") MailSearchForm form, BindingResult errors, Authentication staff, Model model) {
        Instant from = null;
        Instant to = null;
        try {
            from = instant(form.from());
            to = instant(form.to());
        } catch (DateTimeParseException e) {
            errors.reject("dates", "Enter dates and times like 2025-03-01T09:00");
        }
        if (!errors.hasErrors()) {
            ScreenedMail.Search search = new ScreenedMail.Search(form.sender(), form.domain(), form.recipient(),
                    form.verdict() == null || form.verdict().isBlank() ? null : Verdict.valueOf(form.verdict()), from, to);
            model.addAttribute("searched", search.any());
            model.addAttribute("results", quarantine.search(search, staff.getName()));
        }
        model.addAttribute("hasErrors", errors.hasErrors());
        model.addAttribute("undelivered", quarantine.undelivered());
        model.addAttribute("decisions", quarantine.awaitingDecision());
        model.addAttribute("verdicts", Verdict.values());
        model.addAttribute("limit", Quarantine.PAGE_LIMIT);
        return "mail/quarantine";
    }

    @GetMapping("/messages/{ref}")
    String view(@PathVariable String ref, Authentication staff, Model model) {
        ScreenedMail.SafeView view = quarantine.view(ref, staff.getName()).orElseThrow(QuarantineController::notFound);
        model.addAttribute("view", view);
        model.addAttribute("releasable", Quarantine.releasable(view.summary()));
        return "mail/message";
    }

    @PostMapping("/messages/{ref}/release")
    String release(@PathVariable String ref, Authentication staff) {
        return quarantine.release(ref, staff.getName()) ? "redirect:/staff/mail/messages/" + ref + "?released"
                : "redirect:/staff/mail/messages/" + ref + "?notReleased";
    }

    @PostMapping("/messages/{ref}/delete")
    String delete(@PathVariable String ref, Authentication staff) {
        if (!quarantine.delete(ref, staff.getName())) {
            throw notFound();
        }
        return "redirect:/staff/mail?deleted";
    }

    @PostMapping("/messages/{ref}/phishing")
    String phishing(@PathVariable String ref, Authentication staff, Model model) {
        model.addAttribute("campaign", quarantine.reportPhishing(ref, staff.getName()).orElseThrow(QuarantineController::notFound));
        model.addAttribute("ref", ref);
        return "mail/campaign";
    }

    @GetMapping("/figures")
    String figures(Model model) {
        model.addAttribute("days", quarantine.dailyFigures(14));
        return "mail/figures";
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : LocalDateTime.parse(text.trim()).atZone(LONDON).toInstant();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
