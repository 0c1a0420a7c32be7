package org.townhall.backup;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;
import org.townhall.audit.ChainHead;
import org.townhall.backup.Progress.Step;

/**
 * A consistent logical copy of every table: one repeatable-read, read-only snapshot, so every
 * table, sequence, audit head and the ledger's sum are as they stood at one instant, copied with
 * PostgreSQL's binary COPY. The schema itself is not copied: it is Flyway's, recreated on restore
 * at the recorded version (ADR 0023). Runs as the application role, which may read everything.
 * With more than one worker the tables are copied side by side, largest first, each worker on its
 * own connection in the same snapshot (exported by the first and imported by the others, as
 * pg_dump's parallel mode does), so one table's encryption overlaps another's COPY.
 */
final class LogicalDump {

    /** The evidence objects' table: the bulk of most backups, timed apart. */
    static final String EVIDENCE_TABLE = "evidence_object";

    interface Sink {
        /** A file of the backup, ready for a table's bytes (encrypted, hashed and stored on the way). */
        EncryptedFile open(String fileName) throws IOException;
    }

    record Snapshot(String schemaVersion, List<Manifest.File> files, List<Manifest.Sequence> sequences,
                    List<ChainHead> auditHeads, long ledgerSumPence) {
    }

    private LogicalDump() {
    }

    static long estimateBytes(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("select coalesce(sum(pg_table_size(c.oid)), 0) from pg_class c "
                     + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Snapshot dump(DataSource dataSource, int workers, Progress progress, Sink sink)
            throws SQLException, IOException {
        try (Connection leader = dataSource.getConnection()) {
            leader.setAutoCommit(false);
            try (Statement s = leader.createStatement()) {
                long started = System.nanoTime();
                s.execute("set transaction isolation level repeatable read, read only");
                String snapshot = workers > 1 ? single(s, "select pg_export_snapshot()") : null;
                String version = single(s, "select version from flyway_schema_history where success and version is not null "
                        + "order by installed_rank desc limit 1");
                List<Manifest.Sequence> sequences = sequences(s);
                List<ChainHead> heads = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("select distinct on (chain) chain, id, row_hash from audit_event order by chain, id desc")) {
                    while (rows.next()) {
                        heads.add(new ChainHead(rows.getInt(1), rows.getLong(2), HexFormat.of().formatHex(rows.getBytes(3))));
                    }
                }
                long ledgerSum = Long.parseLong(single(s, "select coalesce(sum(amount_pence), 0) from journal_line"));
                Queue<String> largestFirst = new ConcurrentLinkedQueue<>(tablesLargestFirst(s));
                progress.spent(Step.SNAPSHOT, System.nanoTime() - started);
                List<Manifest.File> files = copyAll(dataSource, leader, snapshot, workers, largestFirst, progress, sink);
                leader.commit();
                files.sort(Comparator.comparing(Manifest.File::name));
                return new Snapshot(version, files, sequences, heads, ledgerSum);
            } finally {
                leader.rollback();
                leader.setAutoCommit(true);
            }
        }
    }

    /** A table copied, encrypted and written, not yet fsynced nor visible. */
    private record Written(EncryptedFile file, String table, long rows) {
    }

    /**
     * The leader copies too; each other worker joins the leader's snapshot on a connection of its
     * own. The leader's transaction stays open until every worker is done, as an exported snapshot
     * lives only as long as the transaction that exported it. One failure stops the rest. Files
     * are fsynced and published only once every table is written, as pg_dump syncs at its end:
     * an fsync while other files are being written makes the file system flush those too, and
     * stalls the workers writing them. Until then nothing is listed, and the manifest comes later still.
     */
    private static List<Manifest.File> copyAll(DataSource dataSource, Connection leader, String snapshot, int workers,
                                               Queue<String> tables, Progress progress, Sink sink)
            throws SQLException, IOException {
        List<Written> written = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            copyAllSideBySide(dataSource, leader, snapshot, workers, tables, progress, sink, written);
            List<Manifest.File> files = new ArrayList<>();
            for (Written w : written) {
                files.add(w.file().publish(w.table(), w.rows()));
            }
            return files;
        } finally {
            // Every unpublished file is discarded, even if discarding one of them fails; the failure
            // that stopped the backup is the one reported.
            for (Written w : written) {
                try {
                    w.file().close();
                } catch (IOException e) {
                    LoggerFactory.getLogger(LogicalDump.class).warn("Could not discard backup file: {}", e.getMessage());
                }
            }
        }
    }

    private static void copyAllSideBySide(DataSource dataSource, Connection leader, String snapshot, int workers,
                                          Queue<String> tables, Progress progress, Sink sink, List<Written> written)
            throws SQLException, IOException {
        int helpers = Math.min(workers, tables.size()) - 1;
        if (helpers <= 0) {
            copyEach(leader, tables, progress, sink, written);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, "backup-copy");
            t.setDaemon(true);
            return t;
        });
        List<Future<Void>> running = new ArrayList<>();
        try {
            for (int i = 0; i < helpers; i++) {
                running.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        try (Statement s = c.createStatement()) {
                            s.execute("set transaction isolation level repeatable read, read only");
                            s.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                            copyEach(c, tables, progress, sink, written);
                            c.commit();
                        } finally {
                            c.rollback();
                            c.setAutoCommit(true);
                        }
                    } catch (SQLException | IOException | RuntimeException e) {
                        tables.clear();
                        throw e;
                    }
                    return null;
                }));
            }
            copyEach(leader, tables, progress, sink, written);
            for (Future<Void> worker : running) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the backup was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            tables.clear();
            for (Future<Void> worker : running) {
                try {
                    worker.get();
                } catch (InterruptedException | ExecutionException alreadyReported) {
                    // the first failure is the one thrown
                }
            }
            pool.shutdownNow();
        }
    }

    private static void copyEach(Connection c, Queue<String> tables, Progress progress, Sink sink, List<Written> written)
            throws SQLException, IOException {
        for (String table = tables.poll(); table != null; table = tables.poll()) {
            progress.step(table);
            String name = "tables/" + table + ".bin";
            EncryptedFile file = sink.open(name);
            long rows;
            try {
                long started = System.nanoTime();
                long insideBefore = file.nanosInside();
                // The manifest's row count is the one COPY reports for the rows it sent, in the same
                // snapshot: a second scan to count them would read every table twice.
                rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("copy \"" + table + "\" to stdout (format binary)", file.plaintext());
                progress.spent(EVIDENCE_TABLE.equals(table) ? Step.COPY_EVIDENCE : Step.COPY_TABLES,
                        System.nanoTime() - started - (file.nanosInside() - insideBefore));
                file.seal();
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    file.close();
                } catch (IOException discarding) {
                    e.addSuppressed(discarding);
                }
                throw e;
            }
            written.add(new Written(file, table, rows));
        }
    }

    /** Townhall's tables, largest first (heap and TOAST), so that no worker starts a big one last. */
    private static List<String> tablesLargestFirst(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = s.executeQuery("select tablename from pg_tables where schemaname = 'public' "
                + "and tablename <> 'flyway_schema_history' "
                + "order by pg_table_size(format('%I.%I', schemaname, tablename)::regclass) desc, tablename")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    static List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = s.executeQuery("select tablename from pg_tables where schemaname = 'public' "
                + "and tablename <> 'flyway_schema_history' order by tablename")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static List<Manifest.Sequence> sequences(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = s.executeQuery("select sequencename from pg_sequences where schemaname = 'public' order by 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<Manifest.Sequence> sequences = new ArrayList<>();
        for (String name : names) {
            try (ResultSet rows = s.executeQuery("select last_value, is_called from \"" + name + "\"")) {
                rows.next();
                sequences.add(new Manifest.Sequence(name, rows.getLong(1), rows.getBoolean(2)));
            }
        }
        return sequences;
    }

    static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
