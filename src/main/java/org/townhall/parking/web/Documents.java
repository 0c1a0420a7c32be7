package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.townhall.evidence.DocumentContent;
import org.townhall.parking.store.PcnStore.PhotoRow;

/**
 * Writes a document or photo to the browser: its own content type, never cached, never sniffed
 * (nosniff is on every response), and anything but an image as a download, so a PDF never runs
 * in the council's origin.
 */
final class Documents {

    private Documents() {
    }

    static void serve(DocumentContent document, HttpServletResponse response) throws IOException {
        write(document.bytes(), document.contentType(), document.isImage(), document.fileName(), response);
    }

    static void serve(PhotoRow photo, HttpServletResponse response) throws IOException {
        write(photo.content(), photo.contentType(), true, "photo.png", response);
    }

    private static void write(byte[] bytes, String contentType, boolean inline, String fileName, HttpServletResponse response)
            throws IOException {
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(fileName, StandardCharsets.UTF_8).build().toString());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
