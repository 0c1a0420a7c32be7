package org.townhall.payments.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.payments.PaymentView;
import org.townhall.payments.Payments;

/** The resident's side of a payment: coming back from the card page, the receipt, and every payment they made. */
@Controller
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    /**
     * The provider sends the resident back here. Only the payment's own reference is in the URL,
     * and where it goes next is this site's receipt page: nothing the browser sends can redirect it
     * elsewhere. Reloading it settles nothing twice.
     */
    @GetMapping("/payments/{ref}/return")
    String returned(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident) {
        PaymentView payment = mine(ref, resident);
        return "redirect:" + Payments.receiptPath(payment.ref());
    }

    /**
     * Every payment the signed-in resident has made online, newest first, and whether each went
     * through: after an outage, the one place to see what was taken.
     */
    @GetMapping("/payments")
    String list(@AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("payments", payments.ofResident(resident.ref()));
        return "payments/list";
    }

    @GetMapping("/payments/{ref}")
    String receipt(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("payment", mine(ref, resident));
        return "payments/receipt";
    }

    /**
     * Back to the provider's card page of the resident's own payment they have not finished; once
     * it has finished (or can no longer be), its receipt. Where it goes is the address the provider
     * gave when the payment was created, never one the browser sent.
     */
    @GetMapping("/payments/{ref}/continue")
    String carryOn(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident) {
        PaymentView payment = mine(ref, resident);
        return payments.resume(payment.ref(), resident.ref()).map(started -> "redirect:" + started.nextUrl())
                .orElse("redirect:" + Payments.receiptPath(payment.ref()));
    }

    private PaymentView mine(String ref, SignedInUser resident) {
        return payments.receipt(ref, resident == null ? null : resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
