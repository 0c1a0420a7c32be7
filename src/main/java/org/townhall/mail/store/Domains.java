package org.townhall.mail.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the relay remembers about domains: which it has seen before, and which analysts have blocked. */
@Repository
public class Domains {

    private final JdbcClient jdbc;

    public Domains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean seen(String domain, String kind) {
        return jdbc.sql("select exists (select 1 from mail_domain_seen where domain = :d and kind = :k)")
                .param("d", domain).param("k", kind).query(Boolean.class).single();
    }

    public void remember(Collection<String> domains, String kind, Instant now) {
        String[] names = domains.stream().filter(d -> d != null && !d.isBlank() && d.length() < 256).distinct().toArray(String[]::new);
        if (names.length > 0) {
            jdbc.sql("""
                    insert into mail_domain_seen (domain, kind, first_seen_at) select d, :k, :now from unnest(cast(:d as text[])) as d
                    on conflict do nothing""").param("d", names).param("k", kind).param("now", Timestamp.from(now)).update();
        }
    }

    public Optional<String> blockReason(String domain) {
        return jdbc.sql("select reason from mail_blocked_domain where domain = :d").param("d", domain).query(String.class).optional();
    }

    public boolean block(String domain, String reason, String by, Instant now) {
        return jdbc.sql("""
                insert into mail_blocked_domain (domain, reason, blocked_by, blocked_at) values (:d, :reason, :by, :now)
                on conflict (domain) do nothing""")
                .param("d", domain).param("reason", MessageStore.clip(reason, 300)).param("by", by).param("now", Timestamp.from(now))
                .update() == 1;
    }
}
