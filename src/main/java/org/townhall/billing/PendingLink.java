package org.townhall.billing;

import java.time.LocalDate;

/**
 * A link waiting for its activation code, as the resident who asked sees it: only what they typed
 * (the account's reference) and when letters were and may be posted. Nothing of the account.
 *
 * @param postedOn      when the latest code was posted, or null if none has been yet
 * @param codeWorksUntil the last day the latest code works, or null if there is none
 * @param newLetterFrom the first day another letter may be asked for, or null if none can be posted
 */
public record PendingLink(AccountKind kind, String accountRef, String reference, LocalDate postedOn, LocalDate codeWorksUntil,
                          boolean codeExpired, LocalDate newLetterFrom, boolean mayAskForLetterNow) {

    /** "Council tax account 40012345", "Rent account, tenancy T4000123": what the resident typed, and nothing more. */
    public String title() {
        return kind == AccountKind.COUNCIL_TAX ? "Council tax account " + reference : "Rent account, tenancy " + reference;
    }

    public String path() {
        return kind.path() + accountRef + "/activate";
    }
}
