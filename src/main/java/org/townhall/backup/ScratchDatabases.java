package org.townhall.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.townhall.platform.database.DatabaseRoles;
import org.townhall.platform.database.EmbeddedServer;

/**
 * Where a drill restores to: a database made for it and dropped after. In the embedded default it
 * is made on Townhall's own server by its superuser; a production drill runs on a recovery machine
 * with its own embedded server (the restore command), never against the live database.
 */
@Component
class ScratchDatabases {

    record Scratch(String name, DataSource owner, DataSource superuser) {
    }

    private final ObjectProvider<EmbeddedServer> embedded;

    ScratchDatabases(ObjectProvider<EmbeddedServer> embedded) {
        this.embedded = embedded;
    }

    Scratch create() throws SQLException {
        EmbeddedServer server = server();
        String name = "drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " owner " + DatabaseRoles.OWNER.roleName());
        }
        return new Scratch(name, server.dataSource(DatabaseRoles.OWNER, name), server.dataSource(DatabaseRoles.SUPERUSER, name));
    }

    /** This installation's own database, as the superuser a restore needs. */
    DataSource live() {
        return server().dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE);
    }

    void drop(Scratch scratch) throws SQLException {
        try (Connection c = server().dataSource(DatabaseRoles.SUPERUSER, "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + scratch.name() + " with (force)");
        }
    }

    private EmbeddedServer server() {
        EmbeddedServer server = embedded.getIfAvailable();
        if (server == null) {
            throw new IllegalStateException("restore drills need a scratch database server: run them with the restore "
                    + "command on a recovery machine (see the README's Backups)");
        }
        return server;
    }
}
