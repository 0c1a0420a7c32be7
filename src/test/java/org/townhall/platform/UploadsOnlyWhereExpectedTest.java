package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.RawRequest;
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
    private String statusOfAHugeMultipartPostTo(String path) {
        return RawRequest.statusLineOfUnfinished(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 52428800\r\n\r\n--XX\r\n");
    }

    @Test
    void aMultipartBodyToAFormThatTakesNoFilesIsRefusedUnread() throws Exception {
        for (String path : new String[] {"/parking", "/sign-in", "/register", "/pay/council-tax", "/staff/sign-in",
                "/parking/pcn/PCN1/challenge/check", "/no-such-page"}) {
            assertThat(statusOfAHugeMultipartPostTo(path)).as(path).startsWith("HTTP/1.1 415");
        }
    }

    @Test
    void theChallengeFormStillTakesItsFiles() {
        // Read in full as before (then refused for its missing token, or handled): not refused as a multipart body.
        String body = "--XX\r\nContent-Disposition: form-data; name=\"statement\"\r\n\r\nIt was not me\r\n--XX--\r\n";
        RawRequest.Answer answer = RawRequest.sendExactly(port, ("POST /parking/pcn/PCN1/challenge HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isNotEqualTo(415).isLessThan(500);
    }
}
