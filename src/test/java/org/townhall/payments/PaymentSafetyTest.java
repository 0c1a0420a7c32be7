package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.billing.CouncilTax;
import org.townhall.billing.PayChoice;
import org.townhall.billing.PayResult;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.SandboxProvider;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.Lifecycles;
import org.townhall.support.TestClock;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

/** Money is never taken twice or lost: idempotency, the lifecycle table, reconciliation, the ledger's own rules. */
@TownhallTest
class PaymentSafetyTest {

    @Autowired org.townhall.platform.database.EmbeddedServer database;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired CouncilTax councilTax;
    @Autowired Payments payments;
    @Autowired Reconciliation reconciliation;
    @Autowired PaymentProvider provider;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired AuditRows audit;
    @Autowired PlatformTransactionManager transactions;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void fiftyIdenticalRequestsAtOnceAreOnePaymentOneChargeAndOneLedgerEntry() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(100_000).linkedTo(resident.ref()).build();
        String key = Payments.newIdempotencyKey();

        List<PayResult> started = allAtOnce(50, () -> councilTax.pay(account.ref(), resident.ref(), PayChoice.amount("40.00"), key,
                ClientOrigin.system()));
        Set<String> cardPages = new HashSet<>();
        started.forEach(r -> cardPages.add(((PayResult.Started) r).nextUrl()));
        assertThat(cardPages).hasSize(1);
        Map<String, Object> payment = jdbc.sql("select public_ref, reference, provider_id from payment where paying_for = :a")
                .param("a", account.ref()).query().singleRow();
        assertThat(jdbc.sql("select count(*) from sandbox_charge where reference = :r").param("r", payment.get("reference"))
                .query(Long.class).single()).isEqualTo(1);

        String providerId = (String) payment.get("provider_id");
        List<Optional<String>> cards = allAtOnce(50, () -> sandbox().pay(providerId, "4444333322221111"));
        assertThat(cards.stream().filter(Optional::isPresent)).hasSize(1);

        List<Optional<PaymentView>> receipts = allAtOnce(50, () -> payments.receipt((String) payment.get("public_ref"), resident.ref()));
        assertThat(receipts).allMatch(r -> r.orElseThrow().state() == PaymentState.SUCCESS);
        assertThat(jdbc.sql("select count(*) from journal_entry where source = :s").param("s", "payment:" + payment.get("reference"))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(100_000 - 4_000);
    }

    @Test
    void twoInstancesStartingOnePaymentAtOnceMeetAtTheProviderAndKeepOnePayment() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(100_000).linkedTo(resident.ref()).build();
        PaymentRequest request = new PaymentRequest(Payments.newIdempotencyKey(), resident.ref(), Purpose.COUNCIL_TAX, account.ref(),
                "Council tax", 4_000, "council-tax:" + account.ref(), "/council-tax/" + account.ref());
        // The other instance has asked the provider and is writing its payment row, not yet committed.
        PaymentProvider.Created theirs = provider.create(new PaymentProvider.NewCharge(4_000, "EBP-OTHERINS23", "Council tax",
                "http://localhost:8080/payments/other/return", request.idempotencyKey()));
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        Future<?> other = otherInstance.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into payment (public_ref, reference, idempotency_key, fingerprint, resident_ref, purpose, paying_for,
                        description, credit_account, return_path, amount_pence, state, provider, provider_id, next_url, created_at, updated_at)
                    values ('other-instance-23', 'EBP-OTHERINS23', :key, :fingerprint, :resident, 'COUNCIL_TAX', :account,
                        'Council tax', :credit, '/council-tax/x', 4000, 'CREATED', 'SANDBOX', :pid, :next, now(), now())""")
                    .param("key", request.idempotencyKey()).param("fingerprint", request.fingerprint())
                    .param("resident", resident.ref()).param("account", account.ref()).param("credit", request.creditAccount())
                    .param("pid", theirs.providerId()).param("next", theirs.nextUrl()).update();
            written.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!written.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            other.get();
        }

        java.util.concurrent.CompletableFuture<StartedPayment> ours =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> payments.start(request, ClientOrigin.system()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into payment%'")
                .query(Long.class).single() == 1);
        commit.countDown();
        other.get();
        otherInstance.shutdown();

        assertThat(ours.get().nextUrl()).as("the provider gave both the same payment").isEqualTo(theirs.nextUrl());
        assertThat(ours.get().paymentRef()).isEqualTo("other-instance-23");
        assertThat(jdbc.sql("select count(*) from payment where idempotency_key = :k").param("k", request.idempotencyKey())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where idempotency_key = :k").param("k", request.idempotencyKey())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void moneyTakenWhileTheResidentNeverCameBackIsSettledByReconciliationOnce() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(80_000).linkedTo(resident.ref()).build();
        String paymentRef = start(account, resident, "15.00");
        String providerId = providerIdOf(paymentRef);
        assertThat(sandbox().pay(providerId, "4444333322221111")).contains("success");

        reconciliation.run();
        assertThat(stateOf(paymentRef)).as("not yet quiet for two minutes").isEqualTo("CREATED");
        long before = audit.lastId();
        clock.advance(Duration.ofMinutes(3));
        reconciliation.run();
        reconciliation.run();
        assertThat(stateOf(paymentRef)).isEqualTo("SUCCESS");
        assertThat(audit.actionsSince(before)).containsOnlyOnce("PAYMENT_RECONCILED");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(80_000 - 1_500);
        assertThat(payments.receipt(paymentRef, resident.ref()).orElseThrow().taken()).isTrue();
    }

    @Test
    void aResidentReturningBeforeTheProviderHasAnsweredIsToldWeAreChecking() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(resident.ref()).build();
        String paymentRef = start(account, resident, "10.00");
        sandbox().opened(providerIdOf(paymentRef));
        PaymentView view = payments.receipt(paymentRef, resident.ref()).orElseThrow();
        assertThat(view.checking()).isTrue();
        assertThat(view.taken()).isFalse();
    }

    @Test
    void anAbandonedPaymentExpiresAfterNinetyMinutesAndItsCardPageNoLongerTakesMoney() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(resident.ref()).build();
        String paymentRef = start(account, resident, "10.00");
        clock.advance(Duration.ofMinutes(91));
        reconciliation.run();
        assertThat(stateOf(paymentRef)).isEqualTo("EXPIRED");
        assertThat(sandbox().pay(providerIdOf(paymentRef), "4444333322221111")).isEmpty();
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(150_000);
    }

    @Test
    void theLifecycleTableInCodeIsTheOneTheDatabaseEnforces() {
        Lifecycles.agreeWithTheDatabase(jdbc, "select from_state, to_state from payment_transition", PaymentState.class,
                PaymentState.moves(), PaymentState::mayMoveTo);
    }

    @Test
    void theDatabaseRefusesAMoveOutsideTheTableAndAChangedAmount() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(resident.ref()).build();
        String paymentRef = start(account, resident, "10.00");
        sandbox().pay(providerIdOf(paymentRef), "4444333322221111");
        payments.receipt(paymentRef, resident.ref());
        assertThatThrownBy(() -> jdbc.sql("update payment set state = 'CREATED' where public_ref = :r").param("r", paymentRef).update())
                .hasMessageContaining("cannot move from SUCCESS to CREATED");
        assertThatThrownBy(() -> jdbc.sql("update payment set amount_pence = 1 where public_ref = :r").param("r", paymentRef).update())
                .hasMessageContaining("never change");
        assertThatThrownBy(() -> jdbc.sql("update payment set state = 'PAID' where public_ref = :r").param("r", paymentRef).update())
                .hasMessageContaining("cannot move from SUCCESS to PAID");
    }

    @Test
    void anEntryThatDoesNotBalanceIsRefusedAndPostedEntriesCannotBeChanged() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            long entry = jdbc.sql("insert into journal_entry (source, description, posted_at) values ('test:unbalanced', 'x', now()) returning id")
                    .query(Long.class).single();
            jdbc.sql("insert into journal_line (entry_id, account, amount_pence) values (:e, 'income:rent', 100)").param("e", entry).update();
        })).hasMessageContaining("does not balance");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> ledger.post("test:one-sided", "x",
                List.of(new Ledger.Line("income:rent", 100), new Ledger.Line("bank:direct-debit", -99)))))
                .isInstanceOf(IllegalArgumentException.class);
        tx.executeWithoutResult(s -> ledger.transfer("test:fine-" + System.nanoTime(), "balanced", "bank:direct-debit", "income:rent", 100));
        // Townhall's own role is refused by privileges; the trigger still refuses the tables' owner.
        assertThatThrownBy(() -> jdbc.sql("update journal_line set amount_pence = 5 where account = 'income:rent'").update())
                .rootCause().hasMessageContaining("permission denied");
        JdbcClient owner = AsRole.owner(database);
        assertThatThrownBy(() -> owner.sql("update journal_line set amount_pence = 5 where account = 'income:rent'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from journal_entry").update()).rootCause().hasMessageContaining("append-only");
    }

    private String start(BillingFixtures.CouncilTaxFixture account, AccountFixtures.Resident resident, String amount) {
        councilTax.pay(account.ref(), resident.ref(), PayChoice.amount(amount), Payments.newIdempotencyKey(), ClientOrigin.system());
        return jdbc.sql("select public_ref from payment where paying_for = :a order by id desc limit 1").param("a", account.ref())
                .query(String.class).single();
    }

    private String providerIdOf(String paymentRef) {
        return jdbc.sql("select provider_id from payment where public_ref = :r").param("r", paymentRef).query(String.class).single();
    }

    private String stateOf(String paymentRef) {
        return jdbc.sql("select state from payment where public_ref = :r").param("r", paymentRef).query(String.class).single();
    }

    private SandboxProvider sandbox() {
        return (SandboxProvider) provider;
    }

    static <T> List<T> allAtOnce(int count, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }
}
