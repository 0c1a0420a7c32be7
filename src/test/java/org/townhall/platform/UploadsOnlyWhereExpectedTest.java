package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.TownhallTest;

/**
 * Anyone may POST anywhere, and a multipart body is read whole (to disk, up to the challenge
 * form's 120 MB) as soon as the CSRF check asks for its token. Only the form that takes files may
 * be sent one; elsewhere it is refused before a byte of it is read.
 */
@TownhallTest
class UploadsOnlyWhereExpectedTest {

    @LocalServerPort int port;

    /** Fifty megabytes declared and a few bytes sent: an answer at all means nothing waited for the rest. */
    private String statusOfAHugeMultipartPostTo(String path) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 52428800\r\n\r\n--XX\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aMultipartBodyToAFormThatTakesNoFilesIsRefusedUnread() throws Exception {
        for (String path : new String[] {"/parking", "/sign-in", "/register", "/pay/council-tax", "/staff/sign-in",
                "/parking/pcn/PCN1/challenge/check", "/no-such-page"}) {
            assertThat(statusOfAHugeMultipartPostTo(path)).as(path).startsWith("HTTP/1.1 415");
        }
    }

    @Test
    void theChallengeFormStillTakesItsFiles() throws Exception {
        // Read in full as before (then refused for its missing token, or handled): not refused as a multipart body.
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            byte[] body = "--XX\r\nContent-Disposition: form-data; name=\"statement\"\r\n\r\nIt was not me\r\n--XX--\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /parking/pcn/PCN1/challenge HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).doesNotStartWith("HTTP/1.1 415").doesNotStartWith("HTTP/1.1 5");
        }
    }
}
