package org.townhall.payments.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.payments.PaymentView;
import org.townhall.payments.Payments;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;

/**
 * The built-in sandbox provider's card page, standing in for GOV.UK Pay's. It exists only while
 * the sandbox is the provider, and shows only the payments of the signed-in resident or of this browser session's guest payer.
 */
@Controller
class SandboxCardController {

    private final PaymentProvider provider;
    private final Payments payments;

    SandboxCardController(PaymentProvider provider, Payments payments) {
        this.provider = provider;
        this.payments = payments;
    }

    record CardForm(@NotBlank(message = "Enter the card number") @Size(max = 30, message = "Enter a card number of up to 19 digits")
                    String cardNumber,
                    @NotBlank(message = "Enter the expiry date") @Size(max = 7, message = "Enter the expiry date as MM/YY")
                    String expiry,
                    @NotBlank(message = "Enter the name on the card") @Size(max = 100, message = "Enter a name of up to 100 characters")
                    String cardholderName,
                    @NotBlank(message = "Enter the card security code") @Size(max = 4, message = "Enter the 3 or 4 digit security code")
                    String securityCode) {
        static CardForm empty() {
            return new CardForm("", "", "", "");
        }
    }

    /**
     * The card page opens once, as GOV.UK Pay's does (its frontend spends the one-time token in the
     * address on the first open): any later open is told the link has expired and can take nothing,
     * so a Townhall that sent a resident back to the same address would be caught here.
     */
    @GetMapping("/sandbox-pay/{id}")
    String page(@PathVariable String id, @AuthenticationPrincipal SignedInUser resident, Model model,
                HttpServletResponse response) {
        Charge charge = charge(id, resident);
        if (!sandbox().opened(id)) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("payment", charge.payment());
            return "payments/sandbox-expired";
        }
        return show(charge, CardForm.empty(), model);
    }

    @PostMapping("/sandbox-pay/{id}")
    String pay(@PathVariable String id, @Validated @ModelAttribute("form") CardForm form, BindingResult errors,
               @AuthenticationPrincipal SignedInUser resident, Model model) {
        Charge charge = charge(id, resident);
        String digits = form.cardNumber() == null ? "" : form.cardNumber().replaceAll("[\\s-]", "");
        if (!errors.hasFieldErrors("cardNumber") && (!digits.matches("[0-9]{12,19}") || !luhn(digits))) {
            errors.rejectValue("cardNumber", "invalid", "Enter a valid card number");
        }
        if (!errors.hasFieldErrors("expiry") && !form.expiry().trim().matches("(0[1-9]|1[0-2]) ?/ ?[0-9]{2}")) {
            errors.rejectValue("expiry", "invalid", "Enter the expiry date as MM/YY, for example 04/29");
        }
        if (!errors.hasFieldErrors("securityCode") && !form.securityCode().trim().matches("[0-9]{3,4}")) {
            errors.rejectValue("securityCode", "invalid", "Enter the 3 or 4 digit security code");
        }
        if (errors.hasErrors()) {
            return show(charge, form, model);
        }
        // As GOV.UK Pay: the card is authorised now and the payer confirms on the next page; a
        // declined card or a provider error goes straight back to Townhall, nothing taken.
        if (sandbox().authorise(id, digits).filter("submitted"::equals).isPresent()) {
            return "redirect:/sandbox-pay/" + charge.atProvider().providerId() + "/confirm";
        }
        return backToTownhall(charge);
    }

    /** "Confirm your payment": what is paid, for what, with which card; nothing is taken until the payer confirms. */
    @GetMapping("/sandbox-pay/{id}/confirm")
    String confirmation(@PathVariable String id, @AuthenticationPrincipal SignedInUser resident, Model model) {
        Charge charge = charge(id, resident);
        if (!"submitted".equals(charge.atProvider().status())) {
            return backToTownhall(charge);
        }
        model.addAttribute("payment", charge.payment());
        model.addAttribute("providerId", charge.atProvider().providerId());
        model.addAttribute("cardLast4", charge.atProvider().cardLast4());
        return "payments/sandbox-confirm";
    }

    /** Sent twice (a double click, a reload), the second finds nothing waiting and takes nothing. */
    @PostMapping("/sandbox-pay/{id}/confirm")
    String confirm(@PathVariable String id, @AuthenticationPrincipal SignedInUser resident) {
        Charge charge = charge(id, resident);
        sandbox().confirm(charge.atProvider().providerId());
        return backToTownhall(charge);
    }

    @PostMapping("/sandbox-pay/{id}/cancel")
    String cancel(@PathVariable String id, @AuthenticationPrincipal SignedInUser resident) {
        Charge charge = charge(id, resident);
        sandbox().cancelledOnCardPage(id);
        return backToTownhall(charge);
    }

    private record Charge(PaymentView payment, SandboxProvider.Charge atProvider) {
    }

    private String show(Charge charge, CardForm form, Model model) {
        model.addAttribute("payment", charge.payment());
        model.addAttribute("form", form);
        model.addAttribute("finished", charge.atProvider().finished());
        model.addAttribute("providerId", charge.atProvider().providerId());
        return "payments/sandbox-card";
    }

    /** Back to the return address Townhall gave the provider: on this site, so only its path is used. */
    private static String backToTownhall(Charge charge) {
        return "redirect:" + URI.create(charge.atProvider().returnUrl()).getRawPath();
    }

    private Charge charge(String id, SignedInUser resident) {
        Optional<PaymentView> payment = provider instanceof SandboxProvider
                ? payments.byProviderId(id, Payers.refs(resident)) : Optional.empty();
        return payment.flatMap(p -> sandbox().charge(id).map(c -> new Charge(p, c)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private SandboxProvider sandbox() {
        return (SandboxProvider) provider;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
