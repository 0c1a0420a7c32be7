package org.townhall.mail.language;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.townhall.mail.message.ParsedMail;

/**
 * The trained language classifier (logistic regression by Tribuo, trained by
 * {@link LanguageTraining} on the public SpamAssassin corpus and shipped as a resource). Without
 * the resource every text scores 0 and screening runs on its rules alone.
 */
@Component
public class LanguageModel {

    static final String RESOURCE = "/mail/language-model.tribuo.gz";
    private static final Logger log = LoggerFactory.getLogger(LanguageModel.class);

    private final Model<Label> model;
    private final Weights weights;

    public LanguageModel() {
        this(load());
    }

    LanguageModel(Model<Label> model) {
        this.model = model;
        this.weights = Weights.of(model);
    }

    /** The probability (0 to 1) that a message is spam or phishing, from its wording and make. */
    public double spamProbability(ParsedMail mail) {
        LanguageFeatures.Counts counts = LanguageFeatures.count(mail);
        if (counts.isEmpty()) {
            return 0;
        }
        if (weights != null) {
            return weights.spamProbability(counts);
        }
        if (model == null) {
            return 0;
        }
        return byTribuo(LanguageFeatures.of(mail));
    }

    /** Tribuo's own prediction: what {@link Weights} must agree with. */
    double byTribuo(Map<String, Double> features) {
        String[] names = features.keySet().toArray(String[]::new);
        double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelsOf.UNKNOWN, names, values));
        Label spam = prediction.getOutputScores().get(LabelsOf.SPAM);
        return spam == null ? 0 : spam.getScore();
    }

    /**
     * The trained logistic regression read out as arrays indexed by bucket. Two labels under a
     * softmax give P(spam) = 1 / (1 + e^-(s_spam - s_ham)), so one weight per feature (spam's
     * minus ham's) and one bias say everything; scoring is then a sum over the message's buckets
     * instead of Tribuo's lookup of every feature by name, several times faster per message.
     */
    record Weights(double[] words, double[] headers, Map<String, Double> named, double bias) {

        static Weights of(Model<Label> model) {
            if (!(model instanceof org.tribuo.classification.sgd.linear.LinearSGDModel linear)) {
                return null;
            }
            int spam = model.getOutputIDInfo().getID(new Label(LabelsOf.SPAM));
            int ham = model.getOutputIDInfo().getID(new Label(LabelsOf.HAM));
            if (spam < 0 || ham < 0) {
                return null;
            }
            org.tribuo.math.la.DenseMatrix w = linear.getWeightsCopy();
            double[] words = new double[LanguageFeatures.BUCKETS];
            double[] headers = new double[LanguageFeatures.BUCKETS];
            Map<String, Double> named = new java.util.HashMap<>();
            for (var feature : model.getFeatureIDMap()) {
                int id = model.getFeatureIDMap().getID(feature.getName());
                double weight = w.get(spam, id) - w.get(ham, id);
                String name = feature.getName();
                Integer bucket = bucket(name);
                if (bucket != null && name.charAt(0) == 'w') {
                    words[bucket] = weight;
                } else if (bucket != null && name.charAt(0) == 'h') {
                    headers[bucket] = weight;
                } else {
                    named.put(name, weight);
                }
            }
            int biasColumn = w.getDimension2Size() - 1;
            return new Weights(words, headers, Map.copyOf(named), w.get(spam, biasColumn) - w.get(ham, biasColumn));
        }

        private static Integer bucket(String name) {
            if (name.length() < 2 || (name.charAt(0) != 'w' && name.charAt(0) != 'h')) {
                return null;
            }
            try {
                int b = Integer.parseInt(name, 1, name.length(), 10);
                return b >= 0 && b < LanguageFeatures.BUCKETS ? b : null;
            } catch (NumberFormatException notABucket) {
                return null;
            }
        }

        double spamProbability(LanguageFeatures.Counts counts) {
            double sum = bias;
            for (int i = 0; i < counts.wordsN; i++) {
                int b = counts.wordsUsed[i];
                sum += words[b] * Math.log1p(counts.words[b]);
            }
            for (int i = 0; i < counts.headersN; i++) {
                int b = counts.headersUsed[i];
                sum += headers[b] * Math.log1p(counts.headers[b]);
            }
            for (var e : counts.named.entrySet()) {
                sum += named.getOrDefault(e.getKey(), 0.0) * e.getValue();
            }
            return 1 / (1 + Math.exp(-sum));
        }
    }

    @SuppressWarnings("unchecked")
    private static Model<Label> load() {
        try (InputStream in = LanguageModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                log.warn("No language model at {}: mail wording is scored by rules alone", RESOURCE);
                return null;
            }
            return (Model<Label>) Model.deserializeFromStream(new GZIPInputStream(in));
        } catch (IOException | RuntimeException e) {
            log.warn("The language model could not be read ({}): mail wording is scored by rules alone", e.toString());
            return null;
        }
    }

    /** The two labels the model knows. */
    static final class LabelsOf {
        static final String SPAM = "spam";
        static final String HAM = "ham";
        static final Label UNKNOWN = org.tribuo.classification.LabelFactory.UNKNOWN_LABEL;

        private LabelsOf() {
        }
    }
}
