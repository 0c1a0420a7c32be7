package org.townhall.parking.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.townhall.evidence.DocumentContent;
import org.townhall.parking.store.PcnStore.PhotoRow;

/**
 * Writes a document or photo to the browser: the content type the checks detected, under a name
 * Townhall makes from that type (never the name the resident gave: "statement.html" or an
 * "exe" disguised by a right-to-left override would otherwise reach an officer's downloads folder
 * as such), never cached, never sniffed, and anything but an image as a download, so a PDF never
 * runs in the council's origin. A document is also sandboxed with a policy of its own, should a
 * browser ever show one in a tab.
 */
final class Documents {

    /** For served files only: nothing may load, run or frame from them. */
    static final String DOCUMENT_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

    private Documents() {
    }

    static void serve(DocumentContent document, HttpServletResponse response) throws IOException {
        write(document.bytes(), document.contentType(), document.isImage(), document.downloadName(), response);
    }

    static void serve(PhotoRow photo, HttpServletResponse response) throws IOException {
        String shortRef = photo.ref().replaceAll("[^A-Za-z0-9]", "");
        String name = "photo-" + shortRef.substring(0, Math.min(8, shortRef.length()))
                + (photo.contentType().equals("image/png") ? ".png" : ".jpg");
        write(photo.content(), photo.contentType(), true, name, response);
    }

    /** A letter Townhall wrote: a download like any document, named by the council. */
    static void serve(org.townhall.parking.LetterDocuments.LetterFile letter, HttpServletResponse response) throws IOException {
        write(letter.pdf(), "application/pdf", false, letter.fileName(), response);
    }

    private static void write(byte[] bytes, String contentType, boolean inline, String asciiName, HttpServletResponse response)
            throws IOException {
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", DOCUMENT_POLICY);
        response.setHeader("Content-Disposition", (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(asciiName).build().toString());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
