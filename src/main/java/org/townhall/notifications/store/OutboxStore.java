package org.townhall.notifications.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.platform.ClockConfiguration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notification_outbox table. */
@Repository
public class OutboxStore {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };
    /** The column last_error holds at most this much (V29). */
    private static final int ERROR_LENGTH = 300;

    private final JdbcClient jdbc;
    private final Clock clock;

    public OutboxStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A queued or delivered message, and where its delivery has got to. */
    public record OutboxMessage(String reference, NotificationTemplate template, String recipient,
                                Map<String, String> personalisation, String status, int attempts,
                                Instant createdAt, Instant sentAt, Instant nextAttemptAt, Instant retryUntil,
                                Instant lastAttemptAt, String lastError, Instant givenUpAt) {
        public String subject() {
            return template.subject();
        }

        public String body() {
            return personalisation == null ? "(delivered; content not kept)" : template.render(personalisation);
        }

        /** The links in the body, so a demo can click them from the outbox page. */
        public List<String> links() {
            return LINK.matcher(body()).results().map(m -> m.group()).toList();
        }

        /** What kind of message it is, without its content: "Verify email". */
        public String kind() {
            String words = template.name().replace('_', ' ').toLowerCase(Locale.ROOT);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }

        public String maskedRecipient() {
            return mask(recipient);
        }

        public boolean givenUp() {
            return "FAILED".equals(status);
        }

        public ZonedDateTime nextAttemptLondon() {
            return nextAttemptAt == null ? null : nextAttemptAt.atZone(ClockConfiguration.LONDON);
        }

        public ZonedDateTime givenUpLondon() {
            return givenUpAt == null ? null : givenUpAt.atZone(ClockConfiguration.LONDON);
        }

        /** The first letter and the domain: enough for support to match a caller, too little to harvest. */
        public static String mask(String email) {
            int at = email.indexOf('@');
            return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
        }
    }

    public void add(String reference, NotificationTemplate template, String recipient, Map<String, String> personalisation) {
        jdbc.sql("""
                insert into notification_outbox (reference, template, recipient, personalisation, status, created_at)
                values (:reference, :template, :recipient, cast(:fields as jsonb), 'PENDING', :now)""")
                .param("reference", reference).param("template", template.name()).param("recipient", recipient)
                .param("fields", JSON.writeValueAsString(personalisation)).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Takes one message for a single attempt if it is due: its next attempt moves to
     * {@code claimedUntil} in the same statement, so no other sender (on this instance or
     * another) can take it until the attempt is over or the claim has run out.
     */
    public Optional<OutboxMessage> claim(String reference, Instant now, Instant claimedUntil) {
        return jdbc.sql("""
                update notification_outbox set next_attempt_at = :until
                where reference = :reference and status = 'PENDING' and coalesce(next_attempt_at, created_at) <= :now
                returning *""")
                .param("until", Timestamp.from(claimedUntil)).param("reference", reference)
                .param("now", Timestamp.from(now)).query((rs, n) -> read(rs)).optional();
    }

    /** As {@link #claim}, for the message that has been due longest; rows another sender holds are skipped. */
    public Optional<OutboxMessage> claimNextDue(Instant now, Instant claimedUntil) {
        return jdbc.sql("""
                update notification_outbox set next_attempt_at = :until
                where id = (select id from notification_outbox
                            where status = 'PENDING' and coalesce(next_attempt_at, created_at) <= :now
                            order by coalesce(next_attempt_at, created_at), id
                            limit 1 for update skip locked)
                returning *""")
                .param("until", Timestamp.from(claimedUntil)).param("now", Timestamp.from(now))
                .query((rs, n) -> read(rs)).optional();
    }

    public void markSent(String reference, String providerId, boolean forgetContent) {
        jdbc.sql("""
                update notification_outbox set status = 'SENT', sent_at = :now, provider_id = :provider,
                    attempts = attempts + 1, last_attempt_at = :now, next_attempt_at = null,
                    personalisation = case when :forget then null else personalisation end
                where reference = :reference""")
                .param("now", Timestamp.from(clock.instant())).param("provider", providerId)
                .param("forget", forgetContent).param("reference", reference).update();
    }

    /** One real attempt failed: counted, and the message waits until {@code nextAttempt}. */
    public void markAttemptFailed(String reference, String error, Instant attemptedAt, Instant nextAttempt, Instant retryUntil) {
        jdbc.sql("""
                update notification_outbox set attempts = attempts + 1, last_attempt_at = :at, last_error = :error,
                    next_attempt_at = :next, retry_until = :until
                where reference = :reference and status = 'PENDING'""")
                .param("at", Timestamp.from(attemptedAt)).param("error", shorten(error))
                .param("next", Timestamp.from(nextAttempt)).param("until", Timestamp.from(retryUntil))
                .param("reference", reference).update();
    }

    /** The last attempt failed and the message's time is up: no more attempts until staff send it again. */
    public void markGivenUp(String reference, String error, Instant attemptedAt) {
        jdbc.sql("""
                update notification_outbox set status = 'FAILED', attempts = attempts + 1, last_attempt_at = :at,
                    last_error = :error, given_up_at = :at, next_attempt_at = null
                where reference = :reference and status = 'PENDING'""")
                .param("at", Timestamp.from(attemptedAt)).param("error", shorten(error)).param("reference", reference)
                .update();
    }

    /** Not attempted (the provider is paused): not counted, and due again when the pause ends. */
    public void postpone(String reference, Instant until) {
        jdbc.sql("update notification_outbox set next_attempt_at = :until where reference = :reference and status = 'PENDING'")
                .param("until", Timestamp.from(until)).param("reference", reference).update();
    }

    /**
     * Puts a message Townhall gave up on back in the queue, due at once, with a fresh schedule.
     * False if there is no such message or it was not given up on: nothing changes then.
     */
    public boolean sendAgain(String reference, Instant retryUntil) {
        return jdbc.sql("""
                update notification_outbox set status = 'PENDING', attempts = 0, next_attempt_at = null,
                    retry_until = :until, given_up_at = null
                where reference = :reference and status = 'FAILED'""")
                .param("until", Timestamp.from(retryUntil)).param("reference", reference).update() == 1;
    }

    public Optional<OutboxMessage> find(String reference) {
        return jdbc.sql("select * from notification_outbox where reference = :reference")
                .param("reference", reference).query((rs, n) -> read(rs)).optional();
    }

    public List<OutboxMessage> latest(int limit) {
        return jdbc.sql("select * from notification_outbox order by id desc limit :limit")
                .param("limit", limit).query((rs, n) -> read(rs)).list();
    }

    /** Messages given up on and messages still waiting to be delivered, newest first. */
    public List<OutboxMessage> undelivered(int limit) {
        return jdbc.sql("select * from notification_outbox where status <> 'SENT' order by id desc limit :limit")
                .param("limit", limit).query((rs, n) -> read(rs)).list();
    }

    private static String shorten(String error) {
        return error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
    }

    private static OutboxMessage read(ResultSet rs) throws SQLException {
        String fields = rs.getString("personalisation");
        return new OutboxMessage(rs.getString("reference"), NotificationTemplate.valueOf(rs.getString("template")),
                rs.getString("recipient"), fields == null ? null : JSON.readValue(fields, FIELDS),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "next_attempt_at"), instant(rs, "retry_until"), instant(rs, "last_attempt_at"),
                rs.getString("last_error"), instant(rs, "given_up_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
