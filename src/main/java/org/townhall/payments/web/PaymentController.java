package org.townhall.payments.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.payments.GuestPayers;
import org.townhall.payments.PaymentConflict;
import org.townhall.payments.PaymentView;
import org.townhall.payments.Payments;
import org.townhall.payments.PaymentsUnavailable;
import org.townhall.payments.UnfinishedPayments;
import org.townhall.payments.WouldOverpay;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.Money;

/** The resident's side of a payment: coming back from the card page, the receipt, and every payment they made. */
@Controller
class PaymentController {

    private final Payments payments;
    private final UnfinishedPayments unfinished;

    PaymentController(Payments payments, UnfinishedPayments unfinished) {
        this.payments = payments;
        this.unfinished = unfinished;
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
        PaymentView payment = mine(ref, resident);
        model.addAttribute("payment", payment);
        model.addAttribute("guest", GuestPayers.isGuest(payment.residentRef()));
        if (payment.canContinue()) {
            model.addAttribute("idempotencyKey", Payments.newIdempotencyKey());
        }
        return "payments/receipt";
    }

    /**
     * On to a card page that works for the resident's own payment they have not finished: its own
     * if nobody has opened it, else a new payment for the same in its place (the provider's card
     * page opens once); its receipt once it has been paid, is with the bank or has finished. Where
     * it goes is an address the provider gave, never one the browser sent.
     */
    @PostMapping("/payments/{ref}/continue")
    String carryOn(@PathVariable String ref, @RequestParam(required = false) String idempotencyKey,
                   @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        List<String> payerRefs = Payers.refs(resident);
        try {
            return unfinished.continueAnew(ref, payerRefs, idempotencyKey, ClientOrigin.of(request))
                    .map(started -> "redirect:" + started.nextUrl())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        } catch (PaymentConflict e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        } catch (WouldOverpay e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", e.availablePence() == 0
                    ? "Payments started since would already pay all that is owed, so this one cannot be continued. "
                    + "Check your payments before paying again"
                    : "Payments started since leave only " + Money.pounds(e.availablePence()) + " to pay, so this one cannot be "
                    + "continued. Go back and start a new payment for no more than that");
        } catch (PaymentsUnavailable e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "300");
            model.addAttribute("problem", "Online payments are not available at the moment. Try again in a few minutes");
        }
        return receipt(ref, resident, model);
    }

    /** An address from a page older than the continue button, which now sends a form: the receipt, which has it. */
    @GetMapping("/payments/{ref}/continue")
    String carryOnFromAnOldPage(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident) {
        return "redirect:" + Payments.receiptPath(mine(ref, resident).ref());
    }

    private PaymentView mine(String ref, SignedInUser resident) {
        return payments.receipt(ref, Payers.refs(resident))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
