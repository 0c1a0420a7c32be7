package org.townhall.billing;

/**
 * What a resident chose to pay on a council tax account: the next instalment (with anything
 * overdue), whose amount Townhall works out, or an amount they typed. A type rather than a flag
 * beside a string, so an amount can never travel with the choice that ignores it.
 */
public sealed interface PayChoice {

    static PayChoice nextInstalment() {
        return new NextInstalment();
    }

    static PayChoice amount(String typedPounds) {
        return new Amount(typedPounds);
    }

    record NextInstalment() implements PayChoice {
    }

    /** The amount as the resident typed it, in pounds; checked when the payment is started. */
    record Amount(String typedPounds) implements PayChoice {
    }
}
