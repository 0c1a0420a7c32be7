package org.townhall.mail.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A part of a message that is not its text: its name as the sender gave it, the type they declared, its bytes. */
public record Attachment(String fileName, String declaredType, byte[] content) {

    public Attachment {
        fileName = fileName == null ? "" : fileName;
        declaredType = declaredType == null ? "application/octet-stream" : declaredType;
    }

    /** SHA-256 of the bytes, hex: the same file sent to many people is one campaign. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
