package org.townhall.evidence;

/** A decrypted document, handed to the page that serves it and to nothing else. */
public record DocumentContent(String ref, String fileName, String contentType, byte[] bytes) {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
