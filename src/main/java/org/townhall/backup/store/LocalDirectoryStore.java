package org.townhall.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The default store: a directory, ideally on another disk or a mounted share the database
 * server cannot reach. Objects are written as hidden temporary files and renamed into place
 * (atomic on one file system), then made read-only; the lock's expiry is kept as the file's
 * modification time. A local directory cannot stop the operating-system user Townhall runs as
 * from removing files: for retention the application cannot shorten, use object lock.
 */
public class LocalDirectoryStore implements BackupStore {

    private final Path root;

    public LocalDirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Upload create(String name, Instant lockedUntil) throws IOException {
        Path target = resolve(name);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(".partial-" + UUID.randomUUID() + "-" + target.getFileName());
        OutputStream out = Files.newOutputStream(temporary);
        return new Upload() {
            private boolean published;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public void publish() throws IOException {
                out.close();
                if (Files.exists(target)) {
                    Files.deleteIfExists(temporary);
                    throw new FileAlreadyExistsException(name);
                }
                try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.setLastModifiedTime(temporary, FileTime.from(lockedUntil));
                readOnly(temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                published = true;
            }

            @Override
            public void close() throws IOException {
                out.close();
                if (!published) {
                    Files.deleteIfExists(temporary);
                }
            }
        };
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(resolve(name));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path base = root.resolve(prefix).normalize();
        Path walkFrom = Files.isDirectory(base) ? base : base.getParent();
        if (walkFrom == null || !Files.isDirectory(walkFrom)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(walkFrom)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".partial-"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.startsWith(prefix))
                    .sorted().toList();
        }
    }

    @Override
    public int discardAbandonedUploads(Instant writtenBefore) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> abandoned;
        try (Stream<Path> files = Files.walk(root)) {
            abandoned = files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(".partial-"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant().isBefore(writtenBefore);
                        } catch (IOException gone) {
                            return false;
                        }
                    }).toList();
        }
        int removed = 0;
        for (Path file : abandoned) {
            removed += Files.deleteIfExists(file) ? 1 : 0;
        }
        return removed;
    }

    @Override
    public long size(String name) throws IOException {
        return Files.size(resolve(name));
    }

    @Override
    public void delete(String name, Instant now) throws IOException {
        Path file = resolve(name);
        Instant lockedUntil = Files.getLastModifiedTime(file).toInstant();
        if (now.isBefore(lockedUntil)) {
            throw new IllegalStateException(name + " is locked until " + lockedUntil);
        }
        Files.delete(file);
    }

    @Override
    public String describe() {
        return "local directory " + root;
    }

    private Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || name.contains("..")) {
            throw new IllegalArgumentException("Not a name in the backup store: " + name);
        }
        return path;
    }

    private static void readOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadOnly();
        }
    }
}
