package org.townhall.reports.web;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.townhall.audit.AuditFigures;
import org.townhall.incidents.IncidentKind;
import org.townhall.reports.CommitteeReport;

/**
 * The report's charts, drawn on the server as PNG so the page needs no script. Each chart's
 * figures are also in the table beside it, and its alternative text says what it shows.
 */
public final class Charts {

    /** A chart the report draws: its name in the address, its title and its figures. */
    public record Chart(String name, String title, String valueAxis, Map<String, Long> figures) {
        public String alt() {
            long total = figures.values().stream().mapToLong(Long::longValue).sum();
            String largest = figures.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(e -> e.getValue() > 0).map(e -> "; the largest is " + e.getKey() + " with " + e.getValue()).orElse("");
            return "Bar chart: " + title + ", " + total + " in all" + largest + ". The table beside it gives every figure.";
        }
    }

    private Charts() {
    }

    static Map<String, Chart> of(CommitteeReport report) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (IncidentKind kind : IncidentKind.values()) {
            kinds.put(kind.title(), report.incidents().byKind().get(kind));
        }
        charts.put("incidents-by-kind", new Chart("incidents-by-kind", "Incidents opened, by kind", "Incidents", kinds));
        AuditFigures.PeriodFigures t = report.trail();
        Map<String, Long> refused = new LinkedHashMap<>();
        refused.put("Shield refusals", report.shieldRefusalsTotal());
        refused.put("Throttled sign-ins", t.throttledSignIns());
        refused.put("Evidence requests refused", t.evidenceRequestsRefused());
        refused.put("Dangerous files refused", t.filesRefused());
        refused.put("Addresses blocked", t.addressesBlocked());
        refused.put("Flood minutes", t.floodMinutes());
        charts.put("attacks-refused", new Chart("attacks-refused", "Attacks refused", "Count", refused));
        Map<String, Long> downtime = new LinkedHashMap<>();
        report.downtime().forEach((service, d) -> downtime.put(service.title(), d.minutes()));
        charts.put("downtime", new Chart("downtime", "Minutes each resident service was off or read only", "Minutes", downtime));
        return charts;
    }

    static Optional<Chart> named(CommitteeReport report, String name) {
        return Optional.ofNullable(of(report).get(name));
    }

    static byte[] png(Chart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        chart.figures().forEach((label, value) -> data.addValue(value, chart.valueAxis(), label));
        JFreeChart drawn = ChartFactory.createBarChart(chart.title(), null, chart.valueAxis(), data, PlotOrientation.HORIZONTAL,
                false, false, false);
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        CategoryPlot plot = drawn.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xb1b4b6));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        // GOV.UK blue on white: a contrast of 7.6 to 1.
        bars.setSeriesPaint(0, new Color(0x1d70b8));
        bars.setShadowVisible(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, drawn, 720, Math.max(220, 60 + 36 * chart.figures().size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
