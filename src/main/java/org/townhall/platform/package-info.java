/**
 * What every module stands on: the clock, the council's name, where a request came from, the keys
 * that must never live in the database, the embedded PostgreSQL of the default profile and the
 * page layout. It holds no council rule of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.townhall.platform;
