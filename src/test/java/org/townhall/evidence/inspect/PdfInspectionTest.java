package org.townhall.evidence.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.townhall.evidence.Pdfs;
import org.townhall.evidence.Samples;

/**
 * PDFs opened with a real parser: hostile ones are refused however they hide what they carry,
 * what they hide is decoded for the malware scanner whatever the encoding, and an ordinary letter
 * passes and gets a safe copy that is pictures only.
 */
class PdfInspectionTest {

    private final FileInspector inspector = new FileInspector(new BuiltInScanner());

    private Inspection inspect(byte[] file) {
        try {
            return inspector.inspect(file);
        } catch (MalwareScanner.ScannerUnavailable e) {
            throw new AssertionError(e);
        }
    }

    private Inspection.Refused refused(byte[] file) {
        Inspection inspection = inspect(file);
        assertThat(inspection).as("should be refused").isInstanceOf(Inspection.Refused.class);
        return (Inspection.Refused) inspection;
    }

    private Inspection.Accepted accepted(byte[] file) {
        Inspection inspection = inspect(file);
        assertThat(inspection).as("should be accepted").isInstanceOf(Inspection.Accepted.class);
        return (Inspection.Accepted) inspection;
    }

    static Stream<List<COSName>> everyFilterChain() {
        return Stream.of(List.of(), List.of(COSName.FLATE_DECODE), List.of(COSName.ASCII_HEX_DECODE), List.of(COSName.ASCII85_DECODE),
                List.of(COSName.LZW_DECODE), List.of(COSName.RUN_LENGTH_DECODE),
                List.of(COSName.ASCII85_DECODE, COSName.FLATE_DECODE),
                List.of(COSName.ASCII_HEX_DECODE, COSName.LZW_DECODE, COSName.RUN_LENGTH_DECODE));
    }

    @ParameterizedTest
    @MethodSource("everyFilterChain")
    void refusesJavaScriptInTheOpenActionHiddenInAnObjectStreamUnderAnyFilter(List<COSName> filters) {
        Inspection.Refused refusal = refused(Pdfs.openActionScriptUnder(filters.toArray(COSName[]::new)));
        assertThat(refusal.problem()).contains("scripts, actions or attached files");
        assertThat(refusal.detail()).contains("JavaScript").contains("open action");
    }

    @ParameterizedTest
    @MethodSource("everyFilterChain")
    void refusesALaunchActionOnALinkHiddenInAnObjectStreamUnderAnyFilter(List<COSName> filters) {
        assertThat(refused(Pdfs.launchLinkUnder(filters.toArray(COSName[]::new))).detail()).contains("Launch action").contains("Link");
    }

    @Test
    void refusesALaunchActionOnALink() {
        assertThat(refused(Pdfs.launchOnALink()).detail()).contains("Launch action").contains("page 1");
    }

    @Test
    void refusesJavaScriptInTheNamesTree() {
        assertThat(refused(Pdfs.javaScriptInTheNamesTree()).detail()).contains("JavaScript in the names tree");
    }

    @Test
    void refusesAnAttachedFile() {
        assertThat(refused(Pdfs.withEmbeddedFile("a receipt".getBytes(StandardCharsets.US_ASCII))).detail()).contains("embedded files");
    }

    @Test
    void refusesScriptsAndLaunchesNobodyPointsToAndNamesWrittenWithEscapes() {
        assertThat(refused(Samples.pdf("5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")).problem()).contains("scripts");
        assertThat(refused(Samples.pdf("5 0 obj << /S /Launch /F (cmd.exe) >> endobj")).problem()).contains("scripts");
        assertThat(refused(Samples.pdf("5 0 obj << /S /J#61vaScript /J#53 (x) >> endobj")).problem()).contains("scripts");
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /S /Lau#6Ech /F (cmd.exe) >>"), "", "", null, COSName.ASCII85_DECODE))
                .detail()).contains("Launch");
    }

    @Test
    void refusesAWebAddressOpenedByItselfButNotAWebLinkThatMustBeClicked() {
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /S /URI /URI (https://evil.example/) >>"), "/OpenAction 5 0 R", "", null))
                .detail()).contains("URI action in the open action");
        accepted(Pdfs.handWritten(Map.of(5, "<< /Type /Annot /Subtype /Link /Rect [50 700 250 720] "
                + "/A << /S /URI /URI (https://www.nhs.uk/) >> >>"), "", "/Annots [5 0 R]", null));
    }

    @Test
    void refusesFormsThatSubmitOrRunScriptsAndXfaForms() {
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /FT /Tx /T (name) /AA << /K << /S /JavaScript /JS (x) >> >> >>"),
                "/AcroForm << /Fields [5 0 R] >>", "", null)).problem()).contains("scripts");
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /FT /Btn /T (send) /A << /S /SubmitForm /F (https://evil.example/) >> >>"),
                "/AcroForm << /Fields [5 0 R] >>", "", null)).detail()).contains("SubmitForm");
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /Fields [] /XFA (<xdp:xdp/>) >>"), "/AcroForm 5 0 R", "", null))
                .detail()).contains("XFA");
    }

    @Test
    void refusesActionsOfKindsItHasNeverHeardOf() {
        assertThat(refused(Pdfs.handWritten(Map.of(5, "<< /S /NewFancyAction >>"), "/OpenAction 5 0 R", "", null)).detail())
                .contains("NewFancyAction");
    }

    @Test
    void anObjectStreamThatInflatesToGigabytesIsStoppedAsPdfBoxOpensIt() {
        byte[] bomb = Pdfs.objectStreamBomb(2L * 1024 * 1024 * 1024);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThat(refused(bomb).problem()).contains("unreasonable size");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated opening a 2 GB bomb").isLessThan(1024L * 1024 * 1024);
    }

    @Test
    void findsEicarInAFlateStream() {
        assertThat(inspect(Pdfs.withInPageContent(Samples.EICAR))).isEqualTo(new Inspection.Harmful("EICAR test signature"));
    }

    @ParameterizedTest
    @MethodSource("everyFilterChain")
    void findsEicarInAStreamUnderAnyFilter(List<COSName> filters) {
        byte[] content = ("BT /F1 12 Tf 72 720 Td (x) Tj ET\n% " + Samples.EICAR + "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(inspect(Pdfs.handWritten(Map.of(), "", "", content, filters.toArray(COSName[]::new))))
                .isInstanceOf(Inspection.Harmful.class);
    }

    @Test
    void findsEicarInAJpegThatIsItselfEncoded() {
        byte[] jpeg = Samples.jpeg(20, 20);
        byte[] comment = Samples.EICAR.getBytes(StandardCharsets.US_ASCII);
        byte[] segment = Samples.concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) (comment.length + 2)}, comment);
        byte[] withComment = Samples.concat(java.util.Arrays.copyOf(jpeg, 2), segment, java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
        COSName[] hexThenJpeg = {COSName.ASCII_HEX_DECODE, COSName.DCT_DECODE};
        assertThat(inspect(Pdfs.handWrittenEncoded(Map.of(), "", "", Pdfs.encode(withComment, COSName.ASCII_HEX_DECODE), hexThenJpeg)))
                .isInstanceOf(Inspection.Harmful.class);
    }

    @Test
    void findsEicarInAnAttachedFile() {
        assertThat(inspect(Pdfs.withEmbeddedFile(Samples.EICAR.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(Inspection.Harmful.class);
    }

    @Test
    void findsEicarInAHexStringInsideAnObjectStream() {
        String hex = HexFormat.of().formatHex(Samples.EICAR.getBytes(StandardCharsets.US_ASCII));
        assertThat(inspect(Pdfs.handWritten(Map.of(5, "<< /Note <" + hex + "> >>"), "/PieceInfo 5 0 R", "", null,
                COSName.ASCII_HEX_DECODE))).isInstanceOf(Inspection.Harmful.class);
    }

    @Test
    void refusesEncryptedPdfsWithOrWithoutAPassword() {
        assertThat(refused(Pdfs.encrypted("")).problem()).contains("password-protected");
        assertThat(refused(Pdfs.encrypted("letmein")).problem()).contains("password-protected");
    }

    @Test
    void refusesGarbageBehindAPdfHeaderWithAClearMessage() {
        assertThat(refused(Pdfs.truncatedGarbage()).problem()).contains("damaged PDF");
        assertThat(refused(("%PDF-1.7\n" + "x".repeat(100) + "\n%%EOF").getBytes(StandardCharsets.US_ASCII)).problem())
                .contains("damaged PDF");
    }

    @Test
    void refusesEncodingsItCannotCheck() {
        COSName[] jbig2 = {COSName.JBIG2_DECODE};
        assertThat(refused(Pdfs.handWrittenEncoded(Map.of(), "", "", new byte[] {1, 2, 3}, jbig2)).problem()).contains("cannot check");
        COSName[] unknown = {COSName.getPDFName("SecretDecode")};
        assertThat(refused(Pdfs.handWrittenEncoded(Map.of(), "", "", new byte[] {1, 2, 3}, unknown)).detail()).contains("SecretDecode");
    }

    @Test
    void refusesImagesThatClaimMorePixelsThanAnyCamera() {
        byte[] content = "q BI /W 100000 /H 100000 /BPC 8 /CS /G ID \u0000 EI Q".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused(Pdfs.handWritten(Map.of(), "", "", content)).problem()).contains("image too large");
    }

    @Test
    void refusesAPageThatWouldTakeForeverToDraw() {
        byte[] endless = "q Q ".repeat((int) (SafeCopy.MOST_OPERATIONS / 2) + 1000).getBytes(StandardCharsets.US_ASCII);
        assertThat(refused(Pdfs.handWritten(Map.of(), "", "", endless, COSName.FLATE_DECODE)).problem()).contains("too complex");
    }

    @Test
    void refusesMoreThanFiftyPages() throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i <= PdfInspector.MOST_PAGES; i++) {
                document.addPage(new PDPage());
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out);
            assertThat(refused(out.toByteArray()).problem()).contains("more than 50 pages");
        }
    }

    @Test
    void aScannerThatCannotAnswerRefusesThePdfRatherThanWavingItThrough() {
        MalwareScanner silent = content -> {
            throw new MalwareScanner.ScannerUnavailable("no answer", null);
        };
        assertThatThrownBy(() -> new FileInspector(silent).inspect(Pdfs.letter())).isInstanceOf(MalwareScanner.ScannerUnavailable.class);
    }

    @Test
    void anOrdinaryLetterPassesAndItsSafeCopyIsPicturesOnlyAndStillShowsThePage() throws IOException {
        Inspection.Accepted letter = accepted(Pdfs.letter());
        assertThat(letter.contentType()).isEqualTo("application/pdf");
        try (PDDocument copy = Loader.loadPDF(letter.safeCopy())) {
            assertThat(copy.getNumberOfPages()).isEqualTo(1);
            PDPage page = copy.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(595f, org.assertj.core.data.Offset.offset(1f));
            assertThat(page.getMediaBox().getHeight()).isCloseTo(842f, org.assertj.core.data.Offset.offset(1f));
            assertThat(page.getResources().getFontNames()).isEmpty();
            assertThat(page.getResources().getXObjectNames()).hasSize(1)
                    .allSatisfy(name -> assertThat(page.getResources().isImageXObject(name)).isTrue());
            assertThat(operatorsOf(page)).isSubsetOf(Set.of("q", "Q", "cm", "Do", "BDC", "EMC"));
            assertThat(page.getAnnotations()).isEmpty();
            assertThat(copy.getDocumentCatalog().getCOSObject().keySet()).doesNotContain(COSName.OPEN_ACTION, COSName.NAMES,
                    COSName.ACRO_FORM, COSName.AA);
            assertThat(new PDFTextStripper().getText(copy)).isBlank();

            BufferedImage drawn = new PDFRenderer(copy).renderImageWithDPI(0, 72);
            assertThat(darkPixels(drawn)).as("the letter's text is still there to read").isGreaterThan(50);
        }
    }

    @Test
    void theSafeCopyIsTaggedAsOnePictureAPageWithWordsSayingWhatEachIs() throws IOException {
        try (PDDocument copy = Loader.loadPDF(accepted(Pdfs.letter()).safeCopy())) {
            org.townhall.support.TaggedPdfChecks.assertTagged(copy, "Safe copy of a document sent by a resident");
            var figure = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement)
                    ((org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement)
                            copy.getDocumentCatalog().getStructureTreeRoot().getKids().get(0)).getKids().get(0);
            assertThat(figure.getStructureType()).isEqualTo("Figure");
            assertThat(figure.getAlternateDescription()).isEqualTo("Picture of page 1 of 1 of the document the resident sent");
        }
    }

    @Test
    void theSafeCopyOfALetterWithAWebLinkHasNoLink() throws IOException {
        Inspection.Accepted linked = accepted(Pdfs.handWritten(Map.of(5, "<< /Type /Annot /Subtype /Link /Rect [50 700 250 720] "
                + "/A << /S /URI /URI (https://www.nhs.uk/) >> >>"), "", "/Annots [5 0 R]", null));
        try (PDDocument copy = Loader.loadPDF(linked.safeCopy())) {
            assertThat(copy.getPage(0).getAnnotations()).isEmpty();
            assertThat(new String(linked.safeCopy(), StandardCharsets.ISO_8859_1)).doesNotContain("nhs.uk").doesNotContain("/URI");
        }
    }

    private static Set<String> operatorsOf(PDPage page) throws IOException {
        Set<String> operators = new TreeSet<>();
        PDFStreamParser parser = new PDFStreamParser(page);
        for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
            if (token instanceof Operator operator) {
                operators.add(operator.getName());
            }
        }
        return operators;
    }

    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 300) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
