package org.townhall.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.townhall.platform.CouncilProperties;
import org.townhall.platform.HtmlPdf;
import org.townhall.reports.CommitteeReport;
import org.townhall.reports.CommitteeReports;
import org.townhall.reports.ReportPeriod;

/** Auditors and security analysts generate the audit committee's report: page, PDF, CSV. */
@Controller
@RequestMapping("/staff/reports")
@PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
class ReportController {

    private final CommitteeReports reports;
    private final ITemplateEngine templates;
    private final CouncilProperties council;

    ReportController(CommitteeReports reports, ITemplateEngine templates, CouncilProperties council) {
        this.reports = reports;
        this.templates = templates;
        this.council = council;
    }

    @GetMapping
    String page(@RequestParam(required = false) String period, Authentication staff, Model model, HttpServletResponse response) {
        model.addAttribute("period", period == null ? "" : period);
        if (period != null && !period.isBlank()) {
            ReportPeriod chosen = ReportPeriod.parse(period).orElse(null);
            if (chosen == null) {
                model.addAttribute("error", "Enter a month like 2026-07, a quarter like 2026-Q3 or a year like 2026");
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            } else {
                CommitteeReport report = reports.generate(chosen, staff.getName(), "page");
                model.addAttribute("report", report);
                model.addAttribute("charts", Charts.of(report));
                model.addAttribute("chartSources", chartSources(report, false));
            }
        }
        return "reports/report";
    }

    @GetMapping("/{period}/charts/{chart}.png")
    ResponseEntity<byte[]> chart(@PathVariable String period, @PathVariable String chart) {
        ReportPeriod chosen = ReportPeriod.parse(period).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Charts.Chart drawn = Charts.named(reports.figures(chosen), chart).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().header("Content-Type", "image/png").header("Cache-Control", "no-store").body(Charts.png(drawn));
    }

    @GetMapping("/{period}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String period, Authentication staff) {
        ReportPeriod chosen = ReportPeriod.parse(period).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        CommitteeReport report = reports.generate(chosen, staff.getName(), "pdf");
        Context context = new Context();
        context.setVariable("report", report);
        context.setVariable("charts", Charts.of(report));
        context.setVariable("chartSources", chartSources(report, true));
        context.setVariable("council", council);
        byte[] pdf = HtmlPdf.render(templates.process("reports/report-pdf", context));
        return ResponseEntity.ok().header("Content-Type", "application/pdf").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"audit-committee-report-" + chosen.code() + ".pdf\"").body(pdf);
    }

    @GetMapping("/{period}.csv")
    void csv(@PathVariable String period, Authentication staff, HttpServletResponse response) throws IOException {
        ReportPeriod chosen = ReportPeriod.parse(period).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        CommitteeReport report = reports.generate(chosen, staff.getName(), "csv");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-committee-report-" + chosen.code() + ".csv\"");
        response.setHeader("Cache-Control", "no-store");
        reports.csv(report, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** Where each chart's image comes from: its address on the page, the image itself inside the PDF. */
    private static Map<String, String> chartSources(CommitteeReport report, boolean inline) {
        Map<String, String> sources = new LinkedHashMap<>();
        Charts.of(report).forEach((name, chart) -> sources.put(name, inline
                ? "data:image/png;base64," + Base64.getEncoder().encodeToString(Charts.png(chart))
                : "/staff/reports/" + report.period().code() + "/charts/" + name + ".png"));
        return sources;
    }
}
