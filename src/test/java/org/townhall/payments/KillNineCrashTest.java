package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.Visitor;

/**
 * Townhall is killed with SIGKILL (kill -9) in a separate JVM after the payment provider has taken
 * the money and before Townhall has recorded it, and again in the middle of a refund. After each
 * restart, reconciliation settles exactly one success (one refund) and the ledger balances. The
 * sandbox's "slow provider" card holds the provider's answer back long enough to kill in between.
 */
class KillNineCrashTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static Process townhall;
    private static int port;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Path.of("target/crash-test-postgres"))
                .setCleanDataDirectory(true).start();
        DataSource data = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(data);
    }

    @AfterAll
    static void stop() throws IOException {
        if (townhall != null) {
            townhall.destroyForcibly();
        }
        postgres.close();
    }

    @Test
    void aKillAfterTheProviderTookTheMoneyAndAnotherMidRefundEachSettleExactlyOnce() throws Exception {
        start();
        Visitor ben = new Visitor(port);
        ben.get("/sign-in");
        assertThat(ben.post("/sign-in", "email", "ben.hughes@example.com", "password", "eastbridge-demo-resident").location())
                .endsWith("/account");
        String accountRef = first(Pattern.compile("/council-tax/([A-Za-z0-9_-]{20,})\""), ben.get("/account").body());
        long balanceBefore = balance("council-tax:" + accountRef);
        String key = CouncilTaxPaymentTest.keyOn(ben.get("/council-tax/" + accountRef));
        String cardPage = URIs.path(ben.post("/council-tax/" + accountRef + "/pay", "choice", "other", "amount", "25.00",
                "idempotencyKey", key).location());
        ben.get(cardPage);
        // The slow card: authorised, then confirmed; the provider records the charge, then takes its time answering.
        assertThat(ben.post(cardPage, "cardNumber", "4000000000000101", "expiry", "12/30",
                "cardholderName", "Ben Hughes", "securityCode", "123").location()).endsWith("/confirm");
        CompletableFuture.runAsync(() -> ben.post(cardPage + "/confirm"));
        waitUntil(Duration.ofSeconds(30), () -> count("select count(*) from sandbox_charge where status = 'success'") == 1);
        killNine();

        String reference = jdbc.sql("select reference from payment").query(String.class).single();
        assertThat(jdbc.sql("select state from payment").query(String.class).single()).isNotEqualTo("SUCCESS");
        assertThat(count("select count(*) from journal_entry where source = 'payment:" + reference + "'")).isZero();

        start();
        waitUntil(Duration.ofSeconds(60), () -> "SUCCESS".equals(jdbc.sql("select state from payment").query(String.class).single()));
        assertThat(count("select count(*) from journal_entry where source = 'payment:" + reference + "'")).isEqualTo(1);
        assertThat(balance("council-tax:" + accountRef)).isEqualTo(balanceBefore - 2_500);
        assertThat(count("select count(*) from sandbox_charge")).isEqualTo(1);
        assertBalanced();

        Visitor officer = financeOfficer();
        String paymentRef = jdbc.sql("select public_ref from payment").query(String.class).single();
        officer.get("/staff/payments/" + paymentRef);
        CompletableFuture.runAsync(() -> officer.post("/staff/payments/" + paymentRef + "/refunds", "amount", "10.00",
                "reason", "Paid too much"));
        waitUntil(Duration.ofSeconds(30), () -> count("select count(*) from sandbox_refund where status = 'success'") == 1);
        killNine();
        assertThat(jdbc.sql("select state from refund").query(String.class).single()).isEqualTo("SUBMITTED");

        start();
        waitUntil(Duration.ofSeconds(60), () -> "SUCCESS".equals(jdbc.sql("select state from refund").query(String.class).single()));
        assertThat(count("select count(*) from journal_entry where source like 'refund:%'")).isEqualTo(1);
        assertThat(balance("council-tax:" + accountRef)).isEqualTo(balanceBefore - 2_500 + 1_000);
        assertThat(jdbc.sql("select refunded_pence from payment").query(Long.class).single()).isEqualTo(1_000);
        assertBalanced();
    }

    private static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.townhall.TownhallApplication",
                "--server.port=" + port,
                "--townhall.embedded-database.enabled=false",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--townhall.keys.local-dir=target/crash-test-keys",
                "--townhall.base-url=http://localhost:" + port,
                "--townhall.pay.sandbox-slow-for=PT120S",
                "--townhall.pay.reconcile-after=PT1S", "--townhall.pay.reconcile-first=PT1S", "--townhall.pay.reconcile-every=PT1S"));
        Files.createDirectories(Path.of("target"));
        townhall = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/crash-test-townhall.log"))).start();
        HttpClient http = HttpClient.newHttpClient();
        waitUntil(Duration.ofSeconds(120), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** SIGKILL, as an operator's kill -9 or the kernel's out-of-memory killer: no shutdown hooks, nothing flushed. */
    private static void killNine() throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(townhall.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        townhall.waitFor();
        assertThat(townhall.exitValue()).isEqualTo(137);
    }

    private static Visitor financeOfficer() throws Exception {
        Visitor officer = new Visitor(port);
        officer.get("/staff/sign-in");
        assertThat(officer.post("/staff/sign-in", "email", "finance.officer@eastbridge.example", "password", "eastbridge-demo-staff")
                .location()).endsWith("/staff/authenticator/set-up");
        String secret = first(Pattern.compile("<code class=\"townhall-codes\">([A-Z2-7]+)</code>"),
                officer.get("/staff/authenticator/set-up").body());
        String code = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 1000 / 30);
        officer.post("/staff/authenticator/set-up", "code", code);
        assertThat(officer.get("/staff").status()).isEqualTo(200);
        return officer;
    }

    private static long balance(String account) {
        return jdbc.sql("select coalesce(sum(amount_pence), 0) from journal_line where account = :a").param("a", account)
                .query(Long.class).single();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void assertBalanced() {
        assertThat(count("select count(*) from (select entry_id from journal_line group by entry_id having sum(amount_pence) <> 0) x"))
                .isZero();
    }

    private static void waitUntil(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !townhall.isAlive()) {
                throw new AssertionError("Gave up waiting (Townhall " + (townhall.isAlive() ? "running" : "exited")
                        + "); see target/crash-test-townhall.log");
            }
            Thread.sleep(250);
        }
    }

    private static String first(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }
}
