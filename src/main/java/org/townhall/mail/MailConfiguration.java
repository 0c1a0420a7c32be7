package org.townhall.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.townhall.accounts.StaffAccounts;
import org.townhall.evidence.EvidenceVault;
import org.townhall.mail.checks.AttachmentCheck;
import org.townhall.mail.checks.BlockedDomainCheck;
import org.townhall.mail.checks.CouncilServiceCheck;
import org.townhall.mail.checks.Dns;
import org.townhall.mail.checks.ImpersonationCheck;
import org.townhall.mail.checks.LanguageCheck;
import org.townhall.mail.language.LanguageModel;
import org.townhall.mail.checks.LinkCheck;
import org.townhall.mail.checks.LocalDns;
import org.townhall.mail.checks.Lookalikes;
import org.townhall.mail.checks.MalwareCheck;
import org.townhall.mail.checks.PublicSuffixes;
import org.townhall.mail.checks.Screener;
import org.townhall.mail.checks.SenderAuthenticationCheck;
import org.townhall.mail.checks.StepTimes;
import org.townhall.mail.checks.SystemDns;
import org.townhall.mail.checks.ThreatFeeds;
import org.townhall.mail.store.Domains;

/** The screening checks, in the order they run, and what they need from the rest of Townhall. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    /** The machine's resolvers, or records held in memory (from townhall.mail.dns-records, else the bundled demo zone). */
    @Bean
    Dns mailDns(MailSettings settings) {
        if ("system".equals(settings.dns())) {
            return new SystemDns();
        }
        LocalDns dns = new LocalDns();
        try (InputStream in = settings.dnsRecords() == null || settings.dnsRecords().isBlank()
                ? new ClassPathResource("mail/local-dns.txt").getInputStream() : Files.newInputStream(Path.of(settings.dnsRecords()))) {
            return dns.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("townhall.mail.dns-records cannot be read", e);
        }
    }

    @Bean
    ThreatFeeds threatFeeds(MailSettings settings) {
        String directory = settings.links().feedDirectory();
        ThreatFeeds feeds = new ThreatFeeds(directory == null || directory.isBlank() ? null : Path.of(directory));
        feeds.reload();
        return feeds;
    }

    @Bean
    Lookalikes lookalikes(MailSettings settings) {
        return new Lookalikes(settings.domains(), settings.impersonation().protectedDomains(),
                settings.impersonation().councilNames(), settings.impersonation().trustedSenders(), PublicSuffixes.bundled());
    }

    @Bean
    StepTimes mailStepTimes() {
        return new StepTimes();
    }

    @Bean
    Screener screener(MailSettings settings, Dns dns, Lookalikes lookalikes, ThreatFeeds feeds, Domains domains,
                      StaffAccounts staff, EvidenceVault vault, LanguageModel language, Clock clock, StepTimes times) {
        PublicSuffixes suffixes = PublicSuffixes.bundled();
        return new Screener(List.of(
                new SenderAuthenticationCheck(dns, suffixes, settings),
                new BlockedDomainCheck(domains::blockReason, suffixes),
                new ImpersonationCheck(settings, lookalikes, staffNames(staff, clock), d -> domains.seen(d, "SENDER"), suffixes),
                new LinkCheck(settings, lookalikes, feeds, d -> domains.seen(d, "LINK"), suffixes),
                new AttachmentCheck(),
                new MalwareCheck(vault::findMalware),
                new LanguageCheck(language::spamProbability),
                new CouncilServiceCheck(lookalikes)), settings, suffixes, times);
    }

    /** Staff names as display names are compared, read again at most every ten minutes. */
    private static Supplier<Set<String>> staffNames(StaffAccounts staff, Clock clock) {
        return new Supplier<>() {
            private volatile Set<String> names;
            private volatile Instant readAt = Instant.MIN;

            @Override
            public Set<String> get() {
                Instant now = clock.instant();
                if (names == null || readAt.plus(Duration.ofMinutes(10)).isBefore(now)) {
                    names = staff.all().stream().map(m -> ImpersonationCheck.staffKey(m.fullName()))
                            .filter(n -> n.contains(" ")).collect(Collectors.toUnmodifiableSet());
                    readAt = now;
                }
                return names;
            }
        };
    }
}
