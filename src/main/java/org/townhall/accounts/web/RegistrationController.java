package org.townhall.accounts.web;

import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townhall.accounts.AccountOutcome;
import org.townhall.accounts.ResidentAccounts;

/** Creating a resident account and confirming its email address. */
@Controller
class RegistrationController {

    private final ResidentAccounts accounts;

    RegistrationController(ResidentAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("form", Forms.Registration.empty());
        return "accounts/register";
    }

    @PostMapping("/register")
    String register(@Valid @ModelAttribute("form") Forms.Registration form, BindingResult errors) {
        if (errors.hasErrors()) {
            return "accounts/register";
        }
        AccountOutcome outcome = accounts.register(form.fullName(), form.email(), form.password());
        if (!outcome.isDone()) {
            errors.rejectValue(outcome.field(), "refused", outcome.message());
            return "accounts/register";
        }
        return "redirect:/check-your-email";
    }

    @GetMapping("/check-your-email")
    String checkYourEmail() {
        return "accounts/check-your-email";
    }

    /** The emailed link is a GET: confirming is idempotent for the resident, and the token is single-use. */
    @GetMapping("/confirm-email")
    String confirm(@RequestParam(name = "token", required = false) String token, Model model) {
        model.addAttribute("confirmed", accounts.confirmEmail(token));
        return "accounts/email-confirmed";
    }
}
