package org.townhall.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the audit trail holds, for assertions. */
@Component
public class AuditRows {

    private final JdbcClient jdbc;

    public AuditRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    /** The action codes recorded after the given row, oldest first. */
    public List<String> actionsSince(long afterId) {
        return jdbc.sql("select action from audit_event where id > :id order by id").param("id", afterId)
                .query(String.class).list();
    }

    public List<String> detailsSince(long afterId, String action) {
        return jdbc.sql("select coalesce(object_ref, '') || ' ' || coalesce(detail, '') from audit_event where id > :id and action = :action order by id")
                .param("id", afterId).param("action", action).query(String.class).list();
    }
}
