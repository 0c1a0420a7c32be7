package org.townhall.incidents;

/** What happened, in the words staff use when they report it; accidents are incidents too. */
public enum IncidentKind {
    PHISHING("Phishing"),
    MALWARE("Malware or ransomware"),
    DENIAL_OF_SERVICE("Denial of service"),
    UNAUTHORISED_ACCESS("Unauthorised access or disclosure"),
    MISDIRECTED_DATA("Personal data sent to the wrong person"),
    LOST_DEVICE("Lost or stolen device"),
    INSIDER_MISUSE("Misuse by someone inside the council"),
    OTHER("Something else");

    private final String title;

    IncidentKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
