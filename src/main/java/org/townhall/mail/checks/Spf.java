package org.townhall.mail.checks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;

/**
 * SPF (RFC 7208) by Apache jSPF over our {@link Dns}: may this client address send for the
 * MAIL FROM domain (or, for a bounce with an empty MAIL FROM, the HELO name)? jSPF keeps the
 * RFC's limits itself (10 DNS-querying terms, void lookups).
 */
public final class Spf {

    /** The result and the domain it was evaluated for (needed for DMARC alignment). */
    public record Result(String result, String domain) {
        public boolean passed() {
            return "pass".equals(result);
        }
    }

    private final SPF spf;

    public Spf(Dns dns) {
        DNSService service = new Adapter(dns);
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(org.apache.james.jspf.core.DNSServiceEnabled.class, service);
        MacroExpand macros = new MacroExpand(service);
        wiring.put(org.apache.james.jspf.core.MacroExpandEnabled.class, macros);
        this.spf = new SPF(service, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)), macros,
                new SynchronousSPFExecutor(service));
        wiring.put(org.apache.james.jspf.core.SPFCheckEnabled.class, spf);
    }

    public Result check(String clientAddress, String mailFrom, String helo) {
        String from = mailFrom == null ? "" : mailFrom;
        String heloName = helo == null || helo.isBlank() ? "unknown" : helo;
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : heloName;
        try {
            String result = spf.checkSPF(clientAddress, from, heloName).getResult();
            return new Result(result == null ? "temperror" : result.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT));
        } catch (RuntimeException broken) {
            return new Result("permerror", domain.toLowerCase(Locale.ROOT));
        }
    }

    /** jSPF's view of DNS: null means no records; a timeout is temperror. */
    private record Adapter(Dns dns) implements DNSService {

        @Override
        public List<String> getRecords(DNSRequest request) throws org.apache.james.jspf.core.exceptions.TimeoutException {
            Dns.Type type = switch (request.getRecordType()) {
                case DNSRequest.A -> Dns.Type.A;
                case DNSRequest.AAAA -> Dns.Type.AAAA;
                case DNSRequest.MX -> Dns.Type.MX;
                case DNSRequest.PTR -> Dns.Type.PTR;
                case DNSRequest.TXT -> Dns.Type.TXT;
                default -> null;
            };
            if (type == null) {
                return null;
            }
            try {
                List<String> records = dns.lookup(request.getHostname(), type);
                return records.isEmpty() ? null : records;
            } catch (Dns.TemporaryFailure e) {
                throw new org.apache.james.jspf.core.exceptions.TimeoutException(e.getMessage());
            }
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            try {
                return CompletableFuture.completedFuture(getRecords(request));
            } catch (org.apache.james.jspf.core.exceptions.TimeoutException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public List<String> getLocalDomainNames() {
            return List.of("localhost");
        }

        @Override
        public void setTimeOut(int timeOut) {
        }

        @Override
        public int getRecordLimit() {
            return 10;
        }

        @Override
        public void setRecordLimit(int recordLimit) {
        }
    }
}
