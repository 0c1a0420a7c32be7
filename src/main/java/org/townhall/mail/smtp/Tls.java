package org.townhall.mail.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * STARTTLS with the certificate chain and private key from configuration (PEM files, the key
 * unencrypted PKCS #8, RSA or EC), TLS 1.2 and 1.3 only (RFC 8996 retired the older versions).
 */
final class Tls {

    private Tls() {
    }

    static SSLSocketCreator startTls(String certificatePath, String keyPath) {
        SSLContext context = context(Path.of(certificatePath), Path.of(keyPath));
        return socket -> {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
            tls.setUseClientMode(false);
            tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return tls;
        };
    }

    static SSLContext context(Path certificate, Path key) {
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate))).toArray(Certificate[]::new);
            PrivateKey privateKey = privateKey(Files.readString(key, StandardCharsets.US_ASCII));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("relay", privateKey, new char[0], chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("townhall.mail.relay.tls-certificate or tls-private-key cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("townhall.mail.relay TLS certificate or key is not usable: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("the private key must be unencrypted PKCS #8 (BEGIN PRIVATE KEY), RSA, EC or Ed25519");
    }
}
