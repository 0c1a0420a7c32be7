package org.townhall.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the relay in front of the council's mail server behaves. Every value has a default that
 * works with no configuration: the relay on 127.0.0.1:2525 delivering into the embedded mailbox.
 */
@ConfigurationProperties("townhall.mail")
public record MailSettings(Boolean enabled, Relay relay, List<String> domains, String reportAddress, Downstream downstream,
                           Verdicts verdicts, Impersonation impersonation, Links links, String dns, String dnsRecords,
                           String resultHeader) {

    public MailSettings {
        enabled = enabled == null || enabled;
        relay = relay == null ? new Relay(null, null, null, null, null, null, null, null, null, null) : relay;
        domains = domains == null || domains.isEmpty() ? List.of("eastbridge.example", "eastbridge.gov.uk")
                : domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
        reportAddress = reportAddress == null || reportAddress.isBlank() ? "report-phishing@" + domains.get(0)
                : reportAddress.trim().toLowerCase(Locale.ROOT);
        downstream = downstream == null ? new Downstream(null, null, null) : downstream;
        verdicts = verdicts == null ? new Verdicts(null, null) : verdicts;
        impersonation = impersonation == null ? new Impersonation(null, null, null) : impersonation;
        links = links == null ? new Links(null, null, null) : links;
        // "local": answers from the records file (tests and the default profile); "system": the machine's resolvers.
        dns = dns == null || dns.isBlank() ? "local" : dns;
        resultHeader = resultHeader == null || resultHeader.isBlank() ? "X-Townhall-Screening" : resultHeader;
    }

    /** True when the address is at one of the council's own domains (or a subdomain of one). */
    public boolean isCouncilDomain(String domain) {
        String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        return domains.stream().anyMatch(own -> d.equals(own) || d.endsWith("." + own));
    }

    /**
     * The SMTP side. SIZE defaults to 25 MB, the limit most mail services set. A client address
     * may hold 10 connections at once and open 60 a minute: a busy sending service needs a few,
     * a flood many.
     */
    public record Relay(Integer port, String bindAddress, String hostName, Integer maxMessageBytes, Integer maxConnections,
                        Integer connectionsPerAddress, Integer connectionsPerAddressPerMinute, String tlsCertificate,
                        String tlsPrivateKey, Duration connectionTimeout) {
        public Relay {
            port = port == null ? 2525 : port;
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            hostName = hostName == null || hostName.isBlank() ? "mail.eastbridge.example" : hostName;
            maxMessageBytes = maxMessageBytes == null ? 25 * 1024 * 1024 : maxMessageBytes;
            maxConnections = maxConnections == null ? 200 : maxConnections;
            connectionsPerAddress = connectionsPerAddress == null ? 10 : connectionsPerAddress;
            connectionsPerAddressPerMinute = connectionsPerAddressPerMinute == null ? 60 : connectionsPerAddressPerMinute;
            connectionTimeout = connectionTimeout == null ? Duration.ofMinutes(5) : connectionTimeout;
        }

        public boolean tls() {
            return tlsCertificate != null && !tlsCertificate.isBlank();
        }
    }

    /** The council's mail server; without a host, the embedded mailbox. */
    public record Downstream(String host, Integer port, Duration timeout) {
        public Downstream {
            port = port == null ? 25 : port;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        }

        public boolean embedded() {
            return host == null || host.isBlank();
        }
    }

    /** Total score at which a message is delivered with a warning banner, and at which it is quarantined. */
    public record Verdicts(Integer warnAt, Integer quarantineAt) {
        public Verdicts {
            warnAt = warnAt == null ? 4 : warnAt;
            quarantineAt = quarantineAt == null ? 8 : quarantineAt;
        }
    }

    /**
     * Domains outsiders impersonate besides the council's own (government services, banks,
     * suppliers), and the words of the council's name that a lookalike domain hides inside itself.
     */
    public record Impersonation(List<String> protectedDomains, List<String> councilNames, List<String> trustedSenders) {
        public Impersonation {
            protectedDomains = protectedDomains == null || protectedDomains.isEmpty() ? List.of(
                    "gov.uk", "hmrc.gov.uk", "dvla.gov.uk", "service.gov.uk", "notifications.service.gov.uk",
                    "payments.service.gov.uk", "nhs.uk", "barclays.co.uk", "hsbc.co.uk", "natwest.com", "lloydsbank.com",
                    "santander.co.uk", "nationwide.co.uk", "paypal.com", "microsoft.com", "microsoftonline.com", "office.com",
                    "office365.com", "outlook.com", "docusign.net", "docusign.com", "sharepoint.com", "google.com")
                    : protectedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
            councilNames = councilNames == null || councilNames.isEmpty() ? List.of("eastbridge")
                    : councilNames.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
            trustedSenders = trustedSenders == null ? List.of() : trustedSenders;
        }
    }

    /** Threat-intelligence feed files (one domain or URL a line) and how often they are read again. */
    public record Links(String feedDirectory, Duration feedRefresh, List<String> shorteners) {
        public Links {
            feedRefresh = feedRefresh == null ? Duration.ofMinutes(15) : feedRefresh;
            shorteners = shorteners == null || shorteners.isEmpty() ? List.of("bit.ly", "tinyurl.com", "t.co", "goo.gl",
                    "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly",
                    "s.id", "qrco.de", "bl.ink", "lnkd.in", "short.io", "v.gd", "x.co") : shorteners;
        }
    }
}
