package org.townhall.incidents;

/**
 * The six categories of the UK cyber incident categorisation model the NCSC and UK law
 * enforcement share (in use since 2018), worded here for the analyst choosing one. A council is
 * "local government": an attack that seriously affects it is usually category 3 or 4.
 */
public enum NcscCategory {
    NATIONAL_CYBER_EMERGENCY(1, "National cyber emergency",
            "An attack that causes sustained disruption of the UK's essential services or affects national security, "
                    + "with severe economic or social consequences or loss of life."),
    HIGHLY_SIGNIFICANT(2, "Highly significant incident",
            "An attack with a serious impact on central government, the UK's essential services, a large part of the "
                    + "UK population or the UK economy."),
    SIGNIFICANT(3, "Significant incident",
            "An attack with a serious impact on a large organisation or on wider or local government, or one that "
                    + "poses a considerable risk to central government or the UK's essential services."),
    SUBSTANTIAL(4, "Substantial incident",
            "An attack with a serious impact on a medium-sized organisation, or one that poses a considerable risk "
                    + "to a large organisation or to wider or local government."),
    MODERATE(5, "Moderate incident",
            "An attack on a small organisation, one that poses a considerable risk to a medium-sized organisation, "
                    + "or early signs of attack activity against a large organisation or government."),
    LOCALISED(6, "Localised incident",
            "An attack on one person, or early signs of attack activity against a small or medium-sized organisation.");

    private final int number;
    private final String title;
    private final String description;

    NcscCategory(int number, String title, String description) {
        this.number = number;
        this.title = title;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String label() {
        return "Category " + number + ": " + title;
    }

    public static NcscCategory ofNumber(int number) {
        for (NcscCategory category : values()) {
            if (category.number == number) {
                return category;
            }
        }
        throw new IllegalArgumentException("NCSC categories run from 1 to 6, not " + number);
    }
}
