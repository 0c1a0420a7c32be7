package org.townhall.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.townhall.billing.AccountHolders;
import org.townhall.billing.RemovalReason;
import org.townhall.platform.ClientOrigin;

/** Finance officers: who holds a council tax or rent account, and removing one of them. */
@Controller
@RequestMapping("/staff/billing")
@PreAuthorize("hasRole('FINANCE_OFFICER')")
class HoldersController {

    private final AccountHolders holders;

    HoldersController(AccountHolders holders) {
        this.holders = holders;
    }

    @GetMapping
    String find(@RequestParam(required = false) String reference, Authentication staff, Model model) {
        model.addAttribute("reference", reference == null ? "" : reference);
        model.addAttribute("reasons", RemovalReason.values());
        if (reference != null && !reference.isBlank()) {
            if (reference.length() > 20) {
                model.addAttribute("error", "Enter an 8-digit account number or a tenancy reference such as T4000123");
            } else {
                holders.forFinanceOfficer(reference, staff.getName()).ifPresentOrElse(a -> model.addAttribute("account", a),
                        () -> model.addAttribute("error", "No council tax or rent account has that reference"));
            }
        }
        return "staff/billing-holders";
    }

    @PostMapping("/holders/{ref}/remove")
    String remove(@PathVariable String ref, @RequestParam(required = false) String reason, Authentication staff,
                  HttpServletRequest request) {
        Optional<RemovalReason> why = Arrays.stream(RemovalReason.values()).filter(r -> r.name().equals(reason)).findFirst();
        if (why.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose why the holder is removed");
        }
        String reference = holders.remove(ref, why.get(), staff.getName(), ClientOrigin.of(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return "redirect:/staff/billing?removed&reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8);
    }
}
