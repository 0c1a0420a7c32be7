package org.townhall.backup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/** A signed document as stored: a line with the base64 signature, then the signed bytes. */
final class SignedFile {

    private SignedFile() {
    }

    static byte[] write(BackupKeys keys, byte[] body) {
        byte[] signature = Base64.getEncoder().encode(keys.sign(body));
        byte[] all = Arrays.copyOf(signature, signature.length + 1 + body.length);
        all[signature.length] = '\n';
        System.arraycopy(body, 0, all, signature.length + 1, body.length);
        return all;
    }

    /** The signed bytes, unverified (to read which installation they claim to be from). */
    static byte[] body(byte[] all) throws GeneralSecurityException {
        int newline = newline(all);
        return Arrays.copyOfRange(all, newline + 1, all.length);
    }

    /** Throws unless the signature is this installation's over the body. */
    static void verify(BackupKeys keys, byte[] all) throws GeneralSecurityException {
        int newline = newline(all);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(all, 0, newline, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the signature line is not base64");
        }
        keys.verify(signature, Arrays.copyOfRange(all, newline + 1, all.length));
    }

    private static int newline(byte[] all) throws GeneralSecurityException {
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                return i;
            }
        }
        throw new GeneralSecurityException("no signature line");
    }
}
