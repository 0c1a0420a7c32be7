package org.townhall.shield.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townhall.platform.ClientOrigin;
import org.townhall.shield.AddressRules;

/** Security analysts block and allow addresses and ranges, each rule with a reason and an expiry. */
@Controller
@RequestMapping("/staff/shield")
@PreAuthorize("hasRole('SECURITY_ANALYST')")
class AddressRulesController {

    private final AddressRules rules;

    AddressRulesController(AddressRules rules) {
        this.rules = rules;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rules", rules.active());
        return "shield/rules";
    }

    @PostMapping
    String add(@RequestParam(required = false) String kind, @RequestParam(required = false) String range,
               @RequestParam(required = false) String reason, @RequestParam(required = false) String hours,
               Authentication staff, HttpServletRequest request, Model model) {
        AddressRules.Kind chosen = "ALLOW".equals(kind) ? AddressRules.Kind.ALLOW : AddressRules.Kind.BLOCK;
        Duration lasts;
        try {
            lasts = Duration.ofHours(Long.parseLong(hours == null ? "" : hours.trim()));
        } catch (NumberFormatException e) {
            lasts = Duration.ZERO;
        }
        Optional<String> refused = chosen == AddressRules.Kind.BLOCK
                ? rules.refusedBlock(range, ClientOrigin.of(request).clientAddress(), staff.getName()) : Optional.empty();
        if (refused.isEmpty() && rules.add(chosen, range, reason, lasts, staff.getName()).isPresent()) {
            return "redirect:/staff/shield?added";
        }
        model.addAttribute("rules", rules.active());
        model.addAttribute("error", refused.isPresent() ? refused.get() : "Enter an address or range such as 203.0.113.7 or 203.0.113.0/24, a reason of up to 300 "
                + "characters, and how many hours the rule lasts (1 to " + AddressRules.LONGEST.toHours() + ")");
        model.addAttribute("range", range);
        model.addAttribute("reason", reason);
        model.addAttribute("hours", hours);
        return "shield/rules";
    }

    @PostMapping("/{ref}/remove")
    String remove(@PathVariable String ref, Authentication staff) {
        rules.remove(ref, staff.getName());
        return "redirect:/staff/shield?removed";
    }
}
