package org.townhall.payments.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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
import org.springframework.web.server.ResponseStatusException;
import org.townhall.payments.FinanceReports;
import org.townhall.payments.PaymentState;
import org.townhall.payments.PaymentView;
import org.townhall.payments.Refunds;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.Money;

/** Finance officers: find payments, refund them, the daily settlement report and reconciliation. */
@Controller
@RequestMapping("/staff/payments")
@PreAuthorize("hasRole('FINANCE_OFFICER')")
class FinanceController {

    private final FinanceReports reports;
    private final Refunds refunds;
    private final Clock clock;

    FinanceController(FinanceReports reports, Refunds refunds, Clock clock) {
        this.reports = reports;
        this.refunds = refunds;
        this.clock = clock;
    }

    @GetMapping
    String search(@RequestParam(required = false) String reference, @RequestParam(required = false) String state,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  Authentication staff, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        Optional<LocalDate> fromDay = day(from, today.minusDays(7));
        Optional<LocalDate> toDay = day(to, today);
        Optional<PaymentState> wanted = state == null || state.isBlank() ? Optional.empty()
                : Arrays.stream(PaymentState.values()).filter(s -> s.name().equals(state)).findFirst();
        model.addAttribute("states", PaymentState.values());
        model.addAttribute("reference", reference == null ? "" : reference);
        model.addAttribute("state", state == null ? "" : state);
        model.addAttribute("from", fromDay.map(LocalDate::toString).orElse(from));
        model.addAttribute("to", toDay.map(LocalDate::toString).orElse(to));
        model.addAttribute("today", today);
        if (fromDay.isEmpty() || toDay.isEmpty() || (state != null && !state.isBlank() && wanted.isEmpty())
                || (reference != null && reference.length() > 64) || fromDay.get().isAfter(toDay.get())) {
            model.addAttribute("error", "Enter dates as YYYY-MM-DD, the first not after the second, and a reference of up to 64 characters");
            return "staff/payments";
        }
        model.addAttribute("results", reports.search(reference, wanted, fromDay.get(), toDay.get(), staff.getName()));
        return "staff/payments";
    }

    @GetMapping("/{ref}")
    String payment(@PathVariable String ref, Model model) {
        model.addAttribute("payment", reports.payment(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("refunds", reports.refundsOf(ref));
        return "staff/payment";
    }

    @PostMapping("/{ref}/refunds")
    String refund(@PathVariable String ref, @RequestParam(required = false) String amount, @RequestParam(required = false) String reason,
                  Authentication staff, Model model) {
        PaymentView payment = reports.payment(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Optional<Long> pence = Money.parsePounds(amount);
        Refunds.Outcome outcome = refunds.refund(ref, pence.orElse(0L), reason, staff.getName());
        if (outcome instanceof Refunds.Outcome.Refused refused) {
            model.addAttribute("payment", reports.payment(ref).orElse(payment));
            model.addAttribute("refunds", reports.refundsOf(ref));
            model.addAttribute("error", pence.isEmpty() ? "Enter the amount to refund in pounds, for example 12.50" : refused.reason());
            model.addAttribute("amount", amount);
            model.addAttribute("reason", reason);
            return "staff/payment";
        }
        return "redirect:/staff/payments/" + ref + (outcome instanceof Refunds.Outcome.Refunded ? "?refunded" : "?pending");
    }

    @GetMapping("/settlement.csv")
    void settlement(@RequestParam(required = false) String day, Authentication staff, HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        LocalDate wanted = day(day, today.minusDays(1)).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"settlement-" + wanted + ".csv\"");
        response.setHeader("Cache-Control", "no-store");
        reports.settlementCsv(wanted, staff.getName(), response.getWriter());
    }

    static Optional<LocalDate> day(String text, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return Optional.ofNullable(otherwise);
        }
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
