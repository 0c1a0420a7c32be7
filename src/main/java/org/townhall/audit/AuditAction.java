package org.townhall.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closed list of what the audit trail records. Codes are stable: they are stored, exported and
 * searched on, so a code is never renamed or reused; a new act gets a new constant.
 */
public enum AuditAction {
    ACCOUNT_CREATED("ACCOUNT_CREATED", "Account created"),
    REGISTRATION_FOR_EXISTING_EMAIL("REGISTRATION_FOR_EXISTING_EMAIL", "Someone tried to register with your email address"),
    EMAIL_VERIFIED("EMAIL_VERIFIED", "Email address confirmed"),
    EMAIL_VERIFICATION_REFUSED("EMAIL_VERIFICATION_REFUSED", "Email confirmation link refused"),
    SIGN_IN_SUCCEEDED("SIGN_IN_SUCCEEDED", "Signed in"),
    SIGN_IN_FAILED("SIGN_IN_FAILED", "Failed sign-in attempt"),
    SIGN_IN_THROTTLED("SIGN_IN_THROTTLED", "Sign-in attempt refused: too many failed attempts"),
    SIGNED_OUT("SIGNED_OUT", "Signed out"),
    SIGNED_OUT_EVERYWHERE("SIGNED_OUT_EVERYWHERE", "Signed out on every device"),
    SESSION_EXPIRED("SESSION_EXPIRED", "Session ended after its time limit"),
    PASSWORD_RESET_REQUESTED("PASSWORD_RESET_REQUESTED", "Password reset requested"),
    PASSWORD_RESET_COMPLETED("PASSWORD_RESET_COMPLETED", "Password changed with a reset link"),
    PASSWORD_RESET_REFUSED("PASSWORD_RESET_REFUSED", "Password reset link refused"),
    MFA_ENROLLED("MFA_ENROLLED", "Authenticator app set up"),
    MFA_VERIFIED("MFA_VERIFIED", "Authenticator code accepted"),
    MFA_FAILED("MFA_FAILED", "Authenticator code refused"),
    MFA_RECOVERY_CODE_USED("MFA_RECOVERY_CODE_USED", "Recovery code used"),
    STAFF_CREATED("STAFF_CREATED", "Staff account created"),
    STAFF_PASSWORD_SET("STAFF_PASSWORD_SET", "Staff password set"),
    ROLE_GRANTED("ROLE_GRANTED", "Staff role granted"),
    ROLE_REVOKED("ROLE_REVOKED", "Staff role removed"),
    ACCESS_DENIED("ACCESS_DENIED", "Access refused"),
    AUDIT_SEARCHED("AUDIT_SEARCHED", "Audit trail searched"),
    AUDIT_EXPORTED("AUDIT_EXPORTED", "Audit trail exported"),
    AUDIT_VERIFIED("AUDIT_VERIFIED", "Audit trail chain verified"),
    OUTBOX_VIEWED("OUTBOX_VIEWED", "Notification outbox viewed"),
    EVIDENCE_STORED("EVIDENCE_STORED", "Evidence uploaded"),
    EVIDENCE_REFUSED("EVIDENCE_REFUSED", "Evidence upload refused"),
    EVIDENCE_VIEWED("EVIDENCE_VIEWED", "Evidence opened"),
    EVIDENCE_DESTROYED("EVIDENCE_DESTROYED", "Evidence destroyed at the end of its retention period"),
    PCN_LOOKED_UP("PCN_LOOKED_UP", "Parking fine looked up"),
    PCN_LOOKUP_THROTTLED("PCN_LOOKUP_THROTTLED", "Parking fine look-up refused: too many attempts"),
    PCN_ADDED_TO_ACCOUNT("PCN_ADDED_TO_ACCOUNT", "Parking fine added to your account"),
    PARKING_CASE_SUBMITTED("PARKING_CASE_SUBMITTED", "Challenge or representations submitted"),
    PARKING_CASE_ASSIGNED("PARKING_CASE_ASSIGNED", "Challenge assigned to an officer"),
    PARKING_CASE_DECIDED("PARKING_CASE_DECIDED", "Decision made on your challenge or representations"),
    PARKING_CASE_DEEMED_ACCEPTED("PARKING_CASE_DEEMED_ACCEPTED", "Representations accepted because the council did not decide in time"),
    SERVICE_SWITCHED("SERVICE_SWITCHED", "A council service was switched on, degraded or off"),
    DEADLINE_EXTENDED("DEADLINE_EXTENDED", "Deadline moved because a council online service was unavailable"),
    MAINTENANCE_PLANNED("MAINTENANCE_PLANNED", "Planned maintenance announced"),
    FLOOD_DETECTED("FLOOD_DETECTED", "A flood of requests was refused"),
    BILLING_ACCOUNT_LINKED("BILLING_ACCOUNT_LINKED", "Council tax or rent account added to your account"),
    BILLING_LINK_FAILED("BILLING_LINK_FAILED", "Council tax or rent account details did not match"),
    BILLING_LINK_THROTTLED("BILLING_LINK_THROTTLED", "Adding a council tax or rent account refused: too many attempts"),
    STATEMENT_DOWNLOADED("STATEMENT_DOWNLOADED", "Statement downloaded"),
    PAYMENT_STARTED("PAYMENT_STARTED", "Payment started"),
    PAYMENT_REFUSED("PAYMENT_REFUSED", "Payment refused before it started"),
    PAYMENT_SUCCEEDED("PAYMENT_SUCCEEDED", "Payment taken"),
    PAYMENT_NOT_TAKEN("PAYMENT_NOT_TAKEN", "Payment declined, cancelled, expired or failed"),
    PAYMENT_RECONCILED("PAYMENT_RECONCILED", "Payment settled by checking with the payment provider"),
    PAYMENT_REFUNDED("PAYMENT_REFUNDED", "Payment refunded"),
    REFUND_REFUSED("REFUND_REFUSED", "Refund refused"),
    REFUND_FAILED("REFUND_FAILED", "Refund failed at the payment provider"),
    PAYMENTS_SEARCHED("PAYMENTS_SEARCHED", "Payments searched by a finance officer"),
    SETTLEMENT_REPORTED("SETTLEMENT_REPORTED", "Daily settlement report downloaded"),
    WEBHOOK_REFUSED("WEBHOOK_REFUSED", "Payment provider notification refused: bad signature"),
    ADDRESS_RULE_ADDED("ADDRESS_RULE_ADDED", "Address or range blocked or allowed"),
    ADDRESS_RULE_REMOVED("ADDRESS_RULE_REMOVED", "Address block or allow rule removed"),

    // Backups and restore drills
    BACKUP_TAKEN("BACKUP_TAKEN", "Backup taken"),
    BACKUP_FAILED("BACKUP_FAILED", "Backup failed"),
    BACKUP_PRUNED("BACKUP_PRUNED", "Backup past its retention removed"),
    RESTORE_DRILL_RUN("RESTORE_DRILL_RUN", "Restore drill run"),
    BACKUP_RESTORED("BACKUP_RESTORED", "Installation restored from a backup"),
    BACKUPS_VIEWED("BACKUPS_VIEWED", "Backup history viewed");

    private static final Map<String, AuditAction> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toMap(AuditAction::code, Function.identity()));

    private final String code;
    private final String description;

    AuditAction(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** What a resident reading their own history sees. */
    public String description() {
        return description;
    }

    public static AuditAction ofCode(String code) {
        AuditAction action = BY_CODE.get(code);
        if (action == null) {
            throw new IllegalArgumentException("Unknown audit action code: " + code);
        }
        return action;
    }
}
