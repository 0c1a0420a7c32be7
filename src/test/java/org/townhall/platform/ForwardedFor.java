package org.townhall.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sends a request claiming to be forwarded for an address, and reads what the audit trail recorded. */
final class ForwardedFor {

    private ForwardedFor() {
    }

    static String recordedAddressOf(int port, JdbcClient jdbc, String forwardedFor) throws Exception {
        long before = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/account"))
                .header("X-Forwarded-For", forwardedFor).GET().build(), HttpResponse.BodyHandlers.discarding());
        return jdbc.sql("select host(client_address) from audit_event where id > :id and action = 'ACCESS_DENIED' order by id limit 1")
                .param("id", before).query(String.class).single();
    }
}
