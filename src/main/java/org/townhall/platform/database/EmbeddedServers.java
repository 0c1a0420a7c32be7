package org.townhall.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The default profile's PostgreSQL servers, one per data directory per JVM (test contexts that
 * share a directory share a server). A server is started on a thread of its own as soon as the
 * configuration names its directory ({@link StartDatabaseEarly}), so the second or so PostgreSQL
 * takes to start overlaps Spring building the application instead of adding to it; the data
 * source waits for it only when it needs it.
 */
final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Map<Path, CompletableFuture<EmbeddedPostgres>> SERVERS = new ConcurrentHashMap<>();

    private EmbeddedServers() {
    }

    /** Starts the server for {@code dataDir} on its own thread unless it is started or starting. */
    static void startInBackground(Path dataDir, boolean clean) {
        Path dir = dataDir.toAbsolutePath().normalize();
        SERVERS.computeIfAbsent(dir, d -> {
            CompletableFuture<EmbeddedPostgres> starting = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    starting.complete(start(d, clean));
                } catch (RuntimeException | Error e) {
                    starting.completeExceptionally(e);
                }
            }, "embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
            return starting;
        });
    }

    /** The server for {@code dataDir}, started here if nothing started it earlier; waits for it to be up. */
    static EmbeddedPostgres server(Path dataDir, boolean clean) {
        startInBackground(dataDir, clean);
        try {
            return SERVERS.get(dataDir.toAbsolutePath().normalize()).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * Stops every server now. Only for a class-data training run ({@code spring.context.exit=onRefresh}),
     * which halts the JVM without running shutdown handlers and would leave PostgreSQL running.
     */
    static void stopAll() {
        SERVERS.forEach((dir, server) -> server.thenAccept(s -> stop(s, dir)).join());
        SERVERS.clear();
    }

    private static EmbeddedPostgres start(Path dir, boolean clean) {
        try {
            Files.createDirectories(dir);
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    // Each application context in a test JVM keeps its own pool of ten connections.
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // Stopped after every application context in this JVM has closed (their event
                    // registries still write on the way down), not by a hook racing them.
                    .setRegisterShutdownHook(false)
                    .start();
            SpringApplication.getShutdownHandlers().add(() -> stop(server, dir));
            log.info("Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
                    server.getPort(), dir, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static void stop(EmbeddedPostgres server, Path dir) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }
}
