-- The refund lifecycle, as GOV.UK Pay's: submitted, then success or error, and never again. Like
-- payment_transition, the database refuses any move this table does not hold, so a bug (or a hand
-- edit) cannot turn a failed refund into a successful one after its reserve was released.
-- RefundState holds the same table; RefundStateTest checks they agree.
create table refund_transition (
    from_state text not null,
    to_state   text not null,
    primary key (from_state, to_state)
);
insert into refund_transition (from_state, to_state) values ('SUBMITTED', 'SUCCESS'), ('SUBMITTED', 'ERROR');

create function refund_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.state is distinct from old.state and not exists
        (select 1 from refund_transition where from_state = old.state and to_state = new.state) then
        raise exception 'a refund cannot move from % to %', old.state, new.state using errcode = '23514';
    end if;
    if new.amount_pence <> old.amount_pence or new.payment_id <> old.payment_id then
        raise exception 'what a refund gives back and from which payment never change' using errcode = '23514';
    end if;
    return new;
end $$;

create trigger refund_state_change before update on refund
    for each row execute function refund_moves_by_the_table();

