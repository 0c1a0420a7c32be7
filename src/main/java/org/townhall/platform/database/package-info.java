/**
 * The embedded PostgreSQL of the default profile and the rules every Townhall database follows
 * about who may do what: the owner migrates, the application role reads and appends.
 */
@org.springframework.modulith.NamedInterface("database")
package org.townhall.platform.database;
