package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.townhall.accounts.SignedInUser;
import org.townhall.billing.GuestPayResult;
import org.townhall.billing.GuestPayments;
import org.townhall.payments.GuestPayers;
import org.townhall.payments.Payments;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.Money;

/**
 * Paying council tax or rent without an account (ADR 0027). The pages show nothing of the account:
 * the payer types the amount, and every mismatch gets one answer.
 */
@Controller
class GuestPayController {

    private final GuestPayments guestPayments;

    GuestPayController(GuestPayments guestPayments) {
        this.guestPayments = guestPayments;
    }

    @GetMapping("/pay")
    String tasks() {
        return "billing/pay";
    }

    /**
     * Staff have their own pages: a payment started from a staff session could never be finished
     * there (the payment pages refuse staff), so it is refused at the start, and recorded, as the
     * parking fine's pay page does.
     */
    private static void refuseStaff(Authentication authentication) {
        if (SignedInUser.isStaff(authentication)) {
            throw new AccessDeniedException("Staff do not pay residents' bills from a staff session");
        }
    }

    @GetMapping("/pay/council-tax")
    String councilTaxForm(Model model, Authentication authentication) {
        refuseStaff(authentication);
        model.addAttribute("form", Forms.GuestCouncilTax.empty(Payments.newIdempotencyKey()));
        return "billing/pay-council-tax";
    }

    @PostMapping("/pay/council-tax")
    String payCouncilTax(@Valid @ModelAttribute("form") Forms.GuestCouncilTax form, BindingResult errors,
                         HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        refuseStaff(authentication);
        Optional<Long> amount = amount(form.amount(), errors);
        if (errors.hasErrors()) {
            return "billing/pay-council-tax";
        }
        String guest = GuestPayers.of(request.getSession());
        return answer(pence -> guestPayments.payCouncilTax(form.accountNumber(), form.postcode(), pence, form.email().trim(),
                        form.idempotencyKey(), guest, ClientOrigin.of(request)), amount.orElseThrow(), errors, response,
                "accountNumber", "billing/pay-council-tax",
                "We could not find a council tax account with that account number and postcode. Check both and try again");
    }

    @GetMapping("/pay/rent")
    String rentForm(Model model, Authentication authentication) {
        refuseStaff(authentication);
        model.addAttribute("form", Forms.GuestRent.empty(Payments.newIdempotencyKey()));
        return "billing/pay-rent";
    }

    @PostMapping("/pay/rent")
    String payRent(@Valid @ModelAttribute("form") Forms.GuestRent form, BindingResult errors,
                   HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        refuseStaff(authentication);
        LocalDate bornOn = RentController.dateOf(form.bornDay(), form.bornMonth(), form.bornYear());
        if (bornOn == null) {
            errors.rejectValue("bornDay", "invalid", "Enter your date of birth as numbers, for example 27 3 1985");
        }
        Optional<Long> amount = amount(form.amount(), errors);
        if (errors.hasErrors()) {
            return "billing/pay-rent";
        }
        String guest = GuestPayers.of(request.getSession());
        return answer(pence -> guestPayments.payRent(form.tenancyRef(), bornOn, pence, form.email().trim(), form.idempotencyKey(),
                        guest, ClientOrigin.of(request)), amount.orElseThrow(), errors, response, "tenancyRef", "billing/pay-rent",
                "We could not find a rent account with that tenancy reference and date of birth. Check both and try again");
    }

    /** The amount typed, in pence, or an error on the amount field. */
    private static Optional<Long> amount(String typed, BindingResult errors) {
        if (errors.hasFieldErrors("amount")) {
            return Optional.empty();
        }
        if (typed == null || typed.isBlank()) {
            errors.rejectValue("amount", "required", "Enter the amount you want to pay");
            return Optional.empty();
        }
        Optional<Long> pence = Money.parsePounds(typed).filter(p -> p > 0);
        if (pence.isEmpty()) {
            errors.rejectValue("amount", "invalid", "Enter an amount in pounds, for example 85.50");
        }
        return pence;
    }

    private static String answer(LongFunction<GuestPayResult> pay, long pence, BindingResult errors, HttpServletResponse response,
                                 String referenceField, String view, String noMatch) {
        return Linking.startingPayment(() -> {
            GuestPayResult result = pay.apply(pence);
            if (result instanceof GuestPayResult.Started started) {
                return "redirect:" + started.nextUrl();
            }
            if (result instanceof GuestPayResult.TryLater later) {
                long seconds = Math.max(1, later.retryAfter().toSeconds());
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(seconds));
                errors.reject("throttled", "There have been too many attempts. Try again in " + (seconds + 59) / 60 + " minutes");
            } else if (result instanceof GuestPayResult.NoMatch) {
                errors.rejectValue(referenceField, "noMatch", noMatch);
            } else {
                errors.rejectValue("amount", "tooMuch", "The amount is more than is owed on this account");
            }
            return view;
        }, errors, response, view);
    }
}
