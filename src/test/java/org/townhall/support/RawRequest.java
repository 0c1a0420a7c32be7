package org.townhall.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exactly these bytes on a fresh socket, for what no well-behaved HTTP client will send: a forged
 * Host header, a character the request line may not hold, a header line without a colon.
 */
public final class RawRequest {

    private RawRequest() {
    }

    /** What came back: the status, every header line as sent, and the body as text. */
    public record Answer(int status, List<String> headers, String body) {

        public List<String> all(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).toList();
        }

        public String header(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /** Sends the request (lines joined with CRLF, "Connection: close" added) and reads until the server closes. */
    public static Answer send(int port, String... lines) {
        StringBuilder request = new StringBuilder();
        for (String line : lines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return sendExactly(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A form post with the body given, already encoded. */
    public static Answer post(int port, String path, String host, String cookie, String form) {
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        return sendExactly(port, request);
    }

    /**
     * Sends the start of a request (its head, and perhaps a little of a body declared far longer)
     * and returns the answer's status line as soon as it comes: a server that waits for the rest
     * of the body gives none, and the read fails after 30 seconds.
     */
    public static String statusLineOfUnfinished(int port, String start) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer sendExactly(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            List<String> headers = new ArrayList<>(List.of(head.split("\r\n")));
            String statusLine = headers.remove(0);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, end < 0 ? "" : response.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
