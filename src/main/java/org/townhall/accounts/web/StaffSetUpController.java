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
import org.townhall.accounts.StaffAccounts;

/** A new staff member chooses a password through the link an administrator's action sent them. */
@Controller
class StaffSetUpController {

    private final StaffAccounts staff;

    StaffSetUpController(StaffAccounts staff) {
        this.staff = staff;
    }

    @GetMapping("/staff/set-up")
    String form(@RequestParam(name = "token", required = false) String token, Model model) {
        if (!staff.isSetUpLinkUsable(token)) {
            return "accounts/link-expired";
        }
        model.addAttribute("form", new Forms.NewPassword(token, ""));
        return "staff/set-up";
    }

    @PostMapping("/staff/set-up")
    String setUp(@Valid @ModelAttribute("form") Forms.NewPassword form, BindingResult errors) {
        if (errors.hasFieldErrors("token")) {
            return "accounts/link-expired";
        }
        if (errors.hasErrors()) {
            return "staff/set-up";
        }
        AccountOutcome outcome = staff.setUpPassword(form.token(), form.password());
        if (!outcome.isDone()) {
            if ("token".equals(outcome.field())) {
                return "accounts/link-expired";
            }
            errors.rejectValue(outcome.field(), "refused", outcome.message());
            return "staff/set-up";
        }
        return "redirect:/staff/sign-in?passwordSet";
    }
}
