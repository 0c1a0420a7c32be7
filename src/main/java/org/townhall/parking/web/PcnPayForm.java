package org.townhall.parking.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Paying a parking fine without an account: only the address the receipt goes to. The amount is
 * the timeline's, never the form's; the key makes a double click one payment.
 */
record PcnPayForm(
        @NotBlank(message = "Enter an email address for your receipt") @Size(max = 254, message = RECEIPT_EMAIL)
        @Pattern(regexp = EMAIL_SHAPE, message = RECEIPT_EMAIL) String email,
        String idempotencyKey) {

    static final String RECEIPT_EMAIL = "Enter an email address in the correct format, like name@example.com";
    /** The shape the council tax and rent pay pages ask for; blank is left to @NotBlank, so an empty field gets one message. */
    static final String EMAIL_SHAPE = "|[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+";

    static PcnPayForm empty(String idempotencyKey) {
        return new PcnPayForm("", idempotencyKey);
    }
}
