package org.townhall.platform.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory made before Townhall ran under its own roles: its tables are in the
 * superuser's database {@code postgres}, owned by the superuser, and its server trusted every
 * local connection. Rather than start an empty database beside them (which would look like lost
 * data) or refuse to start, the database becomes Townhall's: renamed to {@code townhall}, given to
 * the owner role with everything in it, and a fresh, empty {@code postgres} made for the server's
 * own use. The trust lines are already gone by then ({@link EmbeddedServer}).
 */
final class OlderDataDirectory {

    private static final Logger log = LoggerFactory.getLogger(OlderDataDirectory.class);

    /**
     * Every table, view, sequence (except those a table's column owns, which follow their table),
     * function and type in the public schema, from the superuser to the owner. REASSIGN OWNED would
     * be shorter, but PostgreSQL refuses it for the bootstrap superuser, which owns the catalogue.
     */
    static final String HAND_OVER = """
            do $$
            declare item record;
            begin
              for item in
                select format('alter %s %s owner to townhall_owner',
                              case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                                             when 'm' then 'materialized view' else 'table' end, c.oid::regclass) as sql
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                  and d.deptype in ('a', 'i', 'e'))
                union all
                select format('alter routine %s owner to townhall_owner', p.oid::regprocedure)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'public'
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
                union all
                select format('alter %s %s owner to townhall_owner', case t.typtype when 'd' then 'domain' else 'type' end, t.oid::regtype)
                from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where n.nspname = 'public' and t.typtype in ('e', 'd')
              loop
                execute item.sql;
              end loop;
            end $$""";

    private OlderDataDirectory() {
    }

    static void handOverToTheOwner(EmbeddedServer server, Path dataDir) throws SQLException {
        // Connected to template1: a database cannot be renamed while anyone is connected to it.
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, "template1").getConnection(); Statement s = c.createStatement()) {
            s.execute("alter database postgres rename to " + DatabaseRoles.DATABASE);
            s.execute("create database postgres");
            s.execute("alter database " + DatabaseRoles.DATABASE + " owner to " + DatabaseRoles.OWNER.roleName());
        }
        try (Connection c = server.dataSource(DatabaseRoles.SUPERUSER, DatabaseRoles.DATABASE).getConnection();
             Statement s = c.createStatement()) {
            s.execute(HAND_OVER);
        }
        log.warn("The data directory {} was made before Townhall had its own database roles: its database is now '{}',"
                + " owned by {}, and only password connections are accepted", dataDir, DatabaseRoles.DATABASE,
                DatabaseRoles.OWNER.roleName());
    }
}
