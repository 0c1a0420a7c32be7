package org.townhall.mail.checks;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/** DKIM (RFC 6376) by Apache jDKIM, keys looked up through our {@link Dns}: which signing domains verify. */
public final class Dkim {

    /** The d= of every signature that verified, and of every one that did not. */
    public record Signatures(List<String> passed, List<String> failed) {
        public static final Signatures NONE = new Signatures(List.of(), List.of());

        public boolean signed() {
            return !passed.isEmpty() || !failed.isEmpty();
        }
    }

    private final PublicKeyRecordRetriever keys;

    public Dkim(Dns dns) {
        this.keys = (method, selector, domain) -> {
            if (!"dns/txt".contentEquals(method)) {
                throw new PermFailException("only dns/txt keys are supported");
            }
            try {
                List<String> records = dns.lookup(selector + "._domainkey." + domain, Dns.Type.TXT);
                if (records.isEmpty()) {
                    throw new PermFailException("no key for signature " + selector + "._domainkey." + domain);
                }
                return records;
            } catch (Dns.TemporaryFailure e) {
                throw new TempFailException(e.getMessage());
            }
        };
    }

    public Signatures verify(byte[] message) {
        DKIMVerifier verifier = new DKIMVerifier(keys);
        try {
            verifier.verify(new ByteArrayInputStream(message));
        } catch (FailException | java.io.IOException | RuntimeException noValidSignature) {
            // Each signature's own result is read below.
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Result result : verifier.getResults()) {
            String domain = result.getRecord() == null || result.getRecord().getDToken() == null ? "invalid"
                    : result.getRecord().getDToken().toString().toLowerCase(Locale.ROOT);
            (result.isSuccess() ? passed : failed).add(domain);
        }
        return new Signatures(passed, failed);
    }
}
