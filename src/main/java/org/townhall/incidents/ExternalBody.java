package org.townhall.incidents;

/** Who else the council reported the incident to, and whose reference it keeps. */
public enum ExternalBody {
    ICO("Information Commissioner's Office case"),
    NCSC("National Cyber Security Centre"),
    NCA("National Crime Agency"),
    ACTION_FRAUD("Action Fraud"),
    POLICE("Police crime number");

    private final String title;

    ExternalBody(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
