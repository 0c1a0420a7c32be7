package org.townhall.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the DATA of one message within the SIZE limit and looks for SMTP smuggling. SubEthaSMTP
 * ends DATA only at CRLF.CRLF, as RFC 5321 4.1.1.4 says; the danger is what this relay passes
 * on: a line holding a lone dot that ends in, or follows, a bare LF or bare CR ("\n.\n",
 * "\r\n.\n", "\n.\r\n", "\r.\r") is read by some servers downstream as the end of the message,
 * and whatever follows as a second, forged one. Such a message is refused, never repaired.
 */
final class DataReader {

    /** What was read: the bytes (null when over the limit), and whether a smuggling sequence was seen. */
    record Data(byte[] bytes, long size, boolean smuggling) {
        boolean tooLarge() {
            return bytes == null;
        }
    }

    private DataReader() {
    }

    /** Reads to the end of DATA; past {@code max} bytes it keeps reading (so the reply is in step) but keeps nothing. */
    static Data read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 1 << 16));
        byte[] buffer = new byte[16 * 1024];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            size += n;
            if (size <= max) {
                out.write(buffer, 0, n);
            }
        }
        if (size > max) {
            return new Data(null, size, false);
        }
        byte[] bytes = out.toByteArray();
        boolean watched = in instanceof GuardedDataCommand.Watched w && w.smuggling();
        return new Data(bytes, size, watched || smuggles(bytes));
    }

    /** A lone dot on a line under any line-ending reading, unless that line is CRLF "." CRLF (a stuffed ".." after unstuffing). */
    static boolean smuggles(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '.') {
                continue;
            }
            boolean lineStart = i == 0 || b[i - 1] == '\n' || b[i - 1] == '\r';
            boolean lineEnd = i + 1 < b.length && (b[i + 1] == '\r' || b[i + 1] == '\n');
            if (!lineStart || !lineEnd) {
                continue;
            }
            boolean crlfBefore = i == 0 || (i >= 2 && b[i - 2] == '\r' && b[i - 1] == '\n');
            boolean crlfAfter = i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n';
            if (!(crlfBefore && crlfAfter)) {
                return true;
            }
        }
        return false;
    }
}
