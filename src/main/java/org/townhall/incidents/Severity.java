package org.townhall.incidents;

/** How bad it is for the council and its residents, as the analyst judges it. */
public enum Severity {
    LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

    private final String title;

    Severity(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
