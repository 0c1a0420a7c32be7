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

    public LanguageModel() {
        this(load());
    }

    LanguageModel(Model<Label> model) {
        this.model = model;
    }

    /** The probability (0 to 1) that a message is spam or phishing, from its wording and make. */
    public double spamProbability(ParsedMail mail) {
        if (model == null) {
            return 0;
        }
        Map<String, Double> features = LanguageFeatures.of(mail);
        if (features.isEmpty()) {
            return 0;
        }
        String[] names = features.keySet().toArray(String[]::new);
        double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelsOf.UNKNOWN, names, values));
        Label spam = prediction.getOutputScores().get(LabelsOf.SPAM);
        return spam == null ? 0 : spam.getScore();
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
