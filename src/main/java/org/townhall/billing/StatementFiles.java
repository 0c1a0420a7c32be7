package org.townhall.billing;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.townhall.audit.Csv;
import org.townhall.platform.Money;

/** A statement as a file the resident keeps: CSV for a spreadsheet, PDF to print. */
public final class StatementFiles {

    private StatementFiles() {
    }

    /** The heading facts of a statement: council, account, and what it sums to. */
    public record Heading(String council, String title, String account, String property, long balancePence, long arrearsPence) {
    }

    public static byte[] csv(List<StatementLine> lines) {
        StringBuilder out = new StringBuilder(Csv.line("date", "description", "charged_pence", "paid_pence", "balance_pence"));
        for (StatementLine line : lines) {
            out.append(Csv.line(line.date().toString(), line.description(),
                    line.charge() ? Long.toString(line.amountPence()) : "",
                    line.charge() ? "" : Long.toString(-line.amountPence()), Long.toString(line.balancePence())));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] pdf(Heading heading, List<StatementLine> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(document, bytes);
            document.addTitle(heading.title());
            document.addAuthor(heading.council());
            document.open();
            Font big = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
            Font plain = FontFactory.getFont(FontFactory.HELVETICA, 10);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
            document.add(new Paragraph(heading.council(), plain));
            document.add(new Paragraph(heading.title(), big));
            document.add(new Paragraph(heading.account(), plain));
            document.add(new Paragraph(heading.property(), plain));
            document.add(new Paragraph("Balance: " + Money.pounds(heading.balancePence())
                    + (heading.arrearsPence() > 0 ? "   Overdue: " + Money.pounds(heading.arrearsPence()) : ""), bold));
            document.add(new Paragraph(" ", plain));
            PdfPTable table = new PdfPTable(new float[] {2, 6, 2, 2, 2});
            table.setWidthPercentage(100);
            for (String header : List.of("Date", "Description", "Charged", "Paid", "Balance")) {
                table.addCell(new PdfPCell(new Phrase(header, bold)));
            }
            for (StatementLine line : lines) {
                table.addCell(new Phrase(line.date().toString(), plain));
                table.addCell(new Phrase(line.description(), plain));
                table.addCell(right(line.charge() ? Money.pounds(line.amountPence()) : "", plain));
                table.addCell(right(line.charge() ? "" : Money.pounds(-line.amountPence()), plain));
                table.addCell(right(Money.pounds(line.balancePence()), plain));
            }
            document.add(table);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Could not write the statement", e);
        }
        return bytes.toByteArray();
    }

    private static PdfPCell right(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }
}
