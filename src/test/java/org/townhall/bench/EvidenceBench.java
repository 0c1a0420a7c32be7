package org.townhall.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.townhall.TownhallApplication;
import org.townhall.evidence.CheckedFiles;
import org.townhall.evidence.DocumentSummary;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.evidence.Reader;
import org.townhall.evidence.crypto.EnvelopeCipher;
import org.townhall.evidence.store.DocumentStore;
import org.townhall.evidence.store.ObjectStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;

/**
 * Evidence reads per second through the real path (the owner check, decryption, an audit row in
 * the same transaction) against a baseline that reads the same stored bytes with one plain query,
 * in one run on the same embedded PostgreSQL; then uploads of 5 MB files per second through the
 * checks, the scanner, encryption and storage. Run with bench/evidence.sh.
 */
public final class EvidenceBench {

    private static int threads = 4;

    private EvidenceBench() {
    }

    public static void main(String[] args) throws Exception {
        int documentBytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024 * 1024;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        // Command-line arguments outrank application.yml, so the benchmark never touches ./data.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TownhallApplication.class).run(
                "--server.port=0", "--townhall.demo-data=false", "--logging.level.root=warn",
                "--townhall.embedded-database.clean=true",
                "--townhall.embedded-database.data-dir=" + Files.createTempDirectory("townhall-bench-db"),
                "--townhall.keys.local-dir=" + Files.createTempDirectory("townhall-bench-keys"))) {
            EvidenceVault vault = app.getBean(EvidenceVault.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String owner = PublicReferences.next();
            List<String> refs = new ArrayList<>();
            List<String> objectKeys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                DocumentSummary stored = vault.store(vault.check(List.of(new IncomingFile("scan.pdf", pdf(documentBytes))), owner),
                        owner, "CASE-BENCH").get(0);
                refs.add(stored.ref());
                objectKeys.add(jdbc.queryForObject("select object_key from evidence_document where public_ref = ?", String.class, stored.ref()));
            }
            // Each read is its own request, with its own request id, as in the running service: the audit
            // trail spreads requests over its parallel chains by request id.
            AtomicLong requests = new AtomicLong();
            Consumer<Integer> real = i -> vault.read(refs.get(i), Reader.resident(owner, "bench"),
                    new ClientOrigin("127.0.0.1", "bench-" + requests.incrementAndGet(), "bench")).orElseThrow();
            Consumer<Integer> plain = i -> jdbc.queryForObject("select ciphertext from evidence_object where object_key = ?",
                    byte[].class, objectKeys.get(i));
            // The real path without its audit row, to show where the time goes.
            DocumentStore documents = app.getBean(DocumentStore.class);
            ObjectStore objects = app.getBean(ObjectStore.class);
            EnvelopeCipher cipher = app.getBean(EnvelopeCipher.class);
            Consumer<Integer> unaudited = i -> {
                DocumentStore.DocumentRow row = documents.find(refs.get(i)).orElseThrow();
                cipher.open(new EnvelopeCipher.Sealed(objects.get(row.objectKey()).orElseThrow(), row.wrappedKey()), row.ref());
            };

            System.out.printf("warming up for %d s (AES-GCM and the JIT are slow for the first seconds)%n", warmUpSeconds);
            run(real, warmUpSeconds / 2, refs.size());
            run(plain, warmUpSeconds - warmUpSeconds / 2, refs.size());

            double baseline = run(plain, seconds, refs.size());
            double measured = run(real, seconds, refs.size());
            double withoutAudit = run(unaudited, seconds, refs.size());
            // Decryption alone, of ciphertext already in memory: no real path can be faster than
            // the plain query with this added, whatever else it saves.
            List<EnvelopeCipher.Sealed> sealed = new ArrayList<>();
            for (String ref : refs) {
                DocumentStore.DocumentRow row = documents.find(ref).orElseThrow();
                sealed.add(new EnvelopeCipher.Sealed(objects.get(row.objectKey()).orElseThrow(), row.wrappedKey()));
            }
            double decryptOnly = run(i -> cipher.open(sealed.get(i), refs.get(i)), seconds, refs.size());
            double ceiling = 1 / (1 / baseline + 1 / decryptOnly);
            System.out.printf("document size: %,d bytes, %d threads, %d s each%n", documentBytes, threads, seconds);
            System.out.printf("baseline (plain query of the stored bytes): %,.0f reads/s%n", baseline);
            System.out.printf("real path (owner check, decrypt, audit):    %,.0f reads/s%n", measured);
            System.out.printf("ratio real/baseline: %.2f (aim >= 0.9)%n", measured / baseline);
            System.out.printf("  of which: look-up, fetch and decrypt without the audit row: %,.0f reads/s (ratio %.2f)%n",
                    withoutAudit, withoutAudit / baseline);
            System.out.printf("  decryption alone: %,.0f reads/s; the plain query plus decryption, the most any real path can do: "
                    + "%,.0f reads/s (ratio %.2f)%n", decryptOnly, ceiling, ceiling / baseline);

            byte[] fiveMb = pdf(5 * 1024 * 1024);
            long uploads = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                CheckedFiles checked = vault.check(List.of(new IncomingFile("scan.pdf", fiveMb)), owner);
                vault.store(checked, owner, "CASE-UPLOAD");
                uploads++;
            }
            System.out.printf("uploads of 5 MB through checks, scan, encryption and storage: %.1f per second (one thread)%n",
                    uploads / ((System.nanoTime() - start) / 1e9));
        }
    }

    private static double run(Consumer<Integer> read, int seconds, int documents) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    read.accept(ThreadLocalRandom.current().nextInt(documents));
                    count.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** A plain PDF of about the given size: what a scanned letter looks like to the checks. */
    private static byte[] pdf(int size) {
        byte[] filler = new byte[size];
        Arrays.fill(filler, (byte) 'x');
        // Comment lines: bytes the checks read and the scanner scans, but no objects to walk.
        for (int i = 80; i + 1 < size; i += 80) {
            filler[i] = '\n';
            filler[i + 1] = '%';
        }
        // A whole page tree, as a real scan has: the checks refuse a PDF without one.
        String head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n%";
        String tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        byte[] out = new byte[head.length() + size + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
        System.arraycopy(filler, 0, out, head.length(), size);
        System.arraycopy(tail.getBytes(StandardCharsets.ISO_8859_1), 0, out, head.length() + size, tail.length());
        return out;
    }
}
