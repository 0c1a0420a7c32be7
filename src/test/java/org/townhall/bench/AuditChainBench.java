package org.townhall.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.store.AuditEventStore;
import org.townhall.audit.store.HashChain;
import org.townhall.audit.store.StoredEvent;

/**
 * How long verifying the audit chain takes at scale: writes N chained rows (default 1,000,000)
 * into a fresh embedded PostgreSQL, then times (a) the baseline, streaming every row with the same
 * query and no hashing, and (b) the full verification walk. Prints both and their ratio.
 * Run with bench/audit-chain.sh.
 */
public final class AuditChainBench {

    private AuditChainBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("townhall-bench-pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("fsync", "off").start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            HashChain chain = new HashChain(key);

            long writeStart = System.nanoTime();
            write(dataSource, chain, rows);
            System.out.printf("wrote %,d chained rows in %.1f s%n", rows, (System.nanoTime() - writeStart) / 1e9);

            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("vacuum analyze audit_event");
            AuditEventStore store = new AuditEventStore(jdbc, new NamedParameterJdbcTemplate(jdbc));
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            JdbcTemplate streaming = new JdbcTemplate(dataSource);
            streaming.setFetchSize(5_000);

            for (int round = 1; round <= 3; round++) {
                long readStart = System.nanoTime();
                long[] read = new long[1];
                tx.executeWithoutResult(s -> streaming.query("select id, occurred_at, action, outcome, actor_type, actor_ref, "
                        + "subject_ref, object_ref, host(client_address) as client_address, request_id, detail, prev_hash, row_hash "
                        + "from audit_event where id > 0 order by id", rs -> {
                            rs.getBytes("row_hash");
                            read[0]++;
                        }));
                double readSeconds = (System.nanoTime() - readStart) / 1e9;

                long verifyStart = System.nanoTime();
                AuditEventStore.ChainWalk walk = tx.execute(s -> store.walk(chain, 0));
                double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
                if (walk.brokenAt() != null) {
                    throw new IllegalStateException("the generated chain should verify, broke at " + walk.brokenAt());
                }
                System.out.printf("round %d: baseline read %,d rows in %.2f s | verification %,d rows in %.2f s "
                        + "(%,.0f rows/s) | ratio verify/read %.2f%n", round, read[0], readSeconds, walk.rows(),
                        verifySeconds, walk.rows() / verifySeconds, verifySeconds / readSeconds);
            }
        }
    }

    private static void write(DataSource dataSource, HashChain chain, int rows) throws Exception {
        Mac mac = chain.newMac();
        byte[][] previous = new byte[8][];
        java.util.Arrays.fill(previous, HashChain.GENESIS);
        HexFormat hex = HexFormat.of();
        Instant start = HashChain.toStoredPrecision(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            StringBuilder batch = new StringBuilder();
            for (int i = 1; i <= rows; i++) {
                StoredEvent row = new StoredEvent(i, i % 8, start.plusMillis(i * 37L), i % 3 == 0 ? "SIGN_IN_FAILED" : "SIGN_IN_SUCCEEDED",
                        i % 3 == 0 ? "FAILURE" : "SUCCESS", "RESIDENT", "ref" + (i % 5000), "ref" + (i % 5000), null,
                        "198.51." + (i % 200) + "." + (i % 250 + 1), "req-" + i, null);
                byte[] hash = HashChain.hash(mac, previous[row.chain()], row);
                batch.append(row.id()).append('\t').append(row.chain()).append('\t').append(row.occurredAt()).append('\t').append(row.action()).append('\t')
                        .append(row.outcome()).append('\t').append(row.actorType()).append('\t').append(row.actorRef()).append('\t')
                        .append(row.subjectRef()).append("\t\\N\t").append(row.clientAddress()).append('\t').append(row.requestId())
                        .append("\t\\N\t\\\\x").append(hex.formatHex(previous[row.chain()])).append("\t\\\\x").append(hex.formatHex(hash)).append('\n');
                previous[row.chain()] = hash;
                if (i % 50_000 == 0 || i == rows) {
                    pg.getCopyAPI().copyIn("copy audit_event (id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, "
                            + "object_ref, client_address, request_id, detail, prev_hash, row_hash) from stdin", new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            connection.createStatement().execute("select setval('audit_event_id_seq', " + rows + ")");
        }
    }
}
