-- The lifecycles of a PCN and of a challenge or representations case, as tables of allowed moves
-- (like payment_transition): a PCN is open until paid or cancelled and never reopens; a case is
-- open until accepted, rejected or deemed accepted, and is never reopened or changes its kind.
-- PcnStatus and CaseStatus hold the same tables; ParkingLifecycleTest checks they agree.
create table pcn_transition (
    from_status text not null,
    to_status   text not null,
    primary key (from_status, to_status)
);
insert into pcn_transition (from_status, to_status) values ('OPEN', 'PAID'), ('OPEN', 'CANCELLED');

create table parking_case_transition (
    from_status text not null,
    to_status   text not null,
    primary key (from_status, to_status)
);
insert into parking_case_transition (from_status, to_status) values
    ('OPEN', 'ACCEPTED'), ('OPEN', 'REJECTED'), ('OPEN', 'DEEMED_ACCEPTED');

create function pcn_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.status is distinct from old.status and not exists
        (select 1 from pcn_transition where from_status = old.status and to_status = new.status) then
        raise exception 'a PCN cannot move from % to %', old.status, new.status using errcode = '23514';
    end if;
    return new;
end $$;

create trigger pcn_status_change before update of status on pcn
    for each row execute function pcn_moves_by_the_table();

create function parking_case_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.status is distinct from old.status and not exists
        (select 1 from parking_case_transition where from_status = old.status and to_status = new.status) then
        raise exception 'a parking case cannot move from % to %', old.status, new.status using errcode = '23514';
    end if;
    if new.kind is distinct from old.kind or new.pcn_id is distinct from old.pcn_id then
        raise exception 'a parking case never changes its kind or its PCN' using errcode = '23514';
    end if;
    return new;
end $$;

create trigger parking_case_status_change before update on parking_case
    for each row execute function parking_case_moves_by_the_table();
