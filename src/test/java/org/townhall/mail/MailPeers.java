package org.townhall.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The council's mail server as the relay's tests see it: a real GreenMail SMTP server on a free
 * port, started once per test JVM, that tests can stop (the server is down) and start again on
 * the same port. The application under test delivers to it.
 */
public final class MailPeers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final int PORT = freePort();
    private static GreenMail downstream = start();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "townhall.mail.downstream.host=127.0.0.1",
                "townhall.mail.downstream.port=" + PORT, "townhall.mail.downstream.timeout=PT5S");
    }

    public static synchronized GreenMail downstream() {
        return downstream;
    }

    public static synchronized void stopDownstream() {
        downstream.stop();
    }

    public static synchronized void startDownstream() {
        downstream = start();
    }

    public static synchronized MimeMessage[] received() {
        return downstream.getReceivedMessages();
    }

    public static synchronized void clear() throws Exception {
        downstream.purgeEmailFromAllMailboxes();
    }

    private static GreenMail start() {
        GreenMail mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
