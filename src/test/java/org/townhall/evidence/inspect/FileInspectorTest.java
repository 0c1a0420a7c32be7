package org.townhall.evidence.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.townhall.evidence.Samples;

/** Upload fuzz at the level of one file: what is accepted, and what a hostile image or unknown file tries. */
class FileInspectorTest {

    private final FileInspector inspector = new FileInspector(new BuiltInScanner());

    private Inspection inspect(byte[] file) {
        try {
            return inspector.inspect(file);
        } catch (MalwareScanner.ScannerUnavailable e) {
            throw new AssertionError(e);
        }
    }

    private String problemWith(byte[] file) {
        Inspection inspection = inspect(file);
        assertThat(inspection).as("should be refused").isInstanceOf(Inspection.Refused.class);
        return ((Inspection.Refused) inspection).problem();
    }

    private String typeOf(byte[] file) {
        Inspection inspection = inspect(file);
        assertThat(inspection).as("should be accepted").isInstanceOf(Inspection.Accepted.class);
        return ((Inspection.Accepted) inspection).contentType();
    }

    @Test
    void acceptsRealPdfJpegAndPngByTheirContent() {
        assertThat(typeOf(Samples.pdf())).isEqualTo("application/pdf");
        assertThat(typeOf(Samples.png(300, 200))).isEqualTo("image/png");
        assertThat(typeOf(Samples.jpeg(300, 200))).isEqualTo("image/jpeg");
        assertThat(typeOf(Samples.pdfWithDeflatedStream("BT /F1 12 Tf (Dear council) Tj ET".getBytes(StandardCharsets.ISO_8859_1))))
                .isEqualTo("application/pdf");
    }

    @Test
    void refusesEmptyOversizedAndUnknownFiles() {
        assertThat(problemWith(new byte[0])).contains("empty");
        assertThat(problemWith(new byte[FileInspector.MAX_BYTES + 1])).contains("larger than 10 MB");
        assertThat(problemWith("GIF89a....".getBytes(StandardCharsets.US_ASCII))).contains("must be a PDF, JPG or PNG");
        assertThat(problemWith("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII))).contains("must be a PDF");
    }

    @Test
    void refusesExecutablesWhateverTheyAreCalled() {
        assertThat(problemWith(Samples.windowsExecutable())).contains("must be a PDF, JPG or PNG");
        assertThat(problemWith(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0})).contains("must be a PDF, JPG or PNG");
        assertThat(problemWith("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII))).contains("must be a PDF, JPG or PNG");
    }

    @Test
    void refusesTruncatedFiles() {
        assertThat(problemWith(Samples.truncated(Samples.png(300, 200)))).contains("incomplete");
        assertThat(problemWith(Samples.truncated(Samples.jpeg(300, 200)))).contains("incomplete");
        assertThat(problemWith(Samples.truncated(Samples.pdf()))).contains("incomplete");
    }

    @Test
    void refusesDecompressionBombs() {
        assertThat(problemWith(Samples.pngBomb())).contains("too large to open");
        assertThat(problemWith(Samples.pdfBomb(PdfInspector.MAX_DECODED_BYTES + (1 << 20)))).contains("unreasonable size");
    }

    @Test
    void findsEicarInAPngsCompressedText() {
        byte[] png = Samples.png(40, 40);
        byte[] chunk = PngSamples.zTxt("Comment", Samples.EICAR);
        byte[] withText = Samples.concat(java.util.Arrays.copyOf(png, 33), chunk, java.util.Arrays.copyOfRange(png, 33, png.length));
        assertThat(inspect(withText)).isInstanceOf(Inspection.Harmful.class);
        assertThat(inspect(Samples.concat(java.util.Arrays.copyOf(png, 33), PngSamples.zTxt("Comment", "taken at 10:42"),
                java.util.Arrays.copyOfRange(png, 33, png.length)))).isInstanceOf(Inspection.Accepted.class);
    }
}
