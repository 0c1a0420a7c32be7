package org.townhall.continuity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.continuity.PaymentLinks;
import org.townhall.continuity.PlannedMaintenance;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.platform.ClockConfiguration;

/** Service managers switch services on, to read only, or off, with the message residents see. */
@Controller
@RequestMapping("/staff/services")
@PreAuthorize("hasRole('SERVICE_MANAGER')")
class ServiceSwitchController {

    private final ServiceSwitches switches;
    private final PlannedMaintenance maintenance;
    private final PaymentLinks links;

    ServiceSwitchController(ServiceSwitches switches, PlannedMaintenance maintenance, PaymentLinks links) {
        this.switches = switches;
        this.maintenance = maintenance;
        this.links = links;
    }

    record SwitchForm(
            @NotNull ResidentService service,
            @NotNull(message = "Choose on, read only or off") ServiceState state,
            @Size(max = 500, message = "The message must be 500 characters or fewer")
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "The message must only include letters, numbers and punctuation")
            String message) {
    }

    /** When maintenance starts and ends, as GOV.UK date inputs and an hour and minute, London time. */
    record MaintenanceForm(
            @NotNull(message = "Choose the service") ResidentService service,
            String startsDay, String startsMonth, String startsYear, String startsHour, String startsMinute,
            String endsDay, String endsMonth, String endsYear, String endsHour, String endsMinute,
            @Size(max = 500, message = "The message must be 500 characters or fewer")
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "The message must only include letters, numbers and punctuation")
            String message) {

        static MaintenanceForm empty() {
            return new MaintenanceForm(null, "", "", "", "", "", "", "", "", "", "", "");
        }

        LocalDateTime startsAt() {
            return at(startsDay, startsMonth, startsYear, startsHour, startsMinute);
        }

        LocalDateTime endsAt() {
            return at(endsDay, endsMonth, endsYear, endsHour, endsMinute);
        }

        /** The moment typed, or null if any part is missing or it is not a real date and time. */
        private static LocalDateTime at(String day, String month, String year, String hour, String minute) {
            try {
                return LocalDateTime.of(number(year), number(month), number(day), number(hour), number(minute));
            } catch (java.time.DateTimeException | NumberFormatException e) {
                return null;
            }
        }

        private static int number(String typed) {
            String trimmed = typed == null ? "" : typed.trim();
            if (!trimmed.matches("[0-9]{1,4}")) {
                throw new NumberFormatException("not a number");
            }
            return Integer.parseInt(trimmed);
        }
    }

    record PaymentLinkForm(
            @NotNull ResidentService service,
            @Size(max = 300, message = "The payment link must be 300 characters or fewer") String url) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("form", new SwitchForm(null, null, ""));
        model.addAttribute("maintenanceForm", MaintenanceForm.empty());
        return page(model);
    }

    /**
     * Saves one service's switch. Switching a service off is asked about first, on a page of its
     * own naming the service, because residents lose it at once: only the confirmed form switches.
     */
    @PostMapping
    String change(@Valid @ModelAttribute("form") SwitchForm form, BindingResult errors,
                  @RequestParam(required = false) String confirmed, Authentication staff, Model model) {
        // Radios only ever send real services and states: anything else is a tampered form.
        if (errors.hasFieldErrors("service") || (errors.getFieldError("state") != null
                && "typeMismatch".equals(errors.getFieldError("state").getCode()))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (errors.hasErrors()) {
            model.addAttribute("maintenanceForm", MaintenanceForm.empty());
            return page(model);
        }
        if (form.state() == ServiceState.OFF && !"yes".equals(confirmed)
                && switches.statusOf(form.service()).state() != ServiceState.OFF) {
            model.addAttribute("service", form.service());
            return "continuity/switch-off";
        }
        switches.switchTo(form.service(), form.state(), form.message(), staff.getName());
        return "redirect:/staff/services?changed";
    }

    @PostMapping("/maintenance")
    String plan(@Valid @ModelAttribute("maintenanceForm") MaintenanceForm form, BindingResult errors, Authentication staff, Model model) {
        LocalDateTime startsAt = form.startsAt();
        LocalDateTime endsAt = form.endsAt();
        if (startsAt == null) {
            errors.rejectValue("startsDay", "invalid", "Enter when the maintenance starts as a real date and time, for example 27 3 2027 at 21 00");
        }
        if (endsAt == null) {
            errors.rejectValue("endsDay", "invalid", "Enter when the maintenance ends as a real date and time, for example 28 3 2027 at 06 00");
        }
        if (!errors.hasErrors()) {
            String problem = maintenance.plan(form.service(), startsAt.atZone(ClockConfiguration.LONDON).toInstant(),
                    endsAt.atZone(ClockConfiguration.LONDON).toInstant(), form.message(), staff.getName());
            if (problem == null) {
                return "redirect:/staff/services?planned";
            }
            errors.reject("maintenance", problem);
        }
        model.addAttribute("form", new SwitchForm(null, null, ""));
        return page(model);
    }

    @PostMapping("/payment-links")
    String link(@Valid @ModelAttribute("linkForm") PaymentLinkForm form, BindingResult errors, Authentication staff, Model model) {
        // The list only ever sends real services: anything else is a tampered form.
        if (errors.hasFieldErrors("service")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (!errors.hasErrors()) {
            var problem = links.point(form.service(), form.url(), staff.getName());
            if (problem.isEmpty()) {
                return "redirect:/staff/services?linked#payment-links";
            }
            errors.rejectValue("url", "link", problem.get());
        }
        model.addAttribute("form", new SwitchForm(null, null, ""));
        model.addAttribute("maintenanceForm", MaintenanceForm.empty());
        return page(model);
    }

    private String page(Model model) {
        if (!model.containsAttribute("linkForm")) {
            model.addAttribute("linkForm", new PaymentLinkForm(null, ""));
        }
        model.addAttribute("links", links.all());
        model.addAttribute("paymentServices", java.util.Arrays.stream(ResidentService.values())
                .filter(ResidentService::takesPayments).toList());
        model.addAttribute("services", switches.all());
        model.addAttribute("states", ServiceState.values());
        model.addAttribute("planned", maintenance.pending());
        model.addAttribute("allServices", ResidentService.values());
        return "continuity/switches";
    }
}
