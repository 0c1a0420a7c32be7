package org.townhall.notifications.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.notifications.NotificationTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notification_outbox table. */
@Repository
public class OutboxStore {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Clock clock;

    public OutboxStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A queued or delivered message. */
    public record OutboxMessage(String reference, NotificationTemplate template, String recipient,
                                Map<String, String> personalisation, String status, int attempts,
                                Instant createdAt, Instant sentAt) {
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
    }

    public void add(String reference, NotificationTemplate template, String recipient, Map<String, String> personalisation) {
        jdbc.sql("""
                insert into notification_outbox (reference, template, recipient, personalisation, status, created_at)
                values (:reference, :template, :recipient, cast(:fields as jsonb), 'PENDING', :now)""")
                .param("reference", reference).param("template", template.name()).param("recipient", recipient)
                .param("fields", JSON.writeValueAsString(personalisation)).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Locks one pending message so only one instance delivers it. */
    public Optional<OutboxMessage> lockPending(String reference) {
        return jdbc.sql("select * from notification_outbox where reference = :reference and status = 'PENDING' for update skip locked")
                .param("reference", reference).query((rs, n) -> read(rs)).optional();
    }

    public List<String> pendingReferences(int limit) {
        return jdbc.sql("select reference from notification_outbox where status = 'PENDING' and attempts < 10 order by id limit :limit")
                .param("limit", limit).query(String.class).list();
    }

    public void markSent(String reference, String providerId, boolean forgetContent) {
        jdbc.sql("""
                update notification_outbox set status = 'SENT', sent_at = :now, provider_id = :provider,
                    attempts = attempts + 1,
                    personalisation = case when :forget then null else personalisation end
                where reference = :reference""")
                .param("now", Timestamp.from(clock.instant())).param("provider", providerId)
                .param("forget", forgetContent).param("reference", reference).update();
    }

    public void markAttemptFailed(String reference) {
        jdbc.sql("update notification_outbox set attempts = attempts + 1, status = case when attempts + 1 >= 10 then 'FAILED' else status end where reference = :reference")
                .param("reference", reference).update();
    }

    public List<OutboxMessage> latest(int limit) {
        return jdbc.sql("select * from notification_outbox order by id desc limit :limit")
                .param("limit", limit).query((rs, n) -> read(rs)).list();
    }

    private static OutboxMessage read(ResultSet rs) throws SQLException {
        String fields = rs.getString("personalisation");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMessage(rs.getString("reference"), NotificationTemplate.valueOf(rs.getString("template")),
                rs.getString("recipient"), fields == null ? null : JSON.readValue(fields, FIELDS),
                rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
