package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.store.PaymentLinkStore;

/**
 * A service manager's attempt to point residents' card payments anywhere but GOV.UK Pay is
 * refused, and, like every other refusal, recorded in the audit trail with what was typed.
 */
class PaymentLinkRefusalsAuditedTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://www.gov.uk.evil.example/payments/a/b", "https://www.gov.uk@evil.example/payments/a/b",
            "javascript:alert(1)", "http://www.gov.uk/payments/a/b", "https://www.gov.uk/payments/a%2F..%2Fevil/b"})
    void aRefusedLinkIsAuditedAsDeniedAndNotStored(String typed) {
        PaymentLinkStore store = mock(PaymentLinkStore.class);
        AuditTrail audit = mock(AuditTrail.class);
        PaymentLinks links = new PaymentLinks(store, audit, mock(ApplicationEventPublisher.class),
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

        assertThat(links.point(ResidentService.COUNCIL_TAX_PAYMENTS, typed, "manager-ref")).isPresent();

        ArgumentCaptor<AuditEntry> recorded = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit).record(recorded.capture());
        assertThat(recorded.getValue().action()).isEqualTo(AuditAction.PAYMENT_LINK_CHANGED);
        assertThat(recorded.getValue().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(recorded.getValue().objectRef()).isEqualTo("COUNCIL_TAX_PAYMENTS");
        assertThat(recorded.getValue().detail()).contains(typed);
        verify(store, never()).set(anyString(), anyString(), any(), anyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.gov.uk/payments/eastbridge/pay-anything"})
    void aServiceThatTakesNoPaymentsIsRefusedAndAudited(String typed) {
        AuditTrail audit = mock(AuditTrail.class);
        PaymentLinks links = new PaymentLinks(mock(PaymentLinkStore.class), audit, mock(ApplicationEventPublisher.class),
                Clock.systemUTC());

        assertThat(links.point(ResidentService.SIGN_IN, typed, "manager-ref")).isPresent();

        ArgumentCaptor<AuditEntry> recorded = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit).record(recorded.capture());
        assertThat(recorded.getValue().outcome()).isEqualTo(AuditOutcome.DENIED);
    }
}
