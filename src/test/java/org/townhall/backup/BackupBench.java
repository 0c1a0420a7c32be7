package org.townhall.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.townhall.TownhallApplication;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;

/**
 * Townhall's backup and restore drill against the bare tools on the same data in the same run:
 * a plain binary COPY of every table out (the work pg_dump does, without encryption, checksums or
 * a signed manifest) and back in (without verification). The data is FACTOR x (1,000,000 chained
 * audit rows, 100,000 payments with their ledger, 2 GB of evidence objects), loaded once by
 * {@code bench.BackupBenchData} into a data directory kept for the next run. Each side runs once
 * to warm up (AES-GCM is slow for a JVM's first seconds), then is timed. Run with bench/backup.sh.
 *
 * <p>The evidence objects live in the database (ADR 0023), so the bare COPY of evidence_object is
 * the copy of the evidence bytes: both sides write them to disk once, and the bench prints how many.
 * The bare side's files are fsynced at the end, as pg_dump does unless told --no-sync, so both
 * sides pay for durable bytes; the time without that fsync is printed too.
 */
public final class BackupBench {

    private BackupBench() {
    }

    public static void main(String[] args) throws Exception {
        double factor = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/backup-bench-" + factor).toAbsolutePath();
        Files.createDirectories(dir.resolve("keys"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn",
                "--townhall.embedded-database.clean=false",
                "--townhall.embedded-database.data-dir=" + dir.resolve("db"),
                "--townhall.keys.local-dir=" + dir.resolve("keys"),
                "--townhall.backup.directory=" + dir.resolve("backups"),
                "--townhall.backup.anchor-every=PT100H", "--townhall.pay.reconcile-first=PT100H")) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            DataSource superuser = server.dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE);
            org.townhall.bench.BackupBenchData.loadOnce(app, superuser, factor);
            JdbcTemplate jdbc = new JdbcTemplate(superuser);
            System.out.printf("In the database: %,d audit rows, %,d payments, %,d journal lines, %,d MB of evidence objects, %,d MB in all%n",
                    count(jdbc, "audit_event"), count(jdbc, "payment"), count(jdbc, "journal_line"),
                    jdbc.queryForObject("select coalesce(sum(length(ciphertext)), 0) / 1048576 from evidence_object", Long.class),
                    jdbc.queryForObject("select pg_database_size(current_database()) / 1048576", Long.class));

            Backups backups = app.getBean(Backups.class);
            RestoreDrills drills = app.getBean(RestoreDrills.class);
            Path offlineKey = dir.resolve("keys").resolve(BackupKeys.OFFLINE_KEY_FILE);
            Path bare = dir.resolve("bare-copy");
            List<String> tables = jdbc.queryForList("select tablename from pg_tables where schemaname = 'public' order by tablename",
                    String.class);

            AtomicReference<Progress> steps = new AtomicReference<>();
            long warming = System.nanoTime();
            backups.backup(steps::set);
            double firstBackup = seconds(warming);
            Duration firstWarmUp = steps.get().timeSpent().getOrDefault(Progress.Step.WARM_UP, Duration.ZERO);
            copyOut(superuser, tables, bare);
            fsync(bare);
            // Two timed rounds in opposite orders (the disk's state after one side's writes and
            // fsync is not the same for whichever side runs next); the best of each side counts.
            BackupSummary backup = null;
            Progress bestSteps = null;
            double townhallBackup = Double.MAX_VALUE;
            double bareBackup = Double.MAX_VALUE;
            double bareUnsynced = 0;
            long bareWrites = 0;
            long bareBytes = 0;
            List<String> rounds = new java.util.ArrayList<>();
            for (int round = 0; round < 2; round++) {
                double[] bareTimes = null;
                if (round == 1) {
                    bareTimes = bareCopy(superuser, tables, bare);
                }
                long started = System.nanoTime();
                backup = backups.backup(steps::set);
                double townhall = seconds(started);
                if (round == 0) {
                    bareTimes = bareCopy(superuser, tables, bare);
                }
                rounds.add(String.format("%s: Townhall %.2f s, bare %.2f s", round == 0 ? "Townhall first" : "bare first",
                        townhall, bareTimes[0]));
                if (townhall < townhallBackup) {
                    townhallBackup = townhall;
                    bestSteps = steps.get();
                }
                if (bareTimes[0] < bareBackup) {
                    bareBackup = bareTimes[0];
                    bareUnsynced = bareTimes[1];
                    bareWrites = bareWriteNanos;
                    bareBytes = (long) bareTimes[2];
                }
            }
            long bareEvidence = Files.size(bare.resolve(LogicalDump.EVIDENCE_TABLE + ".copy"));

            Flyway townhalls = app.getBean(Flyway.class);
            drills.drillLatest(offlineKey, p -> { });
            copyIn(server, townhalls, tables, bare);
            DrillResult drill = drills.drillLatest(offlineKey, p -> { });
            if (!drill.passed()) {
                throw new IllegalStateException("the drill failed: " + drill.problem());
            }
            double townhallRestore = drill.recoveryMillis() / 1000.0;
            long started = System.nanoTime();
            copyIn(server, townhalls, tables, bare);
            double bareRestore = seconds(started);
            FileSystemUtils.deleteRecursively(bare);

            System.out.printf("%nbackup:  Townhall %.2f s (%,d MB written, encrypted, hashed, signed, fsynced)   bare COPY %.2f s"
                            + " (%,d MB, of which %,d MB evidence objects, fsynced; %.2f s before the fsync)"
                            + "   speed ratio %.2f (aim >= 0.8)%n", townhallBackup, backup.bytes() / 1048576, bareBackup,
                    bareBytes / 1048576, bareEvidence / 1048576, bareUnsynced, bareBackup / townhallBackup);
            System.out.printf("  best of two rounds each (%s)%n", String.join("; ", rounds));
            System.out.printf("  the bare COPY spent %.2f s of its %.2f s writing its files, and %.2f s in its fsync%n",
                    bareWrites / 1e9, bareUnsynced, bareBackup - bareUnsynced);
            System.out.printf("  the first backup in this JVM (the warm-up run) took %.2f s, %.2f s of it compiling AES-GCM and SHA-256%n",
                    firstBackup, firstWarmUp.toNanos() / 1e9);
            System.out.printf("  where the timed backup's time went (summed over its workers):%n");
            bestSteps.timeSpent().forEach((step, time) ->
                    System.out.printf("    %-58s %6.2f s%n", step.description, time.toNanos() / 1e9));
            System.out.printf("restore: Townhall drill %.1f s (decrypted, checked, %,d rows, chains and ledger verified, %d evidence"
                            + " documents opened)   bare COPY in %.1f s   speed ratio %.2f (aim >= 0.6)%n", townhallRestore,
                    drill.rowsRestored(), drill.evidenceOpened(), bareRestore, bareRestore / townhallRestore);
            System.out.printf("recovery time of the drill: %.1f s; recovery point: %s%n", townhallRestore, drill.recoveryPoint());
        }
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Every table out as binary COPY, in one snapshot, as a plain dump would take it. */
    private static long copyOut(DataSource superuser, List<String> tables, Path to) throws Exception {
        FileSystemUtils.deleteRecursively(to);
        Files.createDirectories(to);
        long bytes = 0;
        try (Connection c = superuser.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                Path file = to.resolve(table + ".copy");
                try (TimedWrites timed = new TimedWrites(Files.newOutputStream(file));
                     OutputStream out = new BufferedOutputStream(timed, 1 << 20)) {
                    copy.copyOut("copy \"" + table + "\" to stdout (format binary)", out);
                }
                bytes += Files.size(file);
            }
            c.commit();
        }
        return bytes;
    }

    /** The bare copy out, fsynced at its end: seconds in all, seconds before the fsync, bytes. */
    private static double[] bareCopy(DataSource superuser, List<String> tables, Path to) throws Exception {
        long started = System.nanoTime();
        bareWriteNanos = 0;
        long bytes = copyOut(superuser, tables, to);
        double unsynced = seconds(started);
        fsync(to);
        return new double[] {seconds(started), unsynced, bytes};
    }

    /** Time the bare copy spends writing files, to set beside the backup's own "writing" step. */
    static long bareWriteNanos;

    private static final class TimedWrites extends java.io.FilterOutputStream {
        TimedWrites(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            long started = System.nanoTime();
            out.write(b, off, len);
            bareWriteNanos += System.nanoTime() - started;
        }
    }

    /** Every file to disk, after all are written, as pg_dump does at its end. */
    private static void fsync(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
    }

    /** A fresh database at the same schema, every table copied back in with triggers off, then dropped. */
    private static void copyIn(EmbeddedServer server, Flyway townhalls, List<String> tables, Path from) throws Exception {
        String name = "bare_restore";
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name + " owner " + DatabaseRoles.OWNER.roleName());
        }
        Flyway.configure().configuration(townhalls.getConfiguration()).dataSource(server.dataSource(DatabaseRoles.OWNER, name))
                .load().migrate();
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, name).getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local session_replication_role = replica");
            for (String table : tables) {
                s.execute("truncate \"" + table + "\" cascade");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(from.resolve(table + ".copy")), 1 << 20)) {
                    copy.copyIn("copy \"" + table + "\" from stdin (format binary)", in);
                }
            }
            c.commit();
        }
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database " + name + " with (force)");
        }
    }
}
