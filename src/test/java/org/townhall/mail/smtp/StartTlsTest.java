package org.townhall.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** In production the relay offers STARTTLS with the certificate and key from configuration (PEM files). */
class StartTlsTest {

    @Test
    void theRelayOffersStartTlsWithTheConfiguredCertificateAndSpeaksTls13() throws Exception {
        Path dir = Files.createTempDirectory("relay-tls");
        Path store = dir.resolve("relay.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "relay", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=mail.eastbridge.example", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(keys.getCertificate("relay").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(keys.getKey("relay", "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        var startTls = Tls.startTls(certificate.toString(), key.toString());
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket accepted = listener.accept(); SSLSocket tls = startTls.createSSLSocket(accepted)) {
                    tls.startHandshake();
                    tls.getOutputStream().write("220 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                    tls.getOutputStream().flush();
                } catch (Exception ignored) {
                    // the client's assertions report any failure
                }
            });
            server.start();
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String type) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String type) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (Socket plain = new Socket(listener.getInetAddress(), listener.getLocalPort());
                 SSLSocket client = (SSLSocket) trustAll.getSocketFactory().createSocket(plain, "mail.eastbridge.example",
                         listener.getLocalPort(), true)) {
                client.startHandshake();
                assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(((X509Certificate) client.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName())
                        .isEqualTo("CN=mail.eastbridge.example");
                assertThat(new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII)).readLine())
                        .isEqualTo("220 ok");
            }
            server.join(10_000);
        }
    }
}
