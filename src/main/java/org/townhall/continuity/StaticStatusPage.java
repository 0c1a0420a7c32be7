package org.townhall.continuity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.util.HtmlUtils;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.CouncilProperties;

/**
 * The status page that survives Townhall: plain HTML, no script, no database, rewritten into a
 * directory of its own at start-up and after every switch, so a web server or bucket elsewhere
 * can keep serving it while the application or its database is gone
 * (townhall.continuity.static-status-dir).
 */
@Component
class StaticStatusPage {

    private static final Logger log = LoggerFactory.getLogger(StaticStatusPage.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm");

    private final ServiceSwitches switches;
    private final PaymentLinks links;
    private final CouncilProperties council;
    private final Clock clock;
    private final Path directory;

    StaticStatusPage(ServiceSwitches switches, PaymentLinks links, CouncilProperties council, Clock clock,
                     @Value("${townhall.continuity.static-status-dir:./data/status-page}") Path directory) {
        this.switches = switches;
        this.links = links;
        this.council = council;
        this.clock = clock;
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishAtStart() {
        publish();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void publishOnChange(ServiceStateChanged changed) {
        publish();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void publishOnChange(PaymentLinkChanged changed) {
        publish();
    }

    /** Writes the page under a temporary name and renames it, so a reader never sees half of it. */
    void publish() {
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(".index.html.partial");
            Files.writeString(temporary, html(), StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve("index.html"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.error("The static status page could not be written to {}: {}", directory, e.getMessage());
        }
    }

    String html() {
        StringBuilder rows = new StringBuilder();
        for (ServiceStatus status : switches.all()) {
            rows.append("<tr><th scope=\"row\">").append(escape(status.service().title())).append("</th><td>")
                    .append(escape(status.state().description())).append("</td><td>")
                    .append(status.message() == null ? "" : escape(status.message())).append("</td></tr>\n");
        }
        String council = escape(this.council.name());
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Service status - %s</title>
                <style>body{font-family:arial,sans-serif;margin:2em;max-width:60em;color:#0b0c0c}
                table{border-collapse:collapse;width:100%%}th,td{text-align:left;padding:.5em;border-bottom:1px solid #b1b4b6}</style>
                </head><body>
                <h1>%s: service status</h1>
                <p>Updated %s (London time). This page is published separately from our online services so that it
                stays up if they are down.</p>
                <table><thead><tr><th scope="col">Service</th><th scope="col">Status</th><th scope="col">What you need to know</th></tr></thead>
                <tbody>
                %s</tbody></table>
                %s</body></html>
                """.formatted(council, council, WHEN.format(clock.instant().atZone(ClockConfiguration.LONDON)), rows,
                paymentLinks());
    }

    /**
     * Where to pay when our own payment pages cannot be reached: GOV.UK Pay's payment links keep
     * working without Townhall. Shown whatever the switches say, because this page is read most
     * when Townhall is gone and its switches were never flipped.
     */
    private String paymentLinks() {
        Map<ResidentService, String> links = this.links.all();
        if (links.isEmpty()) {
            return "";
        }
        StringBuilder items = new StringBuilder();
        links.forEach((service, url) -> items.append("<li><a href=\"").append(escape(url)).append("\">")
                .append(escape(service.title())).append(" with GOV.UK Pay</a></li>\n"));
        return """
                <h2>If you cannot pay online with us</h2>
                <p>If our payment pages are not working, you can still pay through GOV.UK Pay, which is run separately
                from our services. Enter the reference from your bill or penalty charge notice exactly as it is shown,
                so that we can match your payment to your account when our services are back.</p>
                <ul>
                %s</ul>
                """.formatted(items);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
