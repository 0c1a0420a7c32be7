package org.townhall.audit;

/**
 * Who did it: a resident or staff member by their public reference, the system itself, or an
 * anonymous visitor. Never an email or a name: the trail outlives both.
 */
public record Actor(Type type, String ref) {

    public enum Type { RESIDENT, STAFF, SYSTEM, ANONYMOUS }

    private static final Actor SYSTEM = new Actor(Type.SYSTEM, null);
    private static final Actor ANONYMOUS = new Actor(Type.ANONYMOUS, null);

    public static Actor resident(String ref) {
        return new Actor(Type.RESIDENT, ref);
    }

    public static Actor staff(String ref) {
        return new Actor(Type.STAFF, ref);
    }

    public static Actor system() {
        return SYSTEM;
    }

    public static Actor anonymous() {
        return ANONYMOUS;
    }

    /** The signed-in resident, or an anonymous visitor when there is none. */
    public static Actor residentOrAnonymous(String ref) {
        return ref == null ? ANONYMOUS : resident(ref);
    }
}
