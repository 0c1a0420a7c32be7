package org.townhall.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.townhall.audit.Csv;
import org.townhall.platform.TaggedPdfs;

/** A statement as a file the resident keeps: CSV for a spreadsheet, a tagged PDF to read or print. */
@Component
public class StatementFiles {

    /** The statement page's date, which spreadsheets set to UK English also read as a date. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    /** A byte order mark, so a spreadsheet opens the file as UTF-8 and shows "£" in the header, not "Â£". */
    private static final String BOM = "\uFEFF";

    private final TaggedPdfs pdfs;
    private final Clock clock;

    StatementFiles(TaggedPdfs pdfs, Clock clock) {
        this.pdfs = pdfs;
        this.clock = clock;
    }

    /** The heading facts of a statement: council, account, and what it sums to. */
    public record Heading(String council, String title, String account, String property, long balancePence, long arrearsPence) {
    }

    /**
     * Every line with the page's words for its columns and amounts in pounds as plain numbers
     * ("12.50"), which a spreadsheet adds up; a description that looks like a formula is shown,
     * never run (Csv).
     */
    public static byte[] csv(List<StatementLine> lines) {
        StringBuilder out = new StringBuilder(BOM)
                .append(Csv.line("Date", "Description", "Charged (£)", "Paid (£)", "Balance (£)"));
        for (StatementLine line : lines) {
            out.append(Csv.line(DATE.format(line.date()), line.description(),
                    line.charge() ? pounds(line.amountPence()) : "",
                    line.charge() ? "" : pounds(-line.amountPence()), pounds(line.balancePence())));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 1250 → "12.50"; -1250 → "-12.50": a number, with no "£" or thousands comma for a spreadsheet to trip on. */
    static String pounds(long pence) {
        long abs = Math.abs(pence);
        return (pence < 0 ? "-" : "") + abs / 100 + "." + String.format("%02d", abs % 100);
    }

    public byte[] pdf(Heading heading, List<StatementLine> lines) {
        return pdfs.render("statement", Map.of("heading", heading, "lines", lines,
                "madeOn", LocalDate.now(clock.withZone(ZoneId.of("Europe/London")))));
    }
}
