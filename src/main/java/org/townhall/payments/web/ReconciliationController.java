package org.townhall.payments.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townhall.audit.Actor;
import org.townhall.payments.FinanceReports;
import org.townhall.payments.HeldLinkPayments;
import org.townhall.payments.LinkPayments;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.platform.ClockConfiguration;

/**
 * Finance officers' reconciliation: the ledger's checks, payments to refund, and the payments
 * residents made through GOV.UK Pay payment links while Townhall was down, to search for and
 * settle by hand.
 */
@Controller
@RequestMapping("/staff/payments/reconciliation")
@PreAuthorize("hasRole('FINANCE_OFFICER')")
class ReconciliationController {

    /** GOV.UK Pay keeps payments searchable for years; a longer window than an outage needs is a typo. */
    static final int LINK_SEARCH_DAYS = 31;

    private final FinanceReports reports;
    private final LinkPayments linkPayments;
    private final HeldLinkPayments held;
    private final Clock clock;

    ReconciliationController(FinanceReports reports, LinkPayments linkPayments, HeldLinkPayments held, Clock clock) {
        this.reports = reports;
        this.linkPayments = linkPayments;
        this.held = held;
        this.clock = clock;
    }

    @GetMapping
    String reconciliation(Model model) {
        LocalDate today = today();
        return page(model, today.minusDays(1).toString(), today.toString());
    }

    /** Searches GOV.UK Pay for payments made through payment links from the start of one London day to the end of another. */
    @PostMapping("/payment-links")
    String searchPaymentLinks(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              Authentication staff, Model model) {
        Optional<LocalDate> fromDay = FinanceController.day(from, null);
        Optional<LocalDate> toDay = FinanceController.day(to, null);
        LocalDate today = today();
        String error = null;
        if (fromDay.isEmpty() || toDay.isEmpty() || fromDay.get().isAfter(toDay.get()) || toDay.get().isAfter(today)
                || fromDay.get().isBefore(today.minusDays(LINK_SEARCH_DAYS))) {
            error = "Enter dates as YYYY-MM-DD, the first not after the second, within the last " + LINK_SEARCH_DAYS + " days";
        } else {
            try {
                LinkPayments.Found found = linkPayments.search(fromDay.get().atStartOfDay(ClockConfiguration.LONDON).toInstant(),
                        toDay.get().plusDays(1).atStartOfDay(ClockConfiguration.LONDON).toInstant(), Actor.staff(staff.getName()));
                model.addAttribute("linkFound", found);
            } catch (PaymentProvider.Unavailable e) {
                error = "GOV.UK Pay could not be searched just now. Nothing was applied: try again in a few minutes";
            }
        }
        model.addAttribute("linkError", error);
        return page(model, from, to);
    }

    /** Applies a held payment to the account the finance officer found for it. */
    @PostMapping("/payment-links/{id}/match")
    String match(@PathVariable String id, @RequestParam(required = false) String reference, Authentication staff, Model model,
                 RedirectAttributes flash, HttpServletResponse response) {
        return settled(held.match(id, reference, staff.getName()), id, "match-" + id, model, flash, response);
    }

    /** Refunds a held payment in full through GOV.UK Pay. */
    @PostMapping("/payment-links/{id}/refund")
    String refund(@PathVariable String id, Authentication staff, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return settled(held.refund(id, staff.getName()), id, "refund-" + id, model, flash, response);
    }

    /** Asks GOV.UK Pay how a refund it has not yet confirmed went. */
    @PostMapping("/payment-links/{id}/check")
    String check(@PathVariable String id, Authentication staff, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return settled(held.check(id, staff.getName()), id, "check-" + id, model, flash, response);
    }

    private String settled(HeldLinkPayments.Settled outcome, String id, String field, Model model, RedirectAttributes flash,
                           HttpServletResponse response) {
        if (outcome instanceof HeldLinkPayments.Settled.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("settleError", refused.reason());
            model.addAttribute("settleField", field);
            LocalDate today = today();
            return page(model, today.minusDays(1).toString(), today.toString());
        }
        flash.addFlashAttribute("settled", "GOV.UK Pay payment " + id + ": " + outcome.message());
        return "redirect:/staff/payments/reconciliation";
    }

    private String page(Model model, String linkFrom, String linkTo) {
        model.addAttribute("view", reports.reconciliation());
        model.addAttribute("linkPayments", held.waiting());
        model.addAttribute("linkFrom", linkFrom);
        model.addAttribute("linkTo", linkTo);
        return "staff/payments-reconciliation";
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
    }
}
