package org.townhall.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;
import org.townhall.audit.ChainHead;

/**
 * A consistent logical copy of every table: one repeatable-read, read-only transaction, so every
 * table, sequence, audit head and the ledger's sum are as they stood at one instant, copied with
 * PostgreSQL's binary COPY. The schema itself is not copied: it is Flyway's, recreated on restore
 * at the recorded version (ADR 0023). Runs as the application role, which may read everything.
 */
final class LogicalDump {

    interface Sink {
        /** Where a table's bytes go (encrypted on the way); closing the stream finishes that file. */
        OutputStream open(String fileName) throws IOException;

        /** The file is complete: publish it and note it for the manifest. */
        void closed(String fileName, String table, long rows) throws IOException;
    }

    record Snapshot(String schemaVersion, List<Manifest.Sequence> sequences, List<ChainHead> auditHeads, long ledgerSumPence) {
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

    static Snapshot dump(Connection connection, Progress progress, Sink sink) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("set transaction isolation level repeatable read, read only");
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
            for (String table : tables(s)) {
                progress.step(table);
                long count = Long.parseLong(single(s, "select count(*) from \"" + table + "\""));
                String file = "tables/" + table + ".bin";
                try (CountingStream counted = new CountingStream(sink.open(file), progress)) {
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("copy \"" + table + "\" to stdout (format binary)", counted);
                }
                sink.closed(file, table, count);
            }
            connection.commit();
            return new Snapshot(version, sequences, heads, ledgerSum);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
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

    /** Counts what passes, for the manifest and the progress line. */
    static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private final Progress progress;
        long count;

        CountingStream(OutputStream out, Progress progress) {
            // progress may be null: count only
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
            if (progress != null) {
                progress.add(1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            if (progress != null) {
                progress.add(len);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
