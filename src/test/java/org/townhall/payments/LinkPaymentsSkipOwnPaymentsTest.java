package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditTrail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.LinkPaymentStore;

/**
 * GOV.UK Pay's payment search lists every successful payment of the account: those Townhall
 * started through its own API as well as those made through a payment link. Townhall's own have
 * been settled already; found again by a search they must not be applied or held a second time.
 */
class LinkPaymentsSkipOwnPaymentsTest {

    private static final Instant WHEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aPaymentTownhallStartedItselfIsNeitherRecordedNorPostedAgain() {
        PaymentProvider provider = mock(PaymentProvider.class);
        when(provider.name()).thenReturn("GOVUK_PAY");
        when(provider.takenBetween(any(), any())).thenReturn(List.of(
                new PaymentProvider.TakenPayment("own-api-payment", "EBP-ABCDEFGHJK", 12_345, WHEN),
                new PaymentProvider.TakenPayment("through-the-link", "NOBODY-123", 500, WHEN)));
        LinkPaymentStore store = mock(LinkPaymentStore.class);
        when(store.startedByTownhall("GOVUK_PAY", "own-api-payment")).thenReturn(true);
        when(store.record(any())).thenReturn(true);
        Ledger ledger = mock(Ledger.class);
        LinkPayments payments = new LinkPayments(provider, List.of(), store, ledger, mock(AuditTrail.class),
                mock(ApplicationEventPublisher.class), Clock.fixed(WHEN, ZoneOffset.UTC), mock(PlatformTransactionManager.class));

        LinkPayments.Found found = payments.search(WHEN.minusSeconds(3600), WHEN.plusSeconds(3600), Actor.system());

        assertThat(found.held()).isEqualTo(1);
        assertThat(found.applied()).isZero();
        verify(store, never()).record(org.mockito.ArgumentMatchers.argThat(row -> row.providerPaymentId().equals("own-api-payment")));
        verify(ledger, never()).transfer(eq("link-payment:own-api-payment"), anyString(), anyString(), anyString(), anyLong());
        verify(ledger).transfer(eq("link-payment:through-the-link"), anyString(), anyString(), eq(LinkPayments.SUSPENSE), eq(500L));
    }
}
