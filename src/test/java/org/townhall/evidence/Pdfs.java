package org.townhall.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * PDFs for upload tests, made on the spot: ordinary letters made with PDFBox as a word processor
 * would, and hostile ones that hide what they carry the ways real ones do (in object streams
 * under any filter, in name-escaped or hex-encoded forms, in attachments).
 */
public final class Pdfs {

    public static final String LETTER_TEXT = "Dear council, I was parked legally.";

    private Pdfs() {
    }

    /** A one-page letter with real text in a real font, as a word processor would make it. */
    public static byte[] letter() {
        return withPdfBox(document -> { });
    }

    /** A letter whose link annotation launches a program when clicked. */
    public static byte[] launchOnALink() {
        return withPdfBox(document -> {
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(50, 700, 200, 20));
            PDActionLaunch launch = new PDActionLaunch();
            launch.setF("C:\\Windows\\System32\\cmd.exe");
            link.setAction(launch);
            document.getPage(0).setAnnotations(List.of(link));
        });
    }

    /** A letter with document-level JavaScript in the names tree, run when it opens. */
    public static byte[] javaScriptInTheNamesTree() {
        return withPdfBox(document -> {
            PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
            scripts.setNames(Map.of("init", new PDActionJavaScript("app.launchURL('https://evil.example/')")));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setJavascript(scripts);
            document.getDocumentCatalog().setNames(names);
        });
    }

    /** A letter carrying a file attachment with the given content, compressed. */
    public static byte[] withEmbeddedFile(byte[] content) {
        return withPdfBox(document -> {
            PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(content), COSName.FLATE_DECODE);
            file.setSize(content.length);
            file.setCreationDate(Calendar.getInstance());
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("receipt.txt");
            spec.setEmbeddedFile(file);
            PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
            files.setNames(Map.of("receipt.txt", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(files);
            document.getDocumentCatalog().setNames(names);
        });
    }

    /** A letter whose page drawing instructions carry the given bytes in a comment, deflated as usual. */
    public static byte[] withInPageContent(String hidden) {
        return handWritten(Map.of(), "", "", ("BT /F1 12 Tf 72 720 Td (" + LETTER_TEXT + ") Tj ET\n% " + hidden + "\n")
                .getBytes(StandardCharsets.ISO_8859_1), COSName.FLATE_DECODE);
    }

    /** A letter locked with the given user password ("" opens without one, but it is still encrypted). */
    public static byte[] encrypted(String userPassword) {
        try (PDDocument document = letterDocument()) {
            document.protect(new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An open action running JavaScript, its dictionary hidden in an object stream under these filters. */
    public static byte[] openActionScriptUnder(COSName... filters) {
        return handWritten(Map.of(5, "<< /S /JavaScript /JS (app.launchURL\\('https://evil.example/'\\)) >>"),
                "/OpenAction 5 0 R", "", null, filters);
    }

    /** A link that launches a program, its annotation hidden in an object stream under these filters. */
    public static byte[] launchLinkUnder(COSName... filters) {
        return handWritten(Map.of(5, "<< /Type /Annot /Subtype /Link /Rect [50 700 250 720] /A << /S /Launch /F (cmd.exe) >> >>"),
                "", "/Annots [5 0 R]", null, filters);
    }

    /**
     * A one-page PDF written by hand with a cross-reference stream: catalog 1, pages 2, page 3,
     * contents 4, then {@code hidden} objects (from 5) inside one object stream encoded with
     * {@code filters}, then the font, the object stream and the cross-reference stream. When
     * {@code content} is given it is the page's contents, encoded with the same filters.
     */
    public static byte[] handWritten(Map<Integer, String> hidden, String catalogExtra, String pageExtra, byte[] content,
                                     COSName... filters) {
        byte[] drawing = content != null ? encode(content, filters)
                : ("BT /F1 12 Tf 72 720 Td (" + LETTER_TEXT + ") Tj ET").getBytes(StandardCharsets.ISO_8859_1);
        return handWrittenEncoded(hidden, catalogExtra, pageExtra, drawing, content != null ? filters : new COSName[0], filters);
    }

    /** As above, with the page's contents already encoded with {@code contentFilters}. */
    public static byte[] handWrittenEncoded(Map<Integer, String> hidden, String catalogExtra, String pageExtra, byte[] drawing,
                                            COSName[] contentFilters, COSName... filters) {
        Map<Integer, String> objects = new LinkedHashMap<>(hidden);
        int font = 5 + objects.size();
        int objectStream = font + 1;
        int xref = objectStream + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[xref + 1];
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        offsets[1] = out.size();
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>\nendobj\n");
        offsets[2] = out.size();
        write(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = out.size();
        write(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 " + font + " 0 R >> >> " + pageExtra + " >>\nendobj\n");
        offsets[4] = out.size();
        write(out, "4 0 obj\n<< /Length " + drawing.length + filterEntry(contentFilters) + " >>\nstream\n");
        out.writeBytes(drawing);
        write(out, "\nendstream\nendobj\n");
        offsets[font] = out.size();
        write(out, font + " 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");

        StringBuilder header = new StringBuilder();
        StringBuilder bodies = new StringBuilder();
        List<Integer> numbers = new ArrayList<>(objects.keySet());
        for (int number : numbers) {
            header.append(number).append(' ').append(bodies.length()).append(' ');
            bodies.append(objects.get(number)).append('\n');
        }
        if (numbers.isEmpty()) {
            bodies.append("null\n");
        }
        byte[] packed = encode((header + bodies.toString()).getBytes(StandardCharsets.ISO_8859_1), filters);
        offsets[objectStream] = out.size();
        write(out, objectStream + " 0 obj\n<< /Type /ObjStm /N " + numbers.size() + " /First " + header.length()
                + " /Length " + packed.length + filterEntry(filters) + " >>\nstream\n");
        out.writeBytes(packed);
        write(out, "\nendstream\nendobj\n");

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        long xrefAt = out.size();
        for (int number = 0; number <= xref; number++) {
            int index = numbers.indexOf(number);
            if (number == 0) {
                entry(table, 0, 0, 0xFFFF);
            } else if (index >= 0) {
                entry(table, 2, objectStream, index);
            } else if (number == xref) {
                entry(table, 1, xrefAt, 0);
            } else {
                entry(table, 1, offsets[number], 0);
            }
        }
        write(out, xref + " 0 obj\n<< /Type /XRef /Size " + (xref + 1) + " /W [1 4 2] /Root 1 0 R /Length " + table.size()
                + " >>\nstream\n");
        out.writeBytes(table.toByteArray());
        write(out, "\nendstream\nendobj\nstartxref\n" + xrefAt + "\n%%EOF\n");
        return out.toByteArray();
    }

    /**
     * A PDF whose catalog is in an object stream that inflates to {@code inflatedBytes} (spaces
     * after the object): PDFBox decodes it as it opens the file, before any check of ours.
     */
    public static byte[] objectStreamBomb(long inflatedBytes) {
        String header = "1 0 ";
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflater = new java.util.zip.DeflaterOutputStream(packed)) {
            deflater.write((header + "<< /Type /Catalog /Pages 2 0 R >>").getBytes(StandardCharsets.ISO_8859_1));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long written = 0; written < inflatedBytes; written += spaces.length) {
                deflater.write(spaces);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[5];
        write(out, "%PDF-1.7\n");
        offsets[2] = out.size();
        write(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = out.size();
        write(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n");
        offsets[4] = out.size();
        write(out, "4 0 obj\n<< /Type /ObjStm /N 1 /First " + header.length() + " /Length " + packed.size()
                + " /Filter /FlateDecode >>\nstream\n");
        out.writeBytes(packed.toByteArray());
        write(out, "\nendstream\nendobj\n");
        long xrefAt = out.size();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        entry(table, 0, 0, 0xFFFF);
        entry(table, 2, 4, 0);
        for (int number = 2; number <= 4; number++) {
            entry(table, 1, offsets[number], 0);
        }
        entry(table, 1, xrefAt, 0);
        write(out, "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length " + table.size() + " >>\nstream\n");
        out.writeBytes(table.toByteArray());
        write(out, "\nendstream\nendobj\nstartxref\n" + xrefAt + "\n%%EOF\n");
        return out.toByteArray();
    }

    /** Garbage behind a PDF header and before a PDF trailer marker. */
    public static byte[] truncatedGarbage() {
        byte[] noise = new byte[4096];
        new java.util.Random(12).nextBytes(noise);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R");
        out.writeBytes(noise);
        write(out, "\n%%EOF\n");
        return out.toByteArray();
    }

    /** Filters are applied in the order named when decoding, so encoding runs them in reverse. */
    public static byte[] encode(byte[] data, COSName... filters) {
        byte[] encoded = data;
        try {
            for (int i = filters.length - 1; i >= 0; i--) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FilterFactory.INSTANCE.getFilter(filters[i]).encode(new ByteArrayInputStream(encoded), out, new COSDictionary(), i);
                encoded = out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encoded;
    }

    private static String filterEntry(COSName... filters) {
        if (filters.length == 0) {
            return "";
        }
        StringBuilder entry = new StringBuilder(" /Filter [");
        for (COSName filter : filters) {
            entry.append(" /").append(filter.getName());
        }
        return entry.append(" ]").toString();
    }

    private static void entry(ByteArrayOutputStream table, int type, long field2, int field3) {
        table.write(type);
        table.write((int) (field2 >>> 24));
        table.write((int) (field2 >>> 16));
        table.write((int) (field2 >>> 8));
        table.write((int) field2);
        table.write(field3 >>> 8);
        table.write(field3);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private interface Change {
        void apply(PDDocument document) throws IOException;
    }

    private static PDDocument letterDocument() throws IOException {
        PDDocument document = new PDDocument();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(document, page)) {
            text.beginText();
            text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            text.newLineAtOffset(72, 720);
            text.showText(LETTER_TEXT);
            text.endText();
        }
        return document;
    }

    /** A letter made with PDFBox, changed, and saved as PDFBox saves by default (objects in compressed object streams). */
    private static byte[] withPdfBox(Change change) {
        try (PDDocument document = letterDocument()) {
            change.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.DEFAULT_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
