/**
 * The flood shield: every request is classed (essential, normal, bulk) and counted per client
 * (an IPv4 address, an IPv6 /64) before any session, database or password work, so a flood is
 * refused cheaply with 429 and Retry-After while journeys already under way keep their room.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Flood shield")
package org.townhall.shield;
