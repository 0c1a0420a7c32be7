package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.accounts.SignedInUser;
import org.townhall.billing.AccountKind;
import org.townhall.billing.Activation;
import org.townhall.billing.ActivationResult;
import org.townhall.platform.ClientOrigin;

/**
 * A link waiting for its activation code: enter the code from the letter, or ask for a new one.
 * Only the resident who asked sees the page; it shows nothing of the account but its reference.
 */
@Controller
class ActivationController {

    private static final String VIEW = "billing/activate";

    private final Activation activation;

    ActivationController(Activation activation) {
        this.activation = activation;
    }

    @GetMapping("/council-tax/{ref}/activate")
    String councilTax(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, Model model) {
        return page(AccountKind.COUNCIL_TAX, ref, resident, Forms.ActivationCode.empty(), model);
    }

    @GetMapping("/rent/{ref}/activate")
    String rent(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, Model model) {
        return page(AccountKind.RENT, ref, resident, Forms.ActivationCode.empty(), model);
    }

    @PostMapping("/council-tax/{ref}/activate")
    String activateCouncilTax(@PathVariable String ref, @Valid @ModelAttribute("form") Forms.ActivationCode form, BindingResult errors,
                              @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request,
                              HttpServletResponse response, Model model) {
        return activate(AccountKind.COUNCIL_TAX, ref, form, errors, resident, request, response, model);
    }

    @PostMapping("/rent/{ref}/activate")
    String activateRent(@PathVariable String ref, @Valid @ModelAttribute("form") Forms.ActivationCode form, BindingResult errors,
                        @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        return activate(AccountKind.RENT, ref, form, errors, resident, request, response, model);
    }

    @PostMapping("/council-tax/{ref}/activate/letter")
    String letterForCouncilTax(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request,
                               HttpServletResponse response, Model model) {
        return newLetter(AccountKind.COUNCIL_TAX, ref, resident, request, response, model);
    }

    @PostMapping("/rent/{ref}/activate/letter")
    String letterForRent(@PathVariable String ref, @AuthenticationPrincipal SignedInUser resident, HttpServletRequest request,
                         HttpServletResponse response, Model model) {
        return newLetter(AccountKind.RENT, ref, resident, request, response, model);
    }

    private String page(AccountKind kind, String ref, SignedInUser resident, Forms.ActivationCode form, Model model) {
        if (activation.holds(kind, ref, resident.ref())) {
            return "redirect:" + kind.path() + ref;
        }
        model.addAttribute("link", activation.pending(kind, ref, resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("form", form);
        return VIEW;
    }

    private String activate(AccountKind kind, String ref, Forms.ActivationCode form, BindingResult errors, SignedInUser resident,
                            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (errors.hasErrors()) {
            return page(kind, ref, resident, form, model);
        }
        ActivationResult result = activation.activate(kind, ref, resident.ref(), form.code(), ClientOrigin.of(request));
        if (result instanceof ActivationResult.Activated activated) {
            return "redirect:" + activated.accountPath() + "?activated";
        }
        if (result instanceof ActivationResult.NotWaiting) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (result instanceof ActivationResult.TryLater later) {
            long seconds = Math.max(1, later.retryAfter().toSeconds());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            errors.rejectValue("code", "throttled", "There have been too many attempts. Try again in " + (seconds + 59) / 60 + " minutes");
        } else if (result instanceof ActivationResult.Refused refused) {
            errors.rejectValue("code", "refused", refused.message());
        }
        model.addAttribute("link", activation.pending(kind, ref, resident.ref())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return VIEW;
    }

    private String newLetter(AccountKind kind, String ref, SignedInUser resident, HttpServletRequest request,
                             HttpServletResponse response, Model model) {
        ActivationResult result = activation.newLetter(kind, ref, resident.ref(), ClientOrigin.of(request));
        if (result instanceof ActivationResult.NotWaiting) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (result instanceof ActivationResult.LetterPosted) {
            return "redirect:" + kind.path() + ref + "/activate?posted";
        }
        // Asked too soon, or no address to post to: nothing was posted, and the page says why.
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("letterProblem", ((ActivationResult.Refused) result).message());
        return page(kind, ref, resident, Forms.ActivationCode.empty(), model);
    }
}
