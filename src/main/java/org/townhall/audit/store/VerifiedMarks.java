package org.townhall.audit.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How far each chain has been verified (table audit_chain_verified). Within a chain ids commit in
 * order, because a row's id is taken under its chain's lock and the lock is held until commit, so
 * no row can later appear behind a chain's mark.
 */
@Repository
public class VerifiedMarks {

    private final JdbcClient jdbc;

    public VerifiedMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A chain verified through the row with this id, whose hash the next row must link to. */
    public record Mark(long throughId, byte[] rowHash) {
    }

    public Map<Integer, Mark> all() {
        Map<Integer, Mark> marks = new HashMap<>();
        jdbc.sql("select chain, through_id, row_hash from audit_chain_verified")
                .query((RowCallbackHandler) rs -> marks.put(rs.getInt(1), new Mark(rs.getLong(2), rs.getBytes(3))));
        return marks;
    }

    public void keep(int chain, Mark mark, Instant at) {
        jdbc.sql("""
                insert into audit_chain_verified (chain, through_id, row_hash, verified_at) values (:chain, :id, :hash, :at)
                on conflict (chain) do update set through_id = excluded.through_id, row_hash = excluded.row_hash,
                    verified_at = excluded.verified_at""")
                .param("chain", chain).param("id", mark.throughId()).param("hash", mark.rowHash())
                .param("at", Timestamp.from(at)).update();
    }

    /** Forgets every mark, so the next check walks the whole trail again. */
    public void forget() {
        jdbc.sql("delete from audit_chain_verified").update();
    }
}
