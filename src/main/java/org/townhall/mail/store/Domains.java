package org.townhall.mail.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the relay remembers about domains: which it has seen before, and which analysts have blocked.
 * Every message asks both several times, so answers are kept in memory: a domain once seen stays
 * seen (the table only grows), and the blocked list, a few hundred rows at most, is read again
 * every {@link #BLOCKED_FRESH_FOR} or at once when this instance blocks one (another instance's
 * block reaches this one within that time; the domain's mail is quarantined meanwhile anyway).
 */
@Repository
public class Domains {

    static final Duration BLOCKED_FRESH_FOR = Duration.ofSeconds(30);
    private static final int SEEN_KEPT = 200_000;

    private final JdbcClient jdbc;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> blocked;
    private volatile long blockedReadAt;

    public Domains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean seen(String domain, String kind) {
        String key = kind + " " + domain;
        if (seen.contains(key)) {
            return true;
        }
        boolean found = jdbc.sql("select exists (select 1 from mail_domain_seen where domain = :d and kind = :k)")
                .param("d", domain).param("k", kind).query(Boolean.class).single();
        if (found && seen.size() < SEEN_KEPT) {
            seen.add(key);
        }
        return found;
    }

    public void remember(Collection<String> domains, String kind, Instant now) {
        String[] names = domains.stream().filter(d -> d != null && !d.isBlank() && d.length() < 256)
                .filter(d -> !seen.contains(kind + " " + d)).distinct().toArray(String[]::new);
        if (names.length > 0) {
            jdbc.sql("""
                    insert into mail_domain_seen (domain, kind, first_seen_at) select d, :k, :now from unnest(cast(:d as text[])) as d
                    on conflict do nothing""").param("d", names).param("k", kind).param("now", Timestamp.from(now)).update();
            afterCommit(() -> {
                for (String name : names) {
                    if (seen.size() < SEEN_KEPT) {
                        seen.add(kind + " " + name);
                    }
                }
            });
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    public Optional<String> blockReason(String domain) {
        Map<String, String> current = blocked;
        if (current == null || System.nanoTime() - blockedReadAt > BLOCKED_FRESH_FOR.toNanos()) {
            Map<String, String> read = new HashMap<>();
            jdbc.sql("select domain, reason from mail_blocked_domain").query((rs, n) -> read.put(rs.getString(1), rs.getString(2))).list();
            current = Map.copyOf(read);
            blocked = current;
            blockedReadAt = System.nanoTime();
        }
        return Optional.ofNullable(current.get(domain));
    }

    public boolean block(String domain, String reason, String by, Instant now) {
        boolean added = jdbc.sql("""
                insert into mail_blocked_domain (domain, reason, blocked_by, blocked_at) values (:d, :reason, :by, :now)
                on conflict (domain) do nothing""")
                .param("d", domain).param("reason", MessageStore.clip(reason, 300)).param("by", by).param("now", Timestamp.from(now))
                .update() == 1;
        forgetBlockedList();
        return added;
    }

    /** The list is read again on its next use, after the block commits (a read before the commit would not see it). */
    private void forgetBlockedList() {
        blocked = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    blocked = null;
                }
            });
        }
    }
}
