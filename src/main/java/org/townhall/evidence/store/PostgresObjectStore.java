package org.townhall.evidence.store;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sealed documents in the evidence_object table, in the same transaction as their metadata. */
@Repository
class PostgresObjectStore implements ObjectStore {

    private final JdbcClient jdbc;

    PostgresObjectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String key, byte[] ciphertext) {
        jdbc.sql("insert into evidence_object (object_key, ciphertext) values (:key, :bytes)")
                .param("key", key).param("bytes", ciphertext).update();
    }

    @Override
    public Optional<byte[]> get(String key) {
        return jdbc.sql("select ciphertext from evidence_object where object_key = :key").param("key", key)
                .query(byte[].class).optional();
    }

    @Override
    public void delete(String key) {
        jdbc.sql("delete from evidence_object where object_key = :key").param("key", key).update();
    }
}
