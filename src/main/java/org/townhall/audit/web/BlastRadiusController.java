package org.townhall.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.townhall.audit.AuditInvestigations;
import org.townhall.audit.AuditQuery;

/** "Whose evidence did this address, this account, in this window read?", answered from the trail. */
@Controller
@RequestMapping("/staff/audit/blast-radius")
@PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
class BlastRadiusController {

    private final AuditInvestigations investigations;

    BlastRadiusController(AuditInvestigations investigations) {
        this.investigations = investigations;
    }

    @GetMapping
    String ask(@Valid @ModelAttribute("form") AuditSearchForm form, BindingResult errors, Authentication staff, Model model) {
        if (!errors.hasErrors() && form.asked()) {
            AuditInvestigations.Outcome<AuditQuery> query = query(form);
            if (query.error() != null) {
                errors.reject("query", query.error());
            } else {
                model.addAttribute("radius", investigations.blastRadius(query.value(), staff.getName()));
            }
        }
        return "audit/blast-radius";
    }

    @GetMapping("/export.csv")
    void export(@Valid @ModelAttribute("form") AuditSearchForm form, BindingResult errors, Authentication staff,
                HttpServletResponse response) throws IOException {
        AuditInvestigations.Outcome<AuditQuery> query = errors.hasErrors() ? AuditInvestigations.Outcome.failed("invalid") : query(form);
        if (query.error() != null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"evidence-blast-radius.csv\"");
        response.setHeader("Cache-Control", "no-store");
        investigations.exportBlastRadius(query.value(), staff.getName(),
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    private AuditInvestigations.Outcome<AuditQuery> query(AuditSearchForm form) {
        return investigations.query(form.actor(), form.subject(), form.clientAddress(), null, form.from(), form.to());
    }
}
