package org.townhall.evidence;

/**
 * A decrypted document, handed to the page that serves it and to nothing else. {@code forTheRecord}
 * says an officer asked for the original rather than the safe copy they open by default.
 */
public record DocumentContent(String ref, String fileName, String contentType, byte[] bytes, boolean forTheRecord) {

    public DocumentContent {
        fileName = DocumentNames.shown(fileName);
    }

    public boolean isImage() {
        return contentType.startsWith("image/");
    }

    /** The name it is downloaded under: Townhall's, from the detected type, never the name the resident gave. */
    public String downloadName() {
        return DocumentNames.served(ref, contentType, forTheRecord);
    }
}
