package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.RawRequest;
import org.townhall.support.TownhallTest;

/** The provider's webhook: believed only with a good signature, and then only as a prompt to ask the provider. */
@TownhallTest
class ProviderNotificationTest {

    private static final String SECRET = "test-webhook-signing-secret";

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired PaymentProvider provider;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;

    /** A council tax account with £12 taken by the sandbox provider and not yet settled in Townhall. */
    private BillingFixtures.CouncilTaxFixture aPaymentTakenByTheProvider() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(resident.ref()).build();
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("12.00"), Payments.newIdempotencyKey(), ClientOrigin.system());
        ((SandboxProvider) provider).pay(providerIdOf(account), "4444333322221111");
        return account;
    }

    private String providerIdOf(BillingFixtures.CouncilTaxFixture account) {
        return jdbc.sql("select provider_id from payment where paying_for = :a").param("a", account.ref()).query(String.class).single();
    }

    @Test
    void aSignedNotificationSettlesThePaymentOnceAndAReplayChangesNothing() throws Exception {
        BillingFixtures.CouncilTaxFixture account = aPaymentTakenByTheProvider();
        String providerId = providerIdOf(account);
        String body = "{\"webhook_message_id\": \"msg-" + System.nanoTime() + "\", \"api_version\": 1, \"resource_type\": \"payment\","
                + " \"event_type\": \"card_payment_succeeded\", \"resource_id\": \"" + providerId + "\","
                + " \"resource\": {\"state\": {\"status\": \"success\"}, \"amount\": 99999999}}";

        assertThat(send(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(stateOf(account)).isEqualTo("SUCCESS");
        // The amount in the message is ignored: the ledger has what the payment was for.
        assertThat(jdbc.sql("select amount_pence from payment where paying_for = :a").param("a", account.ref()).query(Long.class).single())
                .isEqualTo(1_200);
        long before = audit.lastId();
        assertThat(send(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED");
        assertThat(jdbc.sql("select count(*) from journal_entry e join payment p on e.source = 'payment:' || p.reference "
                + "where p.paying_for = :a").param("a", account.ref()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadMissingOrForeignSignatureIsRefusedAndRecordedAndChangesNothing() throws Exception {
        BillingFixtures.CouncilTaxFixture account = aPaymentTakenByTheProvider();
        String providerId = providerIdOf(account);
        String body = "{\"webhook_message_id\": \"msg-" + System.nanoTime() + "\", \"resource_id\": \"" + providerId + "\"}";
        long before = audit.lastId();
        assertThat(send(body, null).statusCode()).isEqualTo(401);
        String signature = sign(body);
        // One hex digit changed, always to another digit (a fixed "00" prefix was the real one 1 time in 256).
        String tampered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(send(body, tampered).statusCode()).isEqualTo(401);
        assertThat(send(body + " ", sign(body)).statusCode()).isEqualTo(401);
        assertThat(send("not json", sign("not json")).statusCode()).isEqualTo(400);
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED", "WEBHOOK_REFUSED", "WEBHOOK_REFUSED", "WEBHOOK_REFUSED");
        assertThat(stateOf(account)).isEqualTo("CREATED");
    }

    @Test
    void aBodyDeclaredLargerThanANotificationIsRefusedBeforeItIsRead() throws Exception {
        long before = audit.lastId();
        // Two gigabytes declared and ten bytes sent: an answer that waits for the rest never comes.
        assertThat(RawRequest.statusLineOfUnfinished(port, "POST /payments/provider-notifications HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nPay-Signature: 00\r\nContent-Length: 2147483648\r\n\r\n{\"a\": 1234"))
                .startsWith("HTTP/1.1 413");
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED");
    }

    @Test
    void aBodySentWithoutALengthIsReadNoFurtherThanANotificationCanBe() throws Exception {
        long before = audit.lastId();
        byte[] body = new byte[200 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/provider-notifications"))
                .header("Content-Type", "application/json").header("Pay-Signature", sign(new String(body, StandardCharsets.US_ASCII)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED");
    }

    @Test
    void aMultipartBodyDeclaredLargerThanANotificationIsRefusedBeforeItIsRead() throws Exception {
        long before = audit.lastId();
        // Fifty megabytes declared, under the upload limit the challenge form needs, and a few bytes
        // sent: the parts were read (to disk) before the webhook was asked, so the answer waited for them.
        assertThat(RawRequest.statusLineOfUnfinished(port, "POST /payments/provider-notifications HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 52428800\r\n\r\n--XX\r\n"))
                .startsWith("HTTP/1.1 413");
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED");
    }

    @Test
    void aMultipartBodySentWithoutALengthIsRefusedUnreadAsNoNotification() throws Exception {
        long before = audit.lastId();
        java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();
        parts.writeBytes("--XX\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.bin\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        parts.writeBytes(new byte[2 * 1024 * 1024]);
        parts.writeBytes("\r\n--XX--\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] body = parts.toByteArray();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/provider-notifications"))
                .header("Content-Type", "multipart/form-data; boundary=XX")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        // It was read whole, two megabytes of it to disk, and only then refused as unsigned (401).
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
        assertThat(audit.actionsSince(before)).containsExactly("WEBHOOK_REFUSED");
    }

    private String stateOf(BillingFixtures.CouncilTaxFixture account) {
        return jdbc.sql("select state from payment where paying_for = :a").param("a", account.ref()).query(String.class).single();
    }

    private HttpResponse<String> send(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/provider-notifications"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Pay-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
