package org.townhall.mail.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.server.SMTPServer;
import org.townhall.mail.MailSettings;
import org.townhall.mail.checks.Screener;
import org.townhall.mail.store.Domains;

/**
 * The SMTP relay Townhall starts: SubEthaSMTP on the configured address and port (127.0.0.1:2525
 * by default; port 0 picks a free one), STARTTLS offered when a certificate is configured, SIZE
 * advertised and enforced, at most so many connections in all and per client, one thread each.
 */
@Component
public class RelayServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayServer.class);

    private final MailSettings settings;
    private final Screener screener;
    private final Intake intake;
    private final Domains domains;
    private final Delivery delivery;
    private final Clock clock;
    private volatile SMTPServer server;
    private volatile ExecutorService threads;

    private final boolean requireProductionSettings;

    RelayServer(MailSettings settings, Screener screener, Intake intake, Domains domains, Delivery delivery, Clock clock,
                @org.springframework.beans.factory.annotation.Value("${townhall.mail.require-production-settings:false}")
                boolean requireProductionSettings) {
        this.requireProductionSettings = requireProductionSettings;
        this.settings = settings;
        this.screener = screener;
        this.intake = intake;
        this.domains = domains;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || server != null) {
            return;
        }
        MailSettings.Relay relay = settings.relay();
        if (requireProductionSettings && (settings.downstream().embedded() || !relay.tls())) {
            throw new IllegalStateException("The mail relay needs TOWNHALL_MAIL_DOWNSTREAM_HOST (the council's mail server) and "
                    + "TOWNHALL_MAIL_TLS_CERTIFICATE with TOWNHALL_MAIL_TLS_PRIVATE_KEY (PEM files) in production");
        }
        // One thread a connection, no more than maxConnections (SubEthaSMTP refuses the rest with 421).
        threads = new ThreadPoolExecutor(0, relay.maxConnections() + 1, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread thread = new Thread(r, "mail-relay");
                    thread.setDaemon(true);
                    return thread;
                });
        SMTPServer.Builder builder = SMTPServer.port(relay.port()).bindAddress(address(relay.bindAddress()))
                .hostName(relay.hostName()).softwareName("Townhall mail screening").maxMessageSize(relay.maxMessageBytes())
                .maxConnections(relay.maxConnections()).maxRecipients(ScreeningHandler.MAX_RECIPIENTS)
                .connectionTimeout((int) relay.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .executorService(threads)
                .sessionHandler(new ConnectionLimits(relay.connectionsPerAddress(), relay.connectionsPerAddressPerMinute(), clock))
                .messageHandlerFactory(context -> new ScreeningHandler(context, settings, screener, intake, domains, delivery::wake));
        if (relay.tls()) {
            builder.enableTLS().startTlsSocketFactory(Tls.startTls(relay.tlsCertificate(), relay.tlsPrivateKey()));
        }
        SMTPServer started = builder.build();
        started.getCommandHandler().addCommand(new GuardedDataCommand());
        started.getCommandHandler().addCommand(new GuardedMailCommand());
        try {
            started.start();
        } catch (RuntimeException cannotListen) {
            threads.shutdownNow();
            if (requireProductionSettings) {
                throw cannotListen;
            }
            // Locally a second Townhall, or anything else on the port, must not stop the web service
            // starting; in production the relay is required and this is fatal.
            log.error("MAIL RELAY NOT STARTED: cannot listen on {}:{} ({}). Set townhall.mail.relay.port (0 picks a free one).",
                    relay.bindAddress(), relay.port(), cannotListen.getCause() == null ? cannotListen : cannotListen.getCause());
            return;
        }
        server = started;
        log.info("Mail relay listening on {}:{}{}, accepting mail for {}", relay.bindAddress(), port(),
                relay.tls() ? " with STARTTLS" : "", settings.domains());
    }

    /** The port actually listened on (a random one when configured as 0). */
    public int port() {
        SMTPServer current = server;
        return current == null ? -1 : current.getPortAllocated();
    }

    @Override
    public synchronized void stop() {
        SMTPServer current = server;
        server = null;
        if (current != null) {
            current.stop();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("townhall.mail.relay.bind-address is not an address: " + host, e);
        }
    }
}
