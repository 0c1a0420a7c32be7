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
    // Notifications: a message Townhall stopped trying to deliver, and staff sending it again.
    NOTIFICATION_GIVEN_UP("NOTIFICATION_GIVEN_UP", "A message could not be delivered and Townhall stopped trying"),
    NOTIFICATION_SENT_AGAIN("NOTIFICATION_SENT_AGAIN", "A message Townhall had stopped trying to deliver was sent again"),
    // Parking cases: handed back when their officer can no longer work them, passed on by team leaders.
    PARKING_CASE_RETURNED("PARKING_CASE_RETURNED", "Challenge returned to the parking officers' queue"),
    PARKING_CASE_REASSIGNED("PARKING_CASE_REASSIGNED", "Challenge passed to another parking officer"),

    // Linking council tax and rent accounts: pending until the code posted to the address is entered (ADR 0012).
    BILLING_LINK_PENDING("BILLING_LINK_PENDING", "Asked to add a council tax or rent account: waiting for the activation code"),
    BILLING_ACTIVATION_LETTER_SENT("BILLING_ACTIVATION_LETTER_SENT", "Activation code posted to the account's address"),
    BILLING_ACTIVATION_FAILED("BILLING_ACTIVATION_FAILED", "Activation code refused"),
    BILLING_ACTIVATION_THROTTLED("BILLING_ACTIVATION_THROTTLED", "Activation code refused: too many attempts"),
    BILLING_HOLDERS_VIEWED("BILLING_HOLDERS_VIEWED", "Who holds a council tax or rent account looked up by a finance officer"),
    BILLING_HOLDER_REMOVED("BILLING_HOLDER_REMOVED", "Removed from a council tax or rent account by the council"),
    // Evidence: an officer opened the original a resident sent rather than its safe copy.
    EVIDENCE_ORIGINAL_OPENED("EVIDENCE_ORIGINAL_OPENED", "The original of your evidence opened, for the record"),
    // Inbound mail screening (module mail): what security analysts do with screened mail.
    MAIL_SEARCHED("MAIL_SEARCHED", "Screened mail searched"),
    MAIL_VIEWED("MAIL_VIEWED", "Screened message opened in the safe view"),
    MAIL_RELEASED("MAIL_RELEASED", "Quarantined message released for delivery"),
    MAIL_DELETED("MAIL_DELETED", "Screened message deleted"),
    MAIL_PHISHING_REPORTED("MAIL_PHISHING_REPORTED", "Message declared phishing and its campaign quarantined"),
    MAIL_DOMAIN_BLOCKED("MAIL_DOMAIN_BLOCKED", "Sender domain blocked as phishing"),
    MAILBOX_VIEWED("MAILBOX_VIEWED", "Embedded mailbox read"),

    // Security incidents, personal data breaches and the audit committee's report (incidents, reports).
    INCIDENT_REPORTED("INCIDENT_REPORTED", "Security incident reported"),
    INCIDENT_OPENED_BY_DETECTION("INCIDENT_OPENED_BY_DETECTION", "Security incident opened by automatic detection"),
    INCIDENTS_LISTED("INCIDENTS_LISTED", "Incident register listed"),
    INCIDENT_VIEWED("INCIDENT_VIEWED", "Security incident opened"),
    INCIDENT_CHANGED("INCIDENT_CHANGED", "Security incident changed"),
    INCIDENT_EDIT_CONFLICT("INCIDENT_EDIT_CONFLICT", "Security incident change refused: someone else changed it first"),
    INCIDENT_NOTE_ADDED("INCIDENT_NOTE_ADDED", "Note added to a security incident"),
    INCIDENT_TASK_CHANGED("INCIDENT_TASK_CHANGED", "Security incident task added or done"),
    INCIDENT_OBSERVABLE_ADDED("INCIDENT_OBSERVABLE_ADDED", "Observable added to a security incident"),
    INCIDENT_EVIDENCE_LINKED("INCIDENT_EVIDENCE_LINKED", "Evidence linked to a security incident"),
    INCIDENT_REFERENCE_ADDED("INCIDENT_REFERENCE_ADDED", "External reference added to a security incident"),
    INCIDENT_INVESTIGATED("INCIDENT_INVESTIGATED", "Audit search and blast radius kept on a security incident"),
    BREACH_ASSESSED("BREACH_ASSESSED", "Personal data breach assessed"),
    BREACH_ICO_NOTIFIED("BREACH_ICO_NOTIFIED", "Personal data breach notified to the Information Commissioner"),
    BREACH_CLOCK_WARNING("BREACH_CLOCK_WARNING", "Warning sent: the 72-hour breach notification deadline is near or past"),
    BREACH_DRAFT_DOWNLOADED("BREACH_DRAFT_DOWNLOADED", "Draft breach notification to the Information Commissioner downloaded"),
    BREACH_NOTICE_APPROVED("BREACH_NOTICE_APPROVED", "Wording of the breach notice to residents approved"),
    BREACH_RESIDENT_TOLD("BREACH_RESIDENT_TOLD", "The council told you about a personal data breach that affects you"),
    API_TOKEN_ISSUED("API_TOKEN_ISSUED", "Personal API token issued"),
    API_TOKEN_REVOKED("API_TOKEN_REVOKED", "Personal API token revoked"),
    API_TOKEN_REFUSED("API_TOKEN_REFUSED", "API request refused: token unknown, revoked or not allowed"),
    COMMITTEE_REPORT_GENERATED("COMMITTEE_REPORT_GENERATED", "Audit committee report generated"),
    // incidents: what the register refuses an analyst (a move outside the table, a change to a
    // closed incident, a block too wide, residents told of a breach no longer high risk)
    INCIDENT_ACT_REFUSED("INCIDENT_ACT_REFUSED", "Change to a security incident refused"),
    // shield: a block an analyst typed that would shut out everyone, loopback or the analyst
    ADDRESS_RULE_REFUSED("ADDRESS_RULE_REFUSED", "Address block refused: too wide, loopback or the analyst's own address"),
    // Challenges checked before they are sent: evidence held, sealed, until the resident sends it or leaves.
    EVIDENCE_HELD("EVIDENCE_HELD", "Evidence added to a challenge not yet sent"),
    EVIDENCE_DISCARDED("EVIDENCE_DISCARDED", "Evidence destroyed because the challenge was not sent"),

    // Backups and restore drills (backup)
    BACKUP_TAKEN("BACKUP_TAKEN", "Backup taken"),
    BACKUP_FAILED("BACKUP_FAILED", "Backup failed"),
    BACKUP_PRUNED("BACKUP_PRUNED", "Backup past its retention removed"),
    RESTORE_DRILL_RUN("RESTORE_DRILL_RUN", "Restore drill run"),
    BACKUP_RESTORED("BACKUP_RESTORED", "Installation restored from a backup"),
    BACKUPS_VIEWED("BACKUPS_VIEWED", "Backup history viewed"),
    AUDIT_CHECKPOINT_EMAILED("AUDIT_CHECKPOINT_EMAILED", "Signed audit trail checkpoint emailed to auditors"),
    // Paying while Townhall is down (continuity): the GOV.UK Pay payment link residents are sent to.
    PAYMENT_LINK_CHANGED("PAYMENT_LINK_CHANGED", "GOV.UK Pay payment link for when online services are down set or removed"),
    // Payments taken through a payment link while Townhall was down (payments): found in GOV.UK Pay afterwards.
    LINK_PAYMENT_APPLIED("LINK_PAYMENT_APPLIED", "Payment made through a payment link while online services were down applied to its account"),
    LINK_PAYMENT_HELD("LINK_PAYMENT_HELD", "Payment made through a payment link held for a finance officer to refund or match"),
    LINK_PAYMENTS_SEARCHED("LINK_PAYMENTS_SEARCHED", "GOV.UK Pay searched for payments made through payment links"),
    // Held payment-link payments settled by finance officers (payments).
    LINK_PAYMENT_MATCHED("LINK_PAYMENT_MATCHED", "Held payment made through a payment link matched by hand to an account"),
    LINK_PAYMENT_REFUNDED("LINK_PAYMENT_REFUNDED", "Held payment made through a payment link refunded"),
    LINK_PAYMENT_SETTLE_REFUSED("LINK_PAYMENT_SETTLE_REFUSED", "Settling a held payment made through a payment link refused"),
    // One payment at a time for a fine (payments): another payer's abandoned payment gives way.
    PAYMENT_ABANDONED_CANCELLED("PAYMENT_ABANDONED_CANCELLED", "Payment left with no card details by another payer cancelled so the fine could be paid");

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
