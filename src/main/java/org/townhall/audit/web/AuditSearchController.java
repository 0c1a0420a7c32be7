package org.townhall.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditInvestigations;
import org.townhall.audit.AuditQuery;
import org.townhall.audit.AuditTrail;

/** Security analysts and auditors search, export and verify the trail. */
@Controller
@RequestMapping("/staff/audit")
@PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
class AuditSearchController {

    private final AuditInvestigations investigations;
    private final AuditTrail trail;

    AuditSearchController(AuditInvestigations investigations, AuditTrail trail) {
        this.investigations = investigations;
        this.trail = trail;
    }

    @ModelAttribute("actions")
    AuditAction[] actions() {
        return AuditAction.values();
    }

    @GetMapping
    String search(@Valid @ModelAttribute("form") AuditSearchForm form, BindingResult errors,
                  Authentication staff, Model model) {
        if (!errors.hasErrors() && form.asked()) {
            AuditInvestigations.Outcome<AuditQuery> query = investigations.query(form.actor(), form.subject(),
                    form.clientAddress(), form.action(), form.from(), form.to());
            if (query.error() != null) {
                errors.reject("query", query.error());
            } else {
                model.addAttribute("results", investigations.search(query.value(), staff.getName()));
                model.addAttribute("limit", AuditTrail.PAGE_LIMIT);
            }
        }
        return "audit/search";
    }

    @GetMapping("/export.csv")
    void export(@Valid @ModelAttribute("form") AuditSearchForm form, BindingResult errors,
                Authentication staff, HttpServletResponse response) throws IOException {
        AuditInvestigations.Outcome<AuditQuery> query = errors.hasErrors()
                ? AuditInvestigations.Outcome.failed("invalid")
                : investigations.query(form.actor(), form.subject(), form.clientAddress(), form.action(), form.from(), form.to());
        if (query.error() != null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-trail.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        investigations.export(query.value(), staff.getName(), out);
    }

    @PostMapping("/verify")
    String verify(Authentication staff, Model model) {
        model.addAttribute("form", AuditSearchForm.empty());
        model.addAttribute("verification", investigations.verify(staff.getName()));
        return "audit/search";
    }
}
