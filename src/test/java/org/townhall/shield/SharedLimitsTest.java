package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.townhall.TownhallApplication;

/**
 * Two Townhall instances and a real Redis: while Redis answers they enforce one limit together (a
 * client cannot get twice its allowance by being balanced across two servers); while it does not,
 * each starts, and counts, alone, and goes back to sharing when Redis returns. redis-server is
 * started and killed by the test (CI installs it: apt-get install redis-server).
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedLimitsTest {

    private static final int ALLOWANCE = 6;
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static Process redis;
    private static int redisPort;
    private static Path redisDir;
    private static String startOutput;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Both instances start while nothing listens on Redis's port, as when Redis is down. */
    @BeforeAll
    static void start(CapturedOutput output) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        redisDir = Files.createTempDirectory("townhall-redis");
        first = instance();
        second = instance();
        startOutput = output.getOut();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(TownhallApplication.class).profiles("test").run("--server.port=0",
                "--townhall.shield.enabled=true", "--townhall.shield.bulk-per-minute=" + ALLOWANCE,
                "--townhall.shield.redis-url=redis://127.0.0.1:" + redisPort,
                // The test reconnects each instance itself when it starts Redis: no background retry meanwhile.
                "--townhall.shield.redis-retry-every=PT1H",
                // Behind a trusted proxy on this machine, so each test can be a client of its own.
                "--server.forward-headers-strategy=native", "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
                "--logging.level.root=warn");
    }

    @AfterAll
    static void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        redisDown();
    }

    private static void redisUp() throws Exception {
        if (redis == null || !redis.isAlive()) {
            redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(redisPort), "--save", "",
                    "--appendonly", "no", "--dir", redisDir.toString()).redirectErrorStream(true)
                    .redirectOutput(redisDir.resolve("redis.log").toFile()).start();
            for (int i = 0; i < 100 && !listening(redisPort); i++) {
                Thread.sleep(50);
            }
            assertThat(listening(redisPort)).as("redis-server started (apt-get install redis-server)").isTrue();
        }
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {first, second}) {
            SharedBuckets shared = sharedOf(instance);
            shared.reconnectIfNeeded();
            assertThat(shared.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    private static void redisDown() throws Exception {
        if (redis != null && redis.isAlive()) {
            redis.destroy();
            assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static SharedBuckets sharedOf(ConfigurableApplicationContext instance) {
        return instance.getBean(RateLimits.class).shared().orElseThrow();
    }

    private static double failuresOf(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter("townhall.shield.shared.failures").count();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A client address no other test has used, so its buckets start full. */
    private static String aClient() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    private int bulkRequest(ConfigurableApplicationContext instance, String clientAddress) throws Exception {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40b.c")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int allowedOutOf(int requests, String clientAddress) throws Exception {
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            if (bulkRequest(i % 2 == 0 ? first : second, clientAddress) != 429) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void anInstanceStartsWithoutRedisSayingSoInOneLineWithoutAStackTrace() {
        assertThat(first.isRunning()).isTrue();
        assertThat(second.isRunning()).isTrue();
        assertThat(startOutput).contains("Redis at 127.0.0.1:" + redisPort + " is not answering")
                .contains("this instance counts every client's requests alone until it does")
                .doesNotContain("\tat io.lettuce").doesNotContain("Caused by");
    }

    @Test
    void whileRedisIsDownEachInstanceEnforcesTheLimitAlone() throws Exception {
        redisDown();
        String someone = aClient();
        assertThat(allowedOutOf(2 * ALLOWANCE, someone)).as("six at each instance").isEqualTo(2 * ALLOWANCE);
        assertThat(bulkRequest(first, someone)).isEqualTo(429);
        assertThat(bulkRequest(second, someone)).isEqualTo(429);
        assertThat(sharedOf(first).state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void twoInstancesGiveOneClientOneAllowanceBetweenThemOnceRedisIsBack() throws Exception {
        redisDown();
        redisUp();
        String someone = aClient();
        assertThat(allowedOutOf(2 * ALLOWANCE, someone)).as("six a minute across both instances, not six each").isEqualTo(ALLOWANCE);
        assertThat(bulkRequest(first, someone)).isEqualTo(429);
        assertThat(bulkRequest(second, someone)).isEqualTo(429);
    }

    @Test
    void whenRedisDiesEachInstanceFallsBackAtOnceAndStopsAskingIt() throws Exception {
        redisUp();
        String someone = aClient();
        assertThat(bulkRequest(first, someone)).isNotEqualTo(429);
        redisDown();

        assertThat(bulkRequest(first, someone)).as("answered, not refused, when Redis fails").isNotIn(429, 500, 503);
        assertThat(sharedOf(first).state()).as("the first failure opens the breaker").isEqualTo(CircuitBreaker.State.OPEN);
        double failures = failuresOf(first);
        int allowed = 0;
        for (int i = 0; i < 2 * ALLOWANCE; i++) {
            allowed += bulkRequest(first, someone) == 429 ? 0 : 1;
        }
        assertThat(failuresOf(first)).as("no request asked Redis while the breaker was open").isEqualTo(failures);
        assertThat(allowed).as("the limit still holds, counted by this instance").isLessThanOrEqualTo(ALLOWANCE);
        assertThat(bulkRequest(first, someone)).isEqualTo(429);
    }
}
