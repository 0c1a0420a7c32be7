package org.townhall.accounts.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.townhall.accounts.SignedInUser;

/** The staff start page: the tools each of the staff member's roles opens. */
@Controller
@PreAuthorize("hasRole('STAFF')")
class StaffHomeController {

    @GetMapping("/staff")
    String home(@AuthenticationPrincipal SignedInUser staff, Model model) {
        model.addAttribute("staff", staff);
        return "staff/home";
    }
}
