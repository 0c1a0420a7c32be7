package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.townhall.TownhallApplication;

/**
 * Two Townhall instances sharing one real Redis enforce one limit together: a client cannot get
 * twice its allowance by being balanced across two servers. redis-server is started by the test
 * (CI installs it: apt-get install redis-server).
 */
class SharedLimitsTest {

    private static Process redis;
    private static int redisPort;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("townhall-redis");
        redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(redisPort), "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int i = 0; i < 100 && !listening(redisPort); i++) {
            Thread.sleep(50);
        }
        assertThat(listening(redisPort)).as("redis-server started (apt-get install redis-server)").isTrue();
        first = instance();
        second = instance();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(TownhallApplication.class).profiles("test").run("--server.port=0",
                "--townhall.shield.enabled=true", "--townhall.shield.bulk-per-minute=6",
                "--townhall.shield.redis-url=redis://127.0.0.1:" + redisPort, "--logging.level.root=warn");
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (redis != null) {
            redis.destroy();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int bulkLookUp(ConfigurableApplicationContext instance) throws Exception {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40b.c")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void twoInstancesGiveOneClientOneAllowanceBetweenThem() throws Exception {
        int allowed = 0;
        for (int i = 0; i < 12; i++) {
            if (bulkLookUp(i % 2 == 0 ? first : second) != 429) {
                allowed++;
            }
        }
        assertThat(allowed).as("six a minute across both instances, not six each").isEqualTo(6);
        assertThat(bulkLookUp(first)).isEqualTo(429);
        assertThat(bulkLookUp(second)).isEqualTo(429);
    }
}
