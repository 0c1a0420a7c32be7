package org.townhall.notifications;

import java.util.Map;

/**
 * The messages Townhall sends. In production each maps to a GOV.UK Notify template id from
 * configuration (townhall.notify.templates.CODE); the subject and body here are the same wording
 * with Notify's ((placeholder)) syntax, rendered for the outbox.
 *
 * <p>Each opens with ((greeting)), which Townhall fills ("Dear Amara Okafor" or "Hello", see
 * Greeting); no template has a ((name)) of its own, so a resident's name reaches a message only
 * after it has passed the name rule (ADR 0014).
 */
public enum NotificationTemplate {
    VERIFY_EMAIL("Confirm your email address",
            "((greeting)),\n\nConfirm your email address to finish setting up your account:\n((link))\n\n"
                    + "The link works once and expires in 24 hours. If you did not create an account, ignore this email."),
    ALREADY_REGISTERED("Someone tried to create an account with your email address",
            "((greeting)),\n\nSomeone tried to create an account with this email address, which already has one.\n\n"
                    + "If it was you, sign in: ((signInLink))\nIf you have forgotten your password, reset it: ((resetLink))\n\n"
                    + "If it was not you, you do not need to do anything: your account has not changed."),
    RESET_PASSWORD("Reset your password",
            "((greeting)),\n\nUse this link to choose a new password:\n((link))\n\n"
                    + "The link works once and expires in 30 minutes. If you did not ask for this, ignore this email: "
                    + "your password has not changed."),
    PASSWORD_CHANGED("Your password has been changed",
            "((greeting)),\n\nThe password for your account was changed at ((time)).\n\n"
                    + "If this was not you, reset your password now and contact the council."),
    STAFF_SET_UP("Set up your council staff account",
            "((greeting)),\n\nAn administrator has created a staff account for you. Choose your password here:\n((link))\n\n"
                    + "The link works once and expires in 24 hours. At your first sign-in you will set up an authenticator app."),
    PARKING_CASE_RECEIVED("We have received your ((what)) about parking fine ((pcn))",
            "((greeting)),\n\nWe have received your ((what)) about parking fine ((pcn)) and the ((documents)) document(s) "
                    + "you sent with it. We will reply by ((decideBy)).\n\nFollow your case: ((link))"),
    DEADLINE_EXTENDED("We have given you more time: parking fine ((pcn))",
            "((greeting)),\n\nOur online service ((service)) was unavailable from ((from)) to ((to)). So that you do not "
                    + "lose out, we have moved your deadlines for parking fine ((pcn)) by ((days)) days.\n\n"
                    + "See your new dates: ((link))"),
    PARKING_LETTER("((title)): parking fine ((pcn))",
            "((greeting)),\n\n((body))\n\nYou can read this letter and your case online: ((link))"),
    INSTALMENT_DEADLINE_EXTENDED("We have given you more time to pay your council tax",
            "((greeting)),\n\nOur online service ((service)) was unavailable from ((from)) to ((to)). So that you do not "
                    + "lose out, we have moved the due date of your council tax instalment(s) by ((days)) days. Your next "
                    + "instalment is now due on ((due)).\n\nSee your account: ((link))"),
    PAYMENT_RECEIPT("Payment received: ((reference))",
            "((greeting)),\n\nThank you. We have received your payment of ((amount)) for ((description)) on ((date)).\n\n"
                    + "Payment reference: ((reference))\n\nYour receipt: ((link))\n\nKeep this email as a record of your payment."),
    PAYMENT_REFUNDED("Refund of ((amount)): ((reference))",
            "((greeting)),\n\nWe have refunded ((amount)) of your payment ((reference)) for ((description)). "
                    + "It should reach your card within 5 to 10 working days.\n\nReason: ((reason))"),

    // Linking council tax and rent accounts (ADR 0012). No resident-typed text appears in these:
    // a name typed at registration could otherwise turn a council letter into someone's message.
    /** A letter, posted to the property or the tenancy's correspondence address. */
    BILLING_ACTIVATION_LETTER("Your activation code for Eastbridge online services",
            "((account))\n\nSomeone has asked to see this account in their Eastbridge online account. Before they can see "
                    + "anything about it, they must enter this activation code:\n\n((code))\n\nSign in at ((link)) and enter "
                    + "the code by ((expires)). It works once.\n\nIf you did not ask for this, do not give the code to anyone: "
                    + "nobody can see the account online without it. If you are worried, contact the council.", true),
    BILLING_LINK_REQUESTED("Someone has asked to see your ((account))",
            "((greeting)),\n\nSomeone has asked to add your ((account)) to their Townhall account. They cannot see anything about it "
                    + "unless they enter the activation code we have posted to ((where)).\n\nIf you share the account with "
                    + "someone who lives there, you do not need to do anything. If not, contact the council: a finance officer "
                    + "can remove them.\n\nSee who can see your account: ((link))"),
    BILLING_LINK_ACTIVATED("Someone else can now see your ((account))",
            "((greeting)),\n\nSomeone has entered the activation code we posted to ((where)) and can now see and pay your ((account)) "
                    + "in their Townhall account.\n\nIf you do not know who this is, contact the council: a finance officer "
                    + "can remove them.\n\nSee who can see your account: ((link))"),
    BILLING_HOLDER_REMOVED("Your ((account)) has been removed from your Townhall account",
            "((greeting)),\n\nA council finance officer has removed your ((account)) from your Townhall account. You can no longer see or "
                    + "pay it online.\n\nIf you think this is wrong, contact the council."),

    // Security incidents and personal data breaches (incidents).
    INCIDENT_OPENED("Security incident ((reference)) opened by detection",
            "((greeting)),\n\nTownhall detected ((signal)) at ((time)) (London time) and opened security incident ((reference)).\n\n"
                    + "Open it: ((link))\n\nFurther signals of the same episode are added to this incident: "
                    + "you will not be emailed again for them."),
    BREACH_DEADLINE("((reference)): ((left)) to notify the Information Commissioner",
            "((greeting)),\n\nPersonal data breach ((reference)) must be notified to the Information Commissioner by ((deadline)) "
                    + "(London time), 72 hours after the council became aware of it (UK GDPR Article 33).\n\n"
                    + "Time left: ((left)).\n\nOpen the breach: ((link))"),
    BREACH_NOTICE("A personal data breach that affects you",
            "((greeting)),\n\n((body))\n\nOur reference: ((reference))"),

    // Backups (backup): the day's signed checkpoint of the audit trail, for auditors to keep outside Townhall.
    AUDIT_CHECKPOINT("Townhall audit trail checkpoint ((anchor))",
            "((greeting)),\n\nThis is the signed checkpoint of Townhall's audit trail taken at ((takenAt)) (London time): "
                    + "the newest record of each audit chain. Keep this email. If records are ever removed from the end of the "
                    + "trail or rewritten, this checkpoint shows what was there, and Townhall's own verification names it.\n\n"
                    + "((heads))\n\nThe checkpoint exactly as signed and stored in the backup store (first line: the Ed25519 "
                    + "signature in base64; then the signed text):\n\n((signed))");

    private final String subject;
    private final String body;
    private final boolean letter;

    NotificationTemplate(String subject, String body) {
        this(subject, body, false);
    }

    NotificationTemplate(String subject, String body, boolean letter) {
        this.subject = subject;
        this.body = body;
        this.letter = letter;
    }

    /** Posted as a letter (Notify's letter API, an address) rather than emailed. */
    public boolean letter() {
        return letter;
    }

    public String subject() {
        return subject;
    }

    public String render(Map<String, String> personalisation) {
        String text = body;
        for (Map.Entry<String, String> field : personalisation.entrySet()) {
            text = text.replace("((" + field.getKey() + "))", field.getValue());
        }
        return text;
    }
}
