package org.townhall.platform.database;

import java.io.IOException;
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
 * takes to start, and setting up its roles, overlaps Spring building the application instead of
 * adding to it; the data source waits for it only when it needs it.
 */
final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Map<Path, CompletableFuture<EmbeddedServer>> SERVERS = new ConcurrentHashMap<>();

    private EmbeddedServers() {
    }

    /** Starts the server for {@code dataDir} on its own thread unless it is started or starting. */
    static void startInBackground(Path dataDir, Path keyDir, boolean clean) {
        Path dir = dataDir.toAbsolutePath().normalize();
        SERVERS.computeIfAbsent(dir, d -> {
            CompletableFuture<EmbeddedServer> starting = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    starting.complete(start(d, keyDir, clean));
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
    static EmbeddedServer server(Path dataDir, Path keyDir, boolean clean) {
        startInBackground(dataDir, keyDir, clean);
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

    private static EmbeddedServer start(Path dir, Path keyDir, boolean clean) {
        long started = System.nanoTime();
        EmbeddedServer server = EmbeddedServer.start(dir, keyDir, clean);
        // Stopped after every application context in this JVM has closed (their event registries
        // still write on the way down), not by a hook racing them.
        SpringApplication.getShutdownHandlers().add(() -> stop(server, dir));
        log.info("Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
                server.port(), dir, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    private static void stop(EmbeddedServer server, Path dir) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }
}
