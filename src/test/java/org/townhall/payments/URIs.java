package org.townhall.payments;

import java.net.URI;

/** The path (and query) of a Location header, absolute or not. */
final class URIs {

    private URIs() {
    }

    static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
