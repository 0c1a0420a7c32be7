package org.townhall.accounts.web;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.townhall.accounts.AccountActivity;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.accounts.ResidentServices;
import org.townhall.accounts.SignedInUser;

/** "Your account": details, services, recent activity and devices, sign out everywhere. */
@Controller
class AccountController {

    private final ResidentAccounts accounts;
    private final AccountActivity activity;
    private final List<ResidentServices> services;

    AccountController(ResidentAccounts accounts, AccountActivity activity, List<ResidentServices> services) {
        this.accounts = accounts;
        this.activity = activity;
        this.services = services;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal SignedInUser resident, Model model) {
        model.addAttribute("profile", accounts.profile(resident.ref()).orElseThrow());
        model.addAttribute("devices", accounts.devices(resident.ref()));
        model.addAttribute("activity", activity.of(resident.ref()));
        model.addAttribute("services", services.stream().flatMap(s -> s.servicesFor(resident.ref()).stream()).toList());
        return "accounts/account";
    }

    @PostMapping("/account/sign-out-everywhere")
    String signOutEverywhere(@AuthenticationPrincipal SignedInUser resident) {
        accounts.signOutEverywhere(resident.ref());
        return "redirect:/sign-in?signedOutEverywhere";
    }
}
