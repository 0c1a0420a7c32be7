package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.support.Lifecycles;
import org.townhall.support.TownhallTest;

/** A refund moves only submitted → success | error, in code and in the database alike. */
@TownhallTest
class RefundLifecycleTest {

    @Autowired AccountFixtures accounts;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired Refunds refunds;
    @Autowired JdbcClient jdbc;

    @Test
    void theRefundMovesInCodeAreTheOnesTheDatabaseEnforces() {
        Lifecycles.agreeWithTheDatabase(jdbc, "select from_state, to_state from refund_transition", RefundState.class,
                RefundState.moves(), RefundState::mayMoveTo);
    }

    @Test
    void theDatabaseRefusesToMoveAFinishedRefundOrChangeItsAmount() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken taken = paymentFixtures.aTakenCouncilTaxPayment(resident, "20.00");
        Refunds.Outcome outcome = refunds.refund(taken.paymentRef(), 500, "Paid twice", "staff-ref");
        String refundRef = ((Refunds.Outcome.Refunded) outcome).refundRef();

        assertThatThrownBy(() -> jdbc.sql("update refund set state = 'SUBMITTED' where public_ref = :r").param("r", refundRef).update())
                .hasMessageContaining("cannot move from SUCCESS to SUBMITTED");
        assertThatThrownBy(() -> jdbc.sql("update refund set state = 'ERROR' where public_ref = :r").param("r", refundRef).update())
                .hasMessageContaining("cannot move from SUCCESS to ERROR");
        assertThatThrownBy(() -> jdbc.sql("update refund set amount_pence = 1 where public_ref = :r").param("r", refundRef).update())
                .hasMessageContaining("never change");
    }
}
