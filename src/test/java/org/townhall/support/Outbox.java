package org.townhall.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what Townhall "emailed", as a resident would read their inbox. */
@Component
public class Outbox {

    private static final Pattern LINK = Pattern.compile("\"(https?://[^\"]+)\"");

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> templatesSentTo(String email) {
        return jdbc.sql("select template from notification_outbox where recipient = :email order by id")
                .param("email", email).query(String.class).list();
    }

    /**
     * The path and query of the link in the latest message of this template to this address. Some
     * messages are queued off the request thread (a password reset), so it waits a little for one.
     */
    public String lastLink(String email, String template) {
        String fields = lastFields(email, template);
        Matcher link = LINK.matcher(fields);
        if (!link.find()) {
            throw new AssertionError("No link in the " + template + " message to " + email);
        }
        java.net.URI uri = java.net.URI.create(link.group(1));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The personalisation (as JSON) of the latest message of this template to this address, waiting up to 30 s for it. */
    public String lastFields(String email, String template) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                select personalisation::text from notification_outbox where recipient = :email and template = :template
                order by id desc limit 1""").param("email", email).param("template", template).query(String.class).optional(),
                Optional::isPresent).orElseThrow();
    }
}
