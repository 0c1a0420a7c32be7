package org.townhall.incidents.web;

import jakarta.servlet.http.HttpServletResponse;
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
import org.townhall.incidents.ApiTokens;

/** Security analysts and auditors issue and revoke their own personal API tokens. */
@Controller
@RequestMapping("/staff/api-tokens")
@PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    String list(Authentication staff, Model model) {
        model.addAttribute("tokens", tokens.of(staff.getName()));
        return "incidents/api-tokens";
    }

    /** The new token is shown on this answer and nowhere else, ever: no redirect carries it. */
    @PostMapping
    String issue(@RequestParam(required = false) String label, Authentication staff, Model model, HttpServletResponse response) {
        Optional<ApiTokens.Issued> issued = tokens.issue(staff.getName(), label);
        if (issued.isEmpty()) {
            model.addAttribute("error", "Name the token (for example, the tool that will use it) in 100 characters or fewer");
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } else {
            model.addAttribute("issued", issued.get().secret());
            response.setHeader("Cache-Control", "no-store");
        }
        model.addAttribute("tokens", tokens.of(staff.getName()));
        return "incidents/api-tokens";
    }

    @PostMapping("/{ref}/revoke")
    String revoke(@PathVariable String ref, Authentication staff) {
        tokens.revoke(ref, staff.getName());
        return "redirect:/staff/api-tokens?revoked";
    }
}
