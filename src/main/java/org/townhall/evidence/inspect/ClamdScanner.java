package org.townhall.evidence.inspect;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * ClamAV's clamd over TCP with the INSTREAM command: "zINSTREAM\0", then chunks each prefixed by
 * a 4-byte big-endian length, then a zero length; clamd answers "stream: OK" or
 * "stream: NAME FOUND". Anything else, or no answer in time, means the file is not accepted.
 */
class ClamdScanner implements MalwareScanner {

    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final int port;
    private final Duration timeout;

    ClamdScanner(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public Optional<String> findThreat(byte[] content) throws ScannerUnavailable {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < content.length; at += CHUNK) {
                int length = Math.min(CHUNK, content.length - at);
                out.writeInt(length);
                out.write(content, at, length);
            }
            out.writeInt(0);
            out.flush();
            String answer = readReply(socket.getInputStream()).trim();
            if (answer.endsWith("OK")) {
                return Optional.empty();
            }
            if (answer.endsWith("FOUND")) {
                return Optional.of(answer.substring(answer.indexOf(':') + 1, answer.length() - "FOUND".length()).trim());
            }
            throw new ScannerUnavailable("clamd answered: " + answer, null);
        } catch (IOException e) {
            throw new ScannerUnavailable("clamd at " + host + ":" + port + " did not answer", e);
        }
    }

    private static String readReply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        int c;
        while ((c = in.read()) > 0 && reply.length() < 1024) {
            reply.append((char) c);
        }
        return reply.toString();
    }
}
