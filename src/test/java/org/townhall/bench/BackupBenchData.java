package org.townhall.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.audit.store.HashChain;
import org.townhall.platform.SecretKeys;

/**
 * The backup benchmark's data, loaded once into its kept data directory: FACTOR x (1,000,000
 * chained audit rows, 100,000 payments with a balanced ledger, 2 GB of evidence objects). The
 * evidence bytes are random (ciphertext does not compress), in 1 MB objects; the small documents
 * the scale loader makes carry no real key, so they are marked destroyed (crypto-shredded), as a
 * drill must not try to open them.
 */
public final class BackupBenchData {

    private static final int OBJECT_BYTES = 1 << 20;

    private BackupBenchData() {
    }

    public static void loadOnce(ConfigurableApplicationContext app, DataSource superuser, double factor) throws Exception {
        ScaleLoader loader = new ScaleLoader(superuser, new HashChain(app.getBean(SecretKeys.class).auditHmacKey()));
        JdbcTemplate jdbc = new JdbcTemplate(superuser);
        if (Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass('bench.backup_load') is not null", Boolean.class))) {
            System.out.printf("Reusing the data loaded at %s%n", jdbc.queryForObject("select loaded_at from bench.backup_load", Object.class));
            return;
        }
        ScaleLoader.Volumes volumes = new ScaleLoader.Volumes(Math.round(1_000_000 * factor), Math.round(10_000 * factor),
                Math.round(10_000 * factor), Math.round(2_000 * factor), Math.round(100_000 * factor), Math.round(1_000 * factor));
        System.out.printf("Loading %s and %,d MB of evidence (the directory is kept for the next run)%n", volumes,
                Math.round(2048 * factor));
        loader.load(volumes);
        jdbc.execute("""
                set session_replication_role = replica;
                update evidence_document set wrapped_key = null, destroyed_at = now() where public_ref like 'BEV%';
                set session_replication_role = origin""");
        long objects = Math.round(2048 * factor);
        SplittableRandom random = new SplittableRandom(42);
        byte[] content = new byte[OBJECT_BYTES];
        try (Connection c = superuser.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into evidence_object (object_key, ciphertext) values (?, ?)")) {
            c.setAutoCommit(false);
            for (long i = 0; i < objects; i++) {
                for (int b = 0; b < content.length; b += 8) {
                    long word = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        content[b + k] = (byte) (word >>> (8 * k));
                    }
                }
                insert.setString(1, "bench-large-" + i);
                insert.setBytes(2, content);
                insert.executeUpdate();
                if (i % 64 == 63) {
                    c.commit();
                }
            }
            c.commit();
        }
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        }
        // The loader's bookkeeping is not Townhall's: out of the schema a backup copies and a drill recreates.
        jdbc.execute("""
                create schema if not exists bench;
                alter table bench_scale_load set schema bench;
                create table bench.backup_load as select now() as loaded_at""");
    }
}
