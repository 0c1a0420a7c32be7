package org.townhall.accounts.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.townhall.accounts.StaffRole;
import org.townhall.platform.PersonNames;

/**
 * The accounts forms. Limits are checked before any work: an over-long field, a control
 * character or a malformed email address is refused with a message and changes nothing. A full
 * name is tidied as it is bound (PersonNames), then must be a name and nothing else.
 */
final class Forms {

    static final String PLAIN_TEXT = "[^\\p{Cntrl}]*";
    static final String EMAIL_SHAPE = "[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+";

    private Forms() {
    }

    record Registration(
            @NotBlank(message = "Enter your full name")
            @Size(max = PersonNames.LONGEST, message = PersonNames.TOO_LONG)
            @Pattern(regexp = PersonNames.PATTERN, message = PersonNames.NOT_A_NAME)
            String fullName,
            @NotBlank(message = "Enter your email address")
            @Size(max = 254, message = "Email address must be 254 characters or fewer")
            @Email(message = "Enter an email address in the correct format, like name@example.com")
            @Pattern(regexp = EMAIL_SHAPE, message = "Enter an email address in the correct format, like name@example.com")
            String email,
            @NotBlank(message = "Enter a password")
            @Size(max = 128, message = "Password must be 128 characters or fewer")
            String password) {
        Registration {
            fullName = PersonNames.tidy(fullName);
        }

        static Registration empty() {
            return new Registration("", "", "");
        }
    }

    record SignIn(
            @NotBlank(message = "Enter your email address")
            @Size(max = 254, message = "Email address must be 254 characters or fewer")
            @Pattern(regexp = PLAIN_TEXT, message = "Enter an email address in the correct format, like name@example.com")
            String email,
            @NotBlank(message = "Enter your password")
            @Size(max = 128, message = "Password must be 128 characters or fewer")
            String password) {
        static SignIn empty() {
            return new SignIn("", "");
        }
    }

    record ForgotPassword(
            @NotBlank(message = "Enter your email address")
            @Size(max = 254, message = "Email address must be 254 characters or fewer")
            @Email(message = "Enter an email address in the correct format, like name@example.com")
            @Pattern(regexp = EMAIL_SHAPE, message = "Enter an email address in the correct format, like name@example.com")
            String email) {
        static ForgotPassword empty() {
            return new ForgotPassword("");
        }
    }

    record NewPassword(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]*") String token,
            @NotBlank(message = "Enter a new password")
            @Size(max = 128, message = "Password must be 128 characters or fewer")
            String password) {
    }

    record AuthenticatorCode(
            @NotBlank(message = "Enter the code from your authenticator app")
            @Pattern(regexp = "\\s*\\d{3}\\s?\\d{3}\\s*", message = "The code must be 6 numbers")
            String code) {
        static AuthenticatorCode empty() {
            return new AuthenticatorCode("");
        }
    }

    record RecoveryCode(
            @NotBlank(message = "Enter one of your recovery codes")
            @Size(max = 40, message = "Recovery codes are 16 letters and numbers")
            @Pattern(regexp = "[A-Za-z0-9 -]*", message = "Recovery codes are 16 letters and numbers")
            String recoveryCode) {
    }

    record NewStaff(
            @NotBlank(message = "Enter their full name")
            @Size(max = PersonNames.LONGEST, message = PersonNames.TOO_LONG)
            @Pattern(regexp = PersonNames.PATTERN, message = PersonNames.NOT_A_NAME)
            String fullName,
            @NotBlank(message = "Enter their email address")
            @Size(max = 254, message = "Email address must be 254 characters or fewer")
            @Email(message = "Enter an email address in the correct format, like name@example.com")
            @Pattern(regexp = EMAIL_SHAPE, message = "Enter an email address in the correct format, like name@example.com")
            String email,
            Set<StaffRole> roles) {
        NewStaff {
            fullName = PersonNames.tidy(fullName);
        }

        static NewStaff empty() {
            return new NewStaff("", "", Set.of());
        }
    }

    record Roles(Set<StaffRole> roles) {
    }
}
