package org.townhall.billing.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the billing pages post. Strings throughout, so anything typed comes back to the page as typed. */
final class Forms {

    private Forms() {
    }

    record CouncilTaxLink(
            @NotBlank(message = "Enter your council tax account number") @Size(max = 20, message = "Enter the 8-digit account number")
            String accountNumber,
            @NotBlank(message = "Enter the postcode of the property") @Size(max = 10, message = "Enter a real postcode")
            String postcode) {
        static CouncilTaxLink empty() {
            return new CouncilTaxLink("", "");
        }
    }

    record RentLink(
            @NotBlank(message = "Enter your tenancy reference") @Size(max = 20, message = "Enter the tenancy reference, for example T1234567")
            String tenancyRef,
            @Size(max = 2) String bornDay, @Size(max = 2) String bornMonth, @Size(max = 4) String bornYear) {
        static RentLink empty() {
            return new RentLink("", "", "", "");
        }
    }

    /** The activation code from the letter, as typed: ActivationCodes decides what it can be. */
    record ActivationCode(@NotBlank(message = "Enter the activation code from our letter") @Size(max = 40,
            message = "Enter the 12-character code from our letter, for example 7KQ2-M9XD-4HTP") String code) {
        static ActivationCode empty() {
            return new ActivationCode("");
        }
    }

    /** choice is "instalment" or "other" (council tax); rent always takes the amount. */
    record Pay(@Size(max = 20) String choice, @Size(max = 20, message = "Enter an amount in pounds") String amount,
               @Size(max = 100) String idempotencyKey) {
    }

    /** Paying council tax without an account (ADR 0027): what identifies the account, the amount typed, where the receipt goes. */
    record GuestCouncilTax(
            @NotBlank(message = "Enter your council tax account number") @Size(max = 20, message = "Enter the 8-digit account number")
            String accountNumber,
            @NotBlank(message = "Enter the postcode of the property") @Size(max = 10, message = "Enter a real postcode")
            String postcode,
            @Size(max = 20, message = "Enter an amount in pounds, for example 85.50") String amount,
            @NotBlank(message = "Enter an email address for your receipt") @Size(max = 254, message = RECEIPT_EMAIL)
            @Pattern(regexp = EMAIL_SHAPE, message = RECEIPT_EMAIL) String email,
            @Size(max = 100) String idempotencyKey) {
        static GuestCouncilTax empty(String key) {
            return new GuestCouncilTax("", "", "", "", key);
        }
    }

    /** Paying rent without an account (ADR 0027). */
    record GuestRent(
            @NotBlank(message = "Enter your tenancy reference") @Size(max = 20, message = "Enter the tenancy reference, for example T1234567")
            String tenancyRef,
            @Size(max = 2) String bornDay, @Size(max = 2) String bornMonth, @Size(max = 4) String bornYear,
            @Size(max = 20, message = "Enter an amount in pounds, for example 85.50") String amount,
            @NotBlank(message = "Enter an email address for your receipt") @Size(max = 254, message = RECEIPT_EMAIL)
            @Pattern(regexp = EMAIL_SHAPE, message = RECEIPT_EMAIL) String email,
            @Size(max = 100) String idempotencyKey) {
        static GuestRent empty(String key) {
            return new GuestRent("", "", "", "", "", "", key);
        }
    }

    static final String RECEIPT_EMAIL = "Enter an email address in the correct format, like name@example.com";
    /** Blank is left to @NotBlank, so an empty field gets one message, not two. */
    static final String EMAIL_SHAPE = "|[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+";
}
