package org.townhall.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townhall.accounts.AccountOutcome;
import org.townhall.accounts.PasswordResetRequests;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.platform.ClientOrigin;

/** "Forgotten your password?": an emailed single-use link, then a new password. */
@Controller
class PasswordResetController {

    private final ResidentAccounts accounts;
    private final PasswordResetRequests resetRequests;

    PasswordResetController(ResidentAccounts accounts, PasswordResetRequests resetRequests) {
        this.accounts = accounts;
        this.resetRequests = resetRequests;
    }

    @GetMapping("/forgot-password")
    String form(Model model) {
        model.addAttribute("form", Forms.ForgotPassword.empty());
        return "accounts/forgot-password";
    }

    /** Only queues the request: the same answer, in the same time, whether or not the address has an account. */
    @PostMapping("/forgot-password")
    String request(@Valid @ModelAttribute("form") Forms.ForgotPassword form, BindingResult errors, HttpServletRequest request) {
        if (errors.hasErrors()) {
            return "accounts/forgot-password";
        }
        resetRequests.request(form.email(), ClientOrigin.of(request));
        return "redirect:/check-your-email";
    }

    @GetMapping("/reset-password")
    String resetForm(@RequestParam(name = "token", required = false) String token, Model model) {
        if (!accounts.isResetLinkUsable(token)) {
            return "accounts/link-expired";
        }
        model.addAttribute("form", new Forms.NewPassword(token, ""));
        return "accounts/reset-password";
    }

    @PostMapping("/reset-password")
    String reset(@Valid @ModelAttribute("form") Forms.NewPassword form, BindingResult errors) {
        if (errors.hasFieldErrors("token")) {
            return "accounts/link-expired";
        }
        if (errors.hasErrors()) {
            return "accounts/reset-password";
        }
        AccountOutcome outcome = accounts.resetPassword(form.token(), form.password());
        if (!outcome.isDone()) {
            if ("token".equals(outcome.field())) {
                return "accounts/link-expired";
            }
            errors.rejectValue(outcome.field(), "refused", outcome.message());
            return "accounts/reset-password";
        }
        return "redirect:/sign-in?passwordChanged";
    }
}
