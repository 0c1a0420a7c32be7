-- The copy of a document officers open by default (ADR 0015): a PDF's pages redrawn as pictures in
-- a new PDF, sealed under its own data key like the original and kept in the same object store.
-- The original stays, sealed, for the record. Documents stored before this have no copy until an
-- officer first opens them.
alter table evidence_document
    add column safe_object_key  text unique,
    add column safe_wrapped_key bytea,
    add column safe_size_bytes  integer check (safe_size_bytes > 0);

alter table evidence_document
    -- A copy is all three together; destroying the document destroys the copy's key too.
    add constraint evidence_document_safe_copy_whole
        check ((safe_object_key is null) = (safe_size_bytes is null)
               and (safe_object_key is null or safe_wrapped_key is not null or destroyed_at is not null)),
    add constraint evidence_document_safe_copy_shredded
        check (destroyed_at is null or safe_wrapped_key is null);
