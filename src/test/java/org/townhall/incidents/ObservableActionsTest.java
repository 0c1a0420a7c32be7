package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.shield.AddressRules;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;

/** From an observable: the audit trail's answers kept on the incident, and a block in the shield. */
@TownhallTest
class ObservableActionsTest {

    @Autowired IncidentRegister register;
    @Autowired IncidentDetails details;
    @Autowired ObservableActions actions;
    @Autowired AddressRules rules;
    @Autowired AuditTrail audit;
    @Autowired AuditRows rows;
    @Autowired TransactionTemplate transactions;

    private String incidentWith(ObservableKind kind, String value) {
        String ref = register.report(new IncidentRegister.Report("t", "d", IncidentKind.UNAUTHORISED_ACCESS), "staff-x").ref();
        details.addObservable(ref, kind, value, "staff-a");
        return ref;
    }

    private String observableOf(String ref) {
        return register.open(ref, "staff-a").orElseThrow().observables().get(0).ref();
    }

    @Test
    void askingAboutAnAccountKeepsTheSearchAndTheBlastRadiusOnTheIncident() {
        String account = PublicReferences.next();
        List<String> residents = List.of(PublicReferences.next(), PublicReferences.next());
        transactions.executeWithoutResult(s -> residents.forEach(r -> audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED,
                AuditOutcome.SUCCESS, Actor.staff(account)).about(r).on("DOC-" + r), new ClientOrigin("192.0.2.77", "o", null))));
        String ref = incidentWith(ObservableKind.ACCOUNT, account);
        long before = rows.lastId();
        assertThat(actions.investigate(ref, observableOf(ref), "staff-a").done()).isTrue();
        IncidentFile file = register.open(ref, "staff-a").orElseThrow();
        assertThat(file.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.AUDIT_SEARCH);
            assertThat(e.body()).contains("2 events (EVIDENCE_VIEWED 2)");
        });
        assertThat(file.timeline()).anySatisfy(e -> assertThat(e.body()).contains("2 documents of 2 people were read 2 times"));
        assertThat(file.affectedResidents()).isEqualTo(2);
        assertThat(rows.actionsSince(before)).contains("AUDIT_SEARCHED", "INCIDENT_INVESTIGATED");
    }

    @Test
    void anAddressIsBlockedInTheShieldWithAnExpiryNamingTheIncident() {
        String ref = incidentWith(ObservableKind.ADDRESS, "203.0.113.128/25");
        String reference = register.open(ref, "staff-a").orElseThrow().incident().reference();
        assertThat(actions.block(ref, observableOf(ref), 0, "scraping", "staff-a").field()).isEqualTo("hours");
        assertThat(actions.block(ref, observableOf(ref), 48, "Scraping appeal evidence", "staff-a").done()).isTrue();
        assertThat(rules.decide("203.0.113.200")).isEqualTo(AddressRules.Decision.BLOCKED);
        assertThat(rules.active()).anySatisfy(rule -> {
            assertThat(rule.reason()).startsWith(reference + ": Scraping appeal evidence");
            assertThat(rule.expiresAt()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(47)));
        });
        assertThat(register.open(ref, "staff-a").orElseThrow().timeline())
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.ADDRESS_BLOCKED));
        rules.active().stream().filter(rule -> rule.reason().startsWith(reference)).forEach(rule -> rules.remove(rule.ref(), "staff-a"));
    }

    @Test
    void onlyAddressesCanBeBlockedAndOnlyAddressesAndAccountsAskedAbout() {
        String ref = incidentWith(ObservableKind.FILE_HASH, "d41d8cd98f00b204e9800998ecf8427e");
        assertThat(actions.block(ref, observableOf(ref), 24, "x", "staff-a").message()).contains("Only an address");
        assertThat(actions.investigate(ref, observableOf(ref), "staff-a").message()).contains("addresses and accounts");
    }
}
