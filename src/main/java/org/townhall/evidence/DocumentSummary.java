package org.townhall.evidence;

import java.time.Instant;

/** What a case page lists about a document: never its content. */
public record DocumentSummary(String ref, String fileName, String contentType, long sizeBytes, Instant uploadedAt) {

    public DocumentSummary {
        fileName = DocumentNames.shown(fileName);
    }

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
