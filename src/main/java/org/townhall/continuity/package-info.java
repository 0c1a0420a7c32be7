/**
 * Service continuity: each resident service can be switched on, degraded (read-only) or off by
 * a service manager, with the message residents see on a site-wide banner, on the service's own
 * explanation page and on the public status page. Switching is audited and kept as history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Continuity")
package org.townhall.continuity;
