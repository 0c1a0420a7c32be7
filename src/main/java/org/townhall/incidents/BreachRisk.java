package org.townhall.incidents;

/** The risk a breach poses to people's rights and freedoms (UK GDPR Art 33(1) and 34(1)). */
public enum BreachRisk {
    NONE("Unlikely to result in a risk to people"),
    RISK("Likely to result in a risk to people"),
    HIGH("Likely to result in a high risk to people");

    private final String title;

    BreachRisk(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
