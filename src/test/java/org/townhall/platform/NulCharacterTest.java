package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.AuditRows;
import org.townhall.support.RawRequest;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A NUL character cannot be stored in PostgreSQL text: a form or query carrying one, found by an
 * attack, reached the database from the anonymous pay page, the council tax link, a refund's reason
 * and the incident forms and answered 500. It is now a bad request before anything reads it.
 */
@TownhallTest
class NulCharacterTest {

    @LocalServerPort int port;
    @Autowired AuditRows audit;

    @Test
    void aNulCharacterInAFormIsABadRequestAndChangesNothing() {
        Visitor visitor = new Visitor(port);
        visitor.get("/pay/council-tax");
        long before = audit.lastId();

        Visitor.Page answer = visitor.post("/pay/council-tax", "accountNumber", "4001\u00002345", "postcode", "EB1 4GR",
                "amount", "1.00", "email", "payer@example.com");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("could not understand that request").doesNotContain("Exception");
        assertThat(audit.actionsSince(before)).isEmpty();
    }

    @Test
    void aNulCharacterInAQueryOrAParameterNameIsABadRequest() {
        for (String query : new String[] {"next=%2Faccount%00", "x%00y=1"}) {
            RawRequest.Answer answer = RawRequest.send(port, "GET /sign-in?" + query + " HTTP/1.1", "Host: localhost", "Accept: text/html");
            assertThat(answer.status()).as(query).isEqualTo(400);
        }
    }
}
