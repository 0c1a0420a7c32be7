package org.townhall.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Each test JVM starts its database clean, so it starts its backup store clean too: audit anchors
 * left by an earlier run name rows of a database that no longer exists, and verification would
 * rightly call the new trail cut back.
 */
public class FreshBackupStore implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        delete(Path.of("target/test-backups"));
        delete(Path.of("target/test-status-page"));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
