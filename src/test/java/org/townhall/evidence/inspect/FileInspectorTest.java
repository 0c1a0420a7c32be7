package org.townhall.evidence.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.townhall.evidence.Samples;

/** Upload fuzz at the level of one file: what is accepted, and everything a hostile upload tries. */
class FileInspectorTest {

    private final FileInspector inspector = new FileInspector();

    private String problemWith(byte[] file) {
        FileInspector.Inspection inspection = inspector.inspect(file);
        assertThat(inspection.accepted()).as("should be refused").isFalse();
        return inspection.problem();
    }

    @Test
    void acceptsRealPdfJpegAndPngByTheirContent() {
        assertThat(inspector.inspect(Samples.pdf()).contentType()).isEqualTo("application/pdf");
        assertThat(inspector.inspect(Samples.png(300, 200)).contentType()).isEqualTo("image/png");
        assertThat(inspector.inspect(Samples.jpeg(300, 200)).contentType()).isEqualTo("image/jpeg");
        assertThat(inspector.inspect(Samples.pdfWithDeflatedStream("BT /F1 12 Tf (Dear council) Tj ET".getBytes(StandardCharsets.ISO_8859_1)))
                .accepted()).isTrue();
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
        assertThat(problemWith(Samples.pdfBomb(FileInspector.MAX_INFLATED_BYTES + (1 << 20)))).contains("unreasonable size");
    }

    @Test
    void refusesPdfsWithScriptsOrLaunchActionsHoweverTheyAreHidden() {
        assertThat(problemWith(Samples.pdf("5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"))).contains("scripts or actions");
        assertThat(problemWith(Samples.pdf("5 0 obj << /S /Launch /F (cmd.exe) >> endobj"))).contains("scripts or actions");
        assertThat(problemWith(Samples.pdf("5 0 obj << /S /J#61vaScript /J#53 (x) >> endobj"))).contains("scripts or actions");
        assertThat(problemWith(Samples.pdfWithDeflatedStream("<< /OpenAction << /S /JavaScript /JS (x) >> >>"
                .getBytes(StandardCharsets.ISO_8859_1)))).contains("scripts or actions");
    }
}
