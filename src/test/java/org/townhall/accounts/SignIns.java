package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.townhall.support.Visitor;

/** Signing a visitor in the way a person would, through the real pages. */
public final class SignIns {

    private SignIns() {
    }

    public static Visitor.Page asResident(Visitor visitor, AccountFixtures.Resident resident) {
        visitor.get("/sign-in");
        Visitor.Page page = visitor.post("/sign-in", "email", resident.email(), "password", resident.password());
        assertThat(page.location()).as("sign-in of " + resident.email()).endsWith("/account");
        return page;
    }

    /** Password, then the authenticator code for the current time step. */
    public static void asStaff(Visitor visitor, AccountFixtures.Staff staff) {
        visitor.get("/staff/sign-in");
        Visitor.Page password = visitor.post("/staff/sign-in", "email", staff.email(), "password", staff.password());
        assertThat(password.location()).endsWith("/staff/authenticator");
        visitor.get("/staff/authenticator");
        Visitor.Page code = visitor.post("/staff/authenticator", "code", staff.codeAt(System.currentTimeMillis() / 1000));
        assertThat(code.location()).as("authenticator step").endsWith("/staff");
    }
}
