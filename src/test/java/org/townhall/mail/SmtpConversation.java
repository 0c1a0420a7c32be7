package org.townhall.mail;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven SMTP client for tests: every byte is what the test wrote, so it can send what a
 * real client never would (bare LFs around dots, oversized headers) and read each reply.
 */
public final class SmtpConversation implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    public final String greeting;

    public SmtpConversation(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        greeting = reply();
    }

    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** Sends the bytes as they are (no dot-stuffing, no line-ending repair) and reads the reply. */
    public String raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return reply();
    }

    /** A whole transaction: MAIL, RCPT, DATA and the message (dot-stuffed here), ended by CRLF.CRLF. */
    public String send(String from, String to, String message) throws IOException {
        String mail = command("MAIL FROM:<" + from + ">");
        if (!mail.startsWith("250")) {
            return mail;
        }
        String rcpt = command("RCPT TO:<" + to + ">");
        if (!rcpt.startsWith("250")) {
            command("RSET");
            return rcpt;
        }
        String data = command("DATA");
        if (!data.startsWith("354")) {
            return data;
        }
        String stuffed = message.replace("\r\n", "\n").replace("\n", "\r\n").replaceAll("(?m)^\\.", "..");
        return raw((stuffed + (stuffed.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one reply, multi-line replies included; the last line is returned whole. */
    public String reply() throws IOException {
        String line;
        do {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    return b.length() == 0 ? "closed" : b.toString();
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            line = b.toString();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
