package org.townhall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Requests over one kept-alive socket, written and read on the calling thread, so that all of the
 * client's CPU time is that thread's and can be taken away from the process's, and a flood costs
 * the client little more than the bytes it sends.
 */
final class RawHttp {

    private RawHttp() {
    }

    static int get(OutputStream out, InputStream in, String from) throws IOException {
        return send(out, in, "GET", "/parking", from, null);
    }

    /** Sends one request (a form body when {@code form} is not null) and reads the whole answer; returns its status. */
    static int send(OutputStream out, InputStream in, String method, String path, String from, String form) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nX-Forwarded-For: ").append(from).append("\r\n");
        if (form != null) {
            request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(form.length()).append("\r\n");
        }
        request.append("\r\n");
        if (form != null) {
            request.append(form);
        }
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
