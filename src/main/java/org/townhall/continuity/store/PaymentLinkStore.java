package org.townhall.continuity.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment_link table: one GOV.UK Pay payment link per payment service, or none. */
@Repository
public class PaymentLinkStore {

    private final JdbcClient jdbc;

    public PaymentLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record LinkRow(String service, String url) {
    }

    public List<LinkRow> all() {
        return jdbc.sql("select service, url from payment_link order by service")
                .query((rs, n) -> new LinkRow(rs.getString("service"), rs.getString("url"))).list();
    }

    public void set(String service, String url, Instant now, String by) {
        jdbc.sql("""
                insert into payment_link (service, url, changed_at, changed_by) values (:service, :url, :now, :by)
                on conflict (service) do update set url = excluded.url, changed_at = excluded.changed_at,
                    changed_by = excluded.changed_by""")
                .param("service", service).param("url", url).param("now", Timestamp.from(now)).param("by", by).update();
    }

    public boolean remove(String service) {
        return jdbc.sql("delete from payment_link where service = :service").param("service", service).update() > 0;
    }
}
