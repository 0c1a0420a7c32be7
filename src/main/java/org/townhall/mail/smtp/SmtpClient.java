package org.townhall.mail.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Just enough SMTP to hand one message to the council's mail server (RFC 5321): EHLO, MAIL, RCPT,
 * DATA with dot-stuffing and every line ending made CRLF. Written here rather than borrowed so
 * that the moment before the final dot is a step of its own: the queue records it first, so
 * after a crash the relay knows whether the server may already have the message.
 */
final class SmtpClient {

    /** The server answered with a permanent (5xx) or temporary (4xx or no answer) failure. */
    static final class Failure extends Exception {
        final boolean permanent;

        Failure(String message, boolean permanent) {
            super(message, null, false, false);
            this.permanent = permanent;
        }
    }

    /** Called after everything but the final dot is sent; returning false abandons the transaction. */
    interface BeforeFinalDot {
        boolean proceed();
    }

    private final String host;
    private final int port;
    private final Duration timeout;
    private final String heloName;

    SmtpClient(String host, int port, Duration timeout, String heloName) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.heloName = heloName;
    }

    void send(String mailFrom, List<String> recipients, byte[] message, BeforeFinalDot beforeFinalDot) throws Failure {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            expect(in, 220, "greeting");
            command(out, in, "EHLO " + heloName, 250);
            command(out, in, "MAIL FROM:<" + mailFrom + ">", 250);
            int accepted = 0;
            String lastRefusal = null;
            for (String recipient : recipients) {
                Reply reply = commandReply(out, in, "RCPT TO:<" + recipient + ">");
                if (reply.code / 100 == 2) {
                    accepted++;
                } else {
                    lastRefusal = reply.text;
                }
            }
            if (accepted == 0) {
                throw new Failure("every recipient refused: " + lastRefusal, lastRefusal != null && lastRefusal.startsWith("5"));
            }
            command(out, in, "DATA", 354);
            writeStuffed(out, message);
            out.flush();
            if (!beforeFinalDot.proceed()) {
                throw new Failure("delivery claim lost before the end of the message", false);
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, 250, "end of data");
            try {
                command(out, in, "QUIT", 221);
            } catch (Failure | IOException ignored) {
                // Delivered already; a server that hangs up without 221 changes nothing.
            }
        } catch (IOException e) {
            throw new Failure(host + ":" + port + " " + e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    /** Every line ending made CRLF, and a line starting with a dot gets a second (RFC 5321 4.5.2). */
    static void writeStuffed(OutputStream out, byte[] message) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
    }

    private record Reply(int code, String text) {
    }

    private void command(OutputStream out, InputStream in, String line, int expected) throws IOException, Failure {
        Reply reply = commandReply(out, in, line);
        if (reply.code != expected) {
            throw new Failure(line.split(" ")[0] + " answered " + reply.text, reply.code / 100 == 5);
        }
    }

    private Reply commandReply(OutputStream out, InputStream in, String line) throws IOException, Failure {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read(in);
    }

    private void expect(InputStream in, int expected, String what) throws IOException, Failure {
        Reply reply = read(in);
        if (reply.code != expected) {
            throw new Failure(what + " answered " + reply.text, reply.code / 100 == 5);
        }
    }

    /** A reply, multi-line ones included ("250-..." continues, "250 ..." ends). */
    private static Reply read(InputStream in) throws IOException, Failure {
        String last;
        do {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new Failure("connection closed by the mail server", false);
                }
                if (c != '\r' && line.length() < 1000) {
                    line.append((char) c);
                }
            }
            last = line.toString();
        } while (last.length() > 3 && last.charAt(3) == '-');
        try {
            return new Reply(Integer.parseInt(last.substring(0, 3)), last);
        } catch (RuntimeException e) {
            throw new Failure("unreadable reply: " + last, false);
        }
    }
}
