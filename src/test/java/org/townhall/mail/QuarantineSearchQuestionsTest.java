package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.mail.store.MessageStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Visitor;

/**
 * The quarantine search answers every combination of its form (sender, domain, recipient,
 * verdict, from, to) with exactly the messages that match: checked on messages written for the
 * purpose, received on a morning after everything else in the store so they head every page.
 */
@MailRelayTest
class QuarantineSearchQuestionsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDateTime MORNING = LocalDateTime.of(2099, 5, 6, 9, 0);

    @LocalServerPort int port;
    @Autowired MessageStore messages;
    @Autowired AccountFixtures accounts;

    private record Written(String ref, String sender, String domain, String recipient, Verdict verdict, LocalDateTime at) {
    }

    private Written write(String sender, String recipient, Verdict verdict, int minutes, String linkDomain) {
        LocalDateTime at = MORNING.plusMinutes(minutes);
        String ref = PublicReferences.next();
        String domain = sender.substring(sender.indexOf('@') + 1);
        Instant when = at.atZone(LONDON).toInstant();
        String state = verdict == Verdict.QUARANTINE ? "QUARANTINED" : verdict == Verdict.REFUSE ? "REFUSED" : "DELIVERED";
        messages.insert(new MessageStore.NewMessage(ref, when, "198.51.100.7", "mail." + domain, sender, List.of(recipient),
                "Sender <" + sender + ">", domain, "Question " + ref, 100, 5, verdict, state, false,
                linkDomain == null ? List.of() : List.of(linkDomain), List.of(), "mail.eastbridge.example; spf=none"),
                List.of(new MessageStore.FindingRow("links", 5, "written for a question")), new byte[] {'x'});
        return new Written(ref, sender, domain, recipient, verdict, at);
    }

    @Test
    void everyCombinationOfTheSearchFormIsAnsweredWithExactlyTheMatchingMessages() {
        accounts.clearSignInThrottles();
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        String tag = PublicReferences.next().toLowerCase().replaceAll("[^a-z0-9]", "");
        String lure = "lure-" + tag + ".example";
        String other = "other-" + tag + ".example";
        String finance = "finance-" + tag + "@eastbridge.example";
        List<Written> rows = List.of(
                write("pay@" + lure, finance, Verdict.QUARANTINE, 5, null),
                write("pay@mail." + lure, finance, Verdict.WARN, 10, null),
                write("news@" + other, finance, Verdict.QUARANTINE, 20, lure),
                write("pay@" + lure, "parking-" + tag + "@eastbridge.example", Verdict.QUARANTINE, 30, null),
                write("pay@" + other, finance, Verdict.DELIVER, 70, null));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("sender", "pay@");
        values.put("domain", lure);
        values.put("recipient", "finance-" + tag);
        values.put("verdict", "QUARANTINE");
        values.put("from", MORNING.plusMinutes(8).toString());
        values.put("to", MORNING.plusMinutes(60).toString());
        List<String> fields = new ArrayList<>(values.keySet());
        List<String> failures = new ArrayList<>();
        for (int mask = 1; mask < 1 << fields.size(); mask++) {
            Map<String, String> asked = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    asked.put(fields.get(i), values.get(fields.get(i)));
                }
            }
            String query = asked.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            Set<String> expected = rows.stream().filter(r -> matches(r, asked, lure)).map(Written::ref)
                    .collect(Collectors.toCollection(TreeSet::new));
            Visitor.Page page = analyst.get("/staff/mail?" + query);
            Set<String> found = rows.stream().map(Written::ref).filter(ref -> page.body().contains("/staff/mail/messages/" + ref))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (page.status() != 200 || !found.equals(expected)) {
                failures.add(asked.keySet() + ": " + page.status() + " found " + found + " instead of " + expected);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void searchTextIsMatchedLiterallyNotAsAPattern() {
        accounts.clearSignInThrottles();
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        String tag = PublicReferences.next().toLowerCase().replaceAll("[^a-z0-9]", "");
        Written plain = write("a_b@percent-" + tag + ".example", "clerk-" + tag + "@eastbridge.example", Verdict.QUARANTINE, 90, null);
        Written wild = write("axb@percent-" + tag + ".example", "clerk-" + tag + "@eastbridge.example", Verdict.QUARANTINE, 91, null);
        Visitor.Page page = analyst.get("/staff/mail?sender=" + URLEncoder.encode("a_b@", StandardCharsets.UTF_8));
        assertThat(page.body()).contains(plain.ref()).doesNotContain(wild.ref());
        Visitor.Page percent = analyst.get("/staff/mail?sender=%25&recipient=clerk-" + tag);
        assertThat(percent.body()).doesNotContain(plain.ref()).doesNotContain(wild.ref());
    }

    private static boolean matches(Written row, Map<String, String> asked, String lure) {
        boolean domainMatches = row.domain().equals(lure) || row.domain().endsWith("." + lure)
                || (row.sender().startsWith("news@") && lure.equals(asked.get("domain")));
        return (!asked.containsKey("sender") || row.sender().contains(asked.get("sender")))
                && (!asked.containsKey("domain") || domainMatches)
                && (!asked.containsKey("recipient") || row.recipient().contains(asked.get("recipient")))
                && (!asked.containsKey("verdict") || row.verdict().name().equals(asked.get("verdict")))
                && (!asked.containsKey("from") || !row.at().isBefore(LocalDateTime.parse(asked.get("from"))))
                && (!asked.containsKey("to") || row.at().isBefore(LocalDateTime.parse(asked.get("to"))));
    }
}
