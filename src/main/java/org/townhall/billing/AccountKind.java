package org.townhall.billing;

/** The two kinds of billing account a resident can hold, with the words and paths each uses. */
public enum AccountKind {
    COUNCIL_TAX("council tax account", "/council-tax/", "the property"),
    RENT("rent account", "/rent/", "the tenancy's correspondence address");

    private final String noun;
    private final String path;
    private final String postedTo;

    AccountKind(String noun, String path, String postedTo) {
        this.noun = noun;
        this.path = path;
        this.postedTo = postedTo;
    }

    /** "council tax account", as a sentence names it. */
    public String noun() {
        return noun;
    }

    /** Where its pages live: the account's reference follows. */
    public String path() {
        return path;
    }

    /** Where its activation code is posted, as a sentence names it. */
    public String postedTo() {
        return postedTo;
    }
}
