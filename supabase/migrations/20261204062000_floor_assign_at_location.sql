-- Running the floor (issue 18, docs/floor.md §18): "assign … to a person PINed in at that location".
-- A supervisor's assign / reassign (floor_queue_assign, so also floor_queue_bulk 'assign' and an
-- applied floor_queue_balance) of an entry in a queue that has a location goes only to someone with
-- a live floor session at that location; otherwise NOT_AT_LOCATION (422, field member_id). Queues
-- without a location keep "any active member". Unassigning, pulls (floor_next_item gives the entry
-- to whoever pulls it, at their own tablet) and auto-assign (already live sessions there) are
-- unchanged; so is floor_queue_add's explicit assignee (planning ahead, e.g. for the next shift).

insert into app.error_codes (code, status, meaning) values
  ('NOT_AT_LOCATION', 422, 'Work in a queue with a location goes only to someone PINed in there now (context: member_id, location_id).')
on conflict (code) do nothing;

create or replace function app.floor_require_at_location(p_queue_id uuid, p_member_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_loc uuid;
  v_loc_name text;
begin
  select q.location_id, l.name into v_loc, v_loc_name
    from public.floor_queues q left join public.locations l on l.id = q.location_id
    where q.id = p_queue_id;
  if v_loc is null or p_member_id is null then
    return;
  end if;
  if not exists (select 1 from public.floor_sessions s
                 where s.member_id = p_member_id and s.ended_at is null and s.location_id = v_loc) then
    perform app.raise('NOT_AT_LOCATION',
      format('%s is not PINed in at %s: assign the work to someone working there',
             coalesce((select m.display_name from public.members m where m.id = p_member_id), 'That person'), v_loc_name),
      'member_id', jsonb_build_object('member_id', p_member_id, 'location_id', v_loc));
  end if;
end $$;
comment on function app.floor_require_at_location(uuid, uuid) is
  'Raises NOT_AT_LOCATION unless the member has a live floor session at the queue''s location (queues without one: no check).';

create or replace function public.floor_queue_assign(p_client_id uuid, p_queue_item_id uuid, p_member_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_queue_items := app.floor_queue_entry_for(p_queue_item_id);
  v_replay jsonb;
  v_me uuid;
  v_supervisor boolean;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_queue_assign'); if v_replay is not null then return v_replay; end if;
  v_me := (select m.member_id from app.require_member(v.org_id, 'operator', true) m);
  v_supervisor := v_me is null or exists (select 1 from app.my_memberships() m
                                          where m.org_id = v.org_id and m.role >= 'supervisor');
  -- operators take an unassigned entry for themselves, or hand back their own
  if not v_supervisor and not ((p_member_id = v_me and v.assigned_to is null)
                               or (p_member_id is null and v.assigned_to = v_me)) then
    perform app.raise('FORBIDDEN', 'Operators may only take unassigned work or hand back their own');
  end if;
  if v.status not in ('waiting', 'in_progress') then
    perform app.raise('QUEUE_ITEM_CLOSED', format('This entry is %s', v.status));
  end if;
  if p_member_id is not null and not exists (select 1 from public.members m
                                             where m.id = p_member_id and m.org_id = v.org_id and m.is_active) then
    perform app.raise('NOT_ASSIGNABLE', 'Assign to an active member of this workshop', null, jsonb_build_object('member_id', p_member_id));
  end if;
  if p_member_id is distinct from v.assigned_to then
    perform app.floor_require_at_location(v.queue_id, p_member_id);
  end if;
  update public.floor_queue_items qi
    set assigned_to = p_member_id,
        assigned_at = case when p_member_id is null then null
                           when p_member_id is not distinct from qi.assigned_to then qi.assigned_at else now() end
    where qi.id = v.id;
  return app.replay_store(p_client_id, 'floor_queue_assign', v.org_id,
                                jsonb_build_object('queue_item', app.floor_queue_item_json(v.id)));
end $$;
comment on function public.floor_queue_assign(uuid, uuid, uuid) is
  'Assigns a queue entry to a member, or unassigns it with null (supervisors+; operators may take unassigned work '
  'or hand back their own). In a queue with a location, only to someone PINed in there (NOT_AT_LOCATION). Returns '
  '{queue_item, replayed}. Errors: FORBIDDEN, QUEUE_ITEM_NOT_FOUND, NOT_ASSIGNABLE, NOT_AT_LOCATION, QUEUE_ITEM_CLOSED.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_queue_assign(uuid, uuid, uuid) from public, anon;
grant execute on function public.floor_queue_assign(uuid, uuid, uuid) to authenticated, service_role;
