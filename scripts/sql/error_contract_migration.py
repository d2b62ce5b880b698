#!/usr/bin/env python3
"""Writes supabase/migrations/20261203005100_error_contract_everywhere.sql (issue 9, docs/errors.md).

Reads the final definition of every function in schemas public and app from a database migrated up to
(not including) that migration, and rewrites every way SQL reported a failure before the contract into
the contract's two helpers:

  raise exception using errcode = 'PT409', message = M, detail = 'slug'  -> perform app.raise('SLUG_TAKEN', M, 'slug')
  perform app.invalid(F, M) / app.floor_invalid(F, M)                    -> perform app.raise('VALIDATION_FAILED', M, F)
  app.floor_raise(S, CODE, M, hint)                                      -> app.raise(CODE, M, hint.field, hint - field)
  app.floor_fail(S, CODE, M, hint, extra) / app.fail(S, 'PTs', M, D, E)  -> app.fail_value(CODE, M, field, context)

It also moves every caller onto one role check (app.require_member) and one replay pair
(app.replay_begin / app.replay_store), then drops the helpers nothing calls any more. Codes are checked:
a code used with two HTTP statuses stops the generator. Messages are never changed.

usage: python3 scripts/sql/error_contract_migration.py --fresh [OUT]   (builds that database itself)
       python3 scripts/sql/error_contract_migration.py PG_URL [OUT]    (a database with every migration below
                                                                       20261203005100 applied, and not that one)
"""
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

OUT_DEFAULT = 'supabase/migrations/20261203005100_error_contract_everywhere.sql'

# ------------------------------------------------------------------ codes
# (code, status, meaning). Generic ones are already in app.error_codes (20261203005000).
GENERIC = {'VALIDATION_FAILED': 400, 'NOT_SIGNED_IN': 401, 'FORBIDDEN': 403, 'NOT_FOUND': 404,
           'REQUEST_TIMEOUT': 408, 'CONFLICT': 409, 'RULE_VIOLATION': 422, 'LOCKED': 423,
           'RATE_LIMITED': 429, 'SESSION_EXPIRED': 440, 'INTERNAL': 500}

MEANINGS = {
    # tenancy
    'BADGE_TAKEN': 'Another member of the organisation has that badge code.',
    'SLUG_TAKEN': 'Another organisation has that address.',
    'ALREADY_MEMBER': 'That person is already a member of the organisation.',
    'INVITATION_PENDING': 'That person already has an invitation waiting.',
    'INVITATION_CLOSED': 'The invitation was accepted, declined, withdrawn or has expired.',
    'IDENTITY_TAKEN': 'That floor identity already belongs to another member.',
    'LAST_OWNER': 'An organisation needs at least one active owner.',
    'STATION_NAME_TAKEN': 'A station with that name is already signed in.',
    'OPERATOR_SESSION_BOUND': 'The operator session is bound to another device.',
    'PIN_NOT_RECOGNISED': 'The badge or PIN is wrong (the attempt counts towards a lockout).',
    'STATION_THROTTLED': 'Too many wrong PINs on this tablet; wait retry_after_seconds.',
    'APPROVER_THROTTLED': 'Too many wrong PINs for this approver badge; wait retry_after_seconds.',
    'WEBHOOK_SIGNATURE_INVALID': "The webhook signature does not match the shop's secret.",
    'SHOP_TAKEN': 'The Shopify store is connected to another organisation.',
    'CLIENT_ID_REUSED': 'The client_id was already used for another request.',
    # production
    'ORDER_NUMBER_TAKEN': 'Another order of the organisation has that number.',
    'ORDER_CANCELLED': 'A cancelled order cannot be reopened.',
    'ORDER_IN_PRODUCTION': 'Model and wood are fixed once the order is in production.',
    'ORDER_SHIPPED': 'The order has already shipped.',
    'ORDER_NOT_PENDING': 'Only pending orders can join a batch.',
    'ORDER_IN_ACTIVE_BATCH': 'The order is already in another unfinished batch.',
    'STATUS_NOT_BY_HAND': 'That order status change is not made by hand (allowed lists the ones that are).',
    'BATCH_COMPLETE': 'The batch is complete and no longer changes.',
    'BATCH_STARTED': 'The batch is past its first stage; start a new batch.',
    'BATCH_ORDERS_FIXED': 'Orders move between batches only through split_batch or remove and add.',
    'WORKFLOW_FIXED': 'A batch cannot change workflow.',
    'AT_LAST_STAGE': 'The batch is at its last stage: complete it instead.',
    'NOT_AT_LAST_STAGE': 'A batch is completed only from its last stage.',
    'STALE_STAGE': 'The batch was moved meanwhile (current_stage says where it is).',
    'STAGE_SKIPPED': 'Stages cannot be skipped (next_stage says which comes next).',
    'QUALITY_FAILED': 'The batch failed quality: fix it or return it for rework first.',
    # floor
    'ACTION_NOT_FOUND': 'No such stage action for this item.',
    'ITEM_NOT_FOUND': 'No such item in this workshop.',
    'LOCATION_NOT_FOUND': 'No such location in this workshop.',
    'TEAM_NOT_FOUND': 'No such team in this workshop.',
    'USER_NOT_FOUND': 'No such badge in this workshop.',
    'QUEUE_NOT_FOUND': 'No such queue in this workshop.',
    'QUEUE_ITEM_NOT_FOUND': 'No such queue entry in this workshop.',
    'SESSION_NOT_FOUND': 'No such floor session of the caller.',
    'UNKNOWN_CODE': 'No item, badge or label with that code in this workshop.',
    'SESSION_ENDED': 'The floor session has ended: start a new one.',
    'SESSION_TAKEN': 'The floor session continues on another device (resume or take over).',
    'ACTION_FINAL': 'The action is final and can no longer be changed.',
    'ITEM_ALREADY_QUEUED': 'The item is already waiting in that queue.',
    'ACTION_NOT_AVAILABLE': "The action is not available at the item's stage.",
    'ACTION_REQUIRED': 'Another required action has to be done first.',
    'ITEM_COMPLETE': "The item's batch is already complete.",
    'ITEM_NOT_ADVANCEABLE': 'The item is not in an unfinished batch: there is no stage to advance.',
    'NOT_ASSIGNABLE': 'That member cannot be assigned this queue entry.',
    'NO_BADGE': 'The member has no badge code to print.',
    'QUEUE_FULL': 'The queue is at its capacity.',
    'QUEUE_INACTIVE': 'The queue is switched off.',
    'QUEUE_ITEM_CLOSED': 'The queue entry is already completed or removed.',
    'REQUIRED_ACTIONS_PENDING': 'Required stage actions are still to do (pending lists them).',
    'APPROVAL_DENIED': 'The approver cannot approve this (wrong PIN, role too low or own work).',
    'INVALID_CODE': 'The scanned text is not a Floorline label or badge.',
    'UNSUPPORTED_LABEL_VERSION': 'The label was printed by a newer version.',
    'FOREIGN_LABEL': 'The label belongs to another workshop.',
    'WRONG_SCAN_TYPE': 'The scanned label is not of the kind asked for.',
    'CHECKLIST_INCOMPLETE': 'Required checklist items are not ticked.',
    'MEASUREMENT_OUT_OF_RANGE': 'A measurement is outside its tolerance.',
    'SCAN_MISMATCH': 'The scanned code is not the one the action expects.',
}

# Codes that travel as data (returned by app.floor_resolve_code / app.floor_check_action_data and then
# passed on through a variable), with the status they travel with.
DATA_CODES = {'INVALID_CODE': 400, 'UNSUPPORTED_LABEL_VERSION': 400, 'FOREIGN_LABEL': 422,
              'WRONG_SCAN_TYPE': 422, 'UNKNOWN_CODE': 404, 'ITEM_NOT_FOUND': 404, 'LOCATION_NOT_FOUND': 404,
              'USER_NOT_FOUND': 404, 'ACTION_NOT_FOUND': 404, 'CHECKLIST_INCOMPLETE': 422,
              'MEASUREMENT_OUT_OF_RANGE': 422, 'SCAN_MISMATCH': 422, 'ACTION_NOT_AVAILABLE': 422,
              'APPROVER_THROTTLED': 429, 'STATION_THROTTLED': 429}

# Specific codes for tenancy/production raises: (errcode, old detail or None, message regex) -> code.
# The first match wins; without a match the generic code of the status is used.
SPECIFIC = [
    ('PT409', 'badge_code', '', 'BADGE_TAKEN'),
    ('PT409', 'slug', '', 'SLUG_TAKEN'),
    ('PT409', 'order_number', '', 'ORDER_NUMBER_TAKEN'),
    ('PT409', 'name', 'station', 'STATION_NAME_TAKEN'),
    ('PT409', 'shop_domain', '', 'SHOP_TAKEN'),
    ('PT409', None, 'Already a member', 'ALREADY_MEMBER'),
    ('PT409', None, 'invitation waiting', 'INVITATION_PENDING'),
    ('PT409', None, 'This invitation is', 'INVITATION_CLOSED'),
    ('PT409', None, 'already belongs to someone', 'IDENTITY_TAKEN'),
    ('PT409', None, 'at least one active owner', 'LAST_OWNER'),
    ('PT409', None, 'bound to another device', 'OPERATOR_SESSION_BOUND'),
    ('PT409', 'batch_complete', '', 'BATCH_COMPLETE'),
    ('PT409', 'stale_stage', '', 'STALE_STAGE'),
    ('PT409', 'at_last_stage', '', 'AT_LAST_STAGE'),
    ('PT409', 'not_at_last_stage', '', 'NOT_AT_LAST_STAGE'),
    ('PT409', 'order_in_active_batch', '', 'ORDER_IN_ACTIVE_BATCH'),
    ('PT409', 'batch_started', '', 'BATCH_STARTED'),
    ('PT409', 'order_not_pending', '', 'ORDER_NOT_PENDING'),
    ('PT409', 'batch_orders', '', 'BATCH_ORDERS_FIXED'),
    ('PT409', 'cancelled', '', 'ORDER_CANCELLED'),
    ('PT409', 'in_production', '', 'ORDER_IN_PRODUCTION'),
    ('PT409', 'already_shipped', '', 'ORDER_SHIPPED'),
    ('PT409', 'workflow_id', '', 'WORKFLOW_FIXED'),
    ('PT409', 'status', 'by hand', 'STATUS_NOT_BY_HAND'),
    # one vocabulary with the floor (which answered 422 QUALITY_FAILED for the same refusal)
    ('PT409', 'quality_failed', '', 'QUALITY_FAILED'),
    ('23514', 'stage_skip', '', 'STAGE_SKIPPED'),
    ('PT401', None, 'Webhook signature', 'WEBHOOK_SIGNATURE_INVALID'),
    ('22023', 'client_id', 'client_id was already used', 'CLIENT_ID_REUSED'),
]
# old details that named a rule rather than an input: they become the code, not the field
NOT_FIELDS = {'batch_complete', 'stale_stage', 'at_last_stage', 'not_at_last_stage', 'order_in_active_batch',
              'batch_started', 'order_not_pending', 'batch_orders', 'cancelled', 'in_production',
              'already_shipped', 'quality_failed', 'stage_skip', 'role'}
# old details that named a rule but the UI shows under an input: the field to give instead
FIELD_FOR = {'in_production': 'model_id'}
GENERIC_FOR = {'22023': 'VALIDATION_FAILED', '23503': 'VALIDATION_FAILED', '23514': 'VALIDATION_FAILED',
               'PT400': 'VALIDATION_FAILED', 'PT401': 'NOT_SIGNED_IN', 'PT403': 'FORBIDDEN', 'PT404': 'NOT_FOUND',
               'PT409': 'CONFLICT', 'PT422': 'RULE_VIOLATION', 'PT423': 'LOCKED', 'PT429': 'RATE_LIMITED',
               'PT440': 'SESSION_EXPIRED', None: 'INTERNAL'}
# one status per code where the floor and production disagreed (the floor's wins)
FORCED = {'QUALITY_FAILED': 422}
# old text hints -> a context key
HINTS = [
    (r"^format\('current_stage=%s',\s*(.+)\)$", 'current_stage'),
    (r"^format\('Next stage: %s',\s*(.+)\)$", 'next_stage'),
    (r"^format\('Allowed: %s',\s*array_to_string\((\w+),\s*', '\)\)$", 'allowed'),
    (r"^('By hand:.*')$", 'allowed'),
]

# The helpers this migration replaces, dropped at the end once nothing calls them.
DROPPED = ['app.invalid(text,text)', 'app.fail(integer,text,text,text,jsonb)',
           'app.floor_raise(text,text,text,jsonb)', 'app.floor_fail(integer,text,text,jsonb,jsonb)',
           'app.floor_invalid(text,text)', 'app.floor_replay_begin(uuid,text)',
           'app.floor_replay_store(uuid,text,uuid,jsonb)', 'app.caller_role(uuid,member_role)',
           'app.require_production_role(uuid,member_role)', 'app.floor_reader(uuid,member_role)',
           'app.floor_member(uuid,member_role)', 'app.require_role(uuid,member_role)']
# Hand-written here (HELPERS below): not rewritten from the database.
HAND_WRITTEN = {'app.replay_begin(uuid,text)', 'app.replay_store(uuid,text,uuid,jsonb)', 'app.raise(text,text,text,jsonb)',
                'app.fail_value(text,text,text,jsonb)'}

HELPERS = r"""
-- ------------------------------------------------------------------ one role check
-- Replaces app.require_role, app.caller_role, app.require_production_role, app.floor_member and
-- app.floor_reader (five checks, three messages). Who may do what is unchanged:
--   * p_trusted: the service role, and SQL sessions without any JWT (psql, pg_cron, seeds), pass as an
--     owner with no member (member_id null) — as caller_role/require_production_role/floor_reader did;
--   * no signed-in user: 401 NOT_SIGNED_IN;
--   * no live membership with at least p_min_role (operators: through their PIN-in): 403 FORBIDDEN.
create function app.require_member(
  p_org_id uuid, p_min_role public.member_role default 'operator', p_trusted boolean default false
) returns table (member_id uuid, role public.member_role, operator_session_id uuid, station_id uuid)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  if p_trusted and (app.is_service_role() or (select auth.role()) is null) then
    return query select null::uuid, 'owner'::public.member_role, null::uuid, null::uuid;
    return;
  end if;
  if (select auth.uid()) is null then
    perform app.raise('NOT_SIGNED_IN', 'Sign in first');
  end if;
  return query
    select m.member_id, m.role, m.operator_session_id, m.station_id from app.my_memberships() m
    where m.org_id = p_org_id and m.role >= p_min_role
    limit 1;
  if not found then
    perform app.raise('FORBIDDEN',
      case when p_min_role = 'operator' then 'Not allowed: PIN in on a station of this workshop first'
           else format('Not allowed: this needs the %s role or above in the organisation', p_min_role) end,
      null, jsonb_build_object('min_role', p_min_role));
  end if;
end $$;
comment on function app.require_member(uuid, public.member_role, boolean) is
  'The one role check: the caller''s live membership in p_org_id with at least p_min_role, or NOT_SIGNED_IN / '
  'FORBIDDEN. p_trusted lets the service role and JWT-less SQL through as an owner without a member.';

-- ------------------------------------------------------------------ one replay pair
-- Idempotent RPCs (20261122001700): the first answer is stored by client id; failures returned as values
-- are stored with their HTTP status, so a replay answers the same way (the floor's pair, now the only one).
-- The prologue of every idempotent RPC is one call:
--   v_replay := app.replay_begin(p_client_id, '<rpc>'); if v_replay is not null then return v_replay; end if;
create or replace function app.replay_begin(p_client_id uuid, p_rpc text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row app.rpc_replays;
begin
  if p_client_id is null then
    return null;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('floorline.rpc:' || p_client_id::text, 0));
  select * into v_row from app.rpc_replays r where r.client_id = p_client_id;
  if v_row.client_id is null then
    return null;
  end if;
  if v_row.rpc <> p_rpc or v_row.user_id is distinct from (select auth.uid()) then
    perform app.raise('CLIENT_ID_REUSED', 'This client_id was already used for another request', 'client_id');
  end if;
  if v_row.response ? '_status' then
    perform set_config('response.status', v_row.response ->> '_status', true);
  end if;
  return (v_row.response - '_status') || '{"replayed": true}'::jsonb;
end $$;
comment on function app.replay_begin(uuid, text) is
  'Idempotency: locks the client id and returns its stored answer (replayed: true, HTTP status restored), or null.';

create or replace function app.replay_store(p_client_id uuid, p_rpc text, p_org_id uuid, p_response jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status text := nullif(current_setting('response.status', true), '');
begin
  -- a 429 is "come back later", not the answer: not stored, so the retry after Retry-After really runs
  -- (20261203002000)
  if p_client_id is not null and v_status is distinct from '429' then
    insert into app.rpc_replays (client_id, rpc, org_id, user_id, response)
      values (p_client_id, p_rpc, p_org_id, (select auth.uid()),
              p_response || case when v_status is not null then jsonb_build_object('_status', v_status::int)
                                 else '{}'::jsonb end);
    -- prune through the created_at index, oldest first (20261122003010)
    delete from app.rpc_replays r
      where r.client_id in (select x.client_id from app.rpc_replays x
                            where x.created_at < now() - interval '7 days'
                            order by x.created_at
                            limit 100);
  end if;
  return p_response || '{"replayed": false}'::jsonb;
end $$;
comment on function app.replay_store(uuid, text, uuid, jsonb) is
  'Idempotency: stores the first answer for a client id (with the HTTP status of a failure value; a 429 is '
  'not stored; prunes week-old ones) and returns it (replayed: false).';
"""


# ------------------------------------------------------------------ SQL text scanning
def skip_quoted(s, i):
    """s[i] is a quote: index just past the literal ('' escapes; E'' strings treat \\' too)."""
    q = s[i]
    escape = q == "'" and i > 0 and s[i - 1] in 'eE'
    i += 1
    while i < len(s):
        if escape and s[i] == '\\':
            i += 2
            continue
        if s[i] == q:
            if i + 1 < len(s) and s[i + 1] == q:
                i += 2
                continue
            return i + 1
        i += 1
    raise ValueError('unterminated literal')


def scan_to(s, i, stops):
    """Index of the first top-level char in stops from i (outside quotes, parens, brackets, comments)."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c in "'\"":
            i = skip_quoted(s, i)
            continue
        if s.startswith('--', i):
            i = s.index('\n', i)
            continue
        if c in '([':
            depth += 1
        elif c in ')]':
            if depth == 0 and c in stops:
                return i
            depth -= 1
        elif depth == 0 and c in stops:
            return i
        i += 1
    raise ValueError('no %r from %d' % (stops, i))


def split_top(s, sep=','):
    parts, i, start = [], 0, 0
    while True:
        j = scan_to(s + sep, i, sep)
        parts.append(s[start:j].strip())
        if j >= len(s):
            return parts
        i = start = j + 1


def calls(body, name):
    """(start, end, args) of every call name(...) in body, last first (so edits keep offsets)."""
    out = []
    for m in re.finditer(r'(?<![\w.])' + re.escape(name) + r'\s*\(', body):
        if in_comment(body, m.start()):
            continue
        end = scan_to(body, m.end(), ')')
        out.append((m.start(), end + 1, split_top(body[m.end():end]) if body[m.end():end].strip() else []))
    return out[::-1]


def in_comment(body, pos):
    """Whether pos is inside a -- comment (quotes before it on the line are not considered)."""
    line = body[body.rfind('\n', 0, pos) + 1:pos]
    return '--' in line


def lit(expr):
    """The value of a plain string literal, or None."""
    m = re.fullmatch(r"'((?:[^']|'')*)'", expr.strip())
    return m.group(1).replace("''", "'") if m else None


def q(text):
    return "'" + text.replace("'", "''") + "'"


# ------------------------------------------------------------------ the rewrite
class Gen:
    def __init__(self):
        self.status = dict(GENERIC)  # code -> status
        self.used = set()
        for code, st in DATA_CODES.items():
            self.use(code, st, 'data')
        self.use('CLIENT_ID_REUSED', 400, 'app.replay_begin')  # in HELPERS

    def use(self, code, status, where):
        if code in self.status and self.status[code] != status:
            sys.exit('%s: code %s used with status %s and %s' % (where, code, self.status[code], status))
        self.status[code] = status
        self.used.add(code)

    # a json hint/context expression -> (field expr, context expr or None)
    @staticmethod
    def split_hint(h):
        if h is None or h.strip().lower() == 'null':
            return 'null', None
        v = lit(h.replace('::jsonb', '')) if h.strip().startswith("'") else None
        if v is not None:
            obj = json.loads(v)
            field = obj.pop('field', None)
            return (q(field) if field else 'null'), (q(json.dumps(obj)) + '::jsonb' if obj else None)
        m = re.fullmatch(r'jsonb_build_object\((.*)\)', h.strip(), re.S)
        if m:
            args = split_top(m.group(1))
            pairs = list(zip(args[0::2], args[1::2]))
            field = 'null'
            rest = []
            for k, v in pairs:
                if lit(k) == 'field':
                    field = v
                else:
                    rest.append(k + ', ' + v)
            return field, ('jsonb_build_object(' + ', '.join(rest) + ')' if rest else None)
        return "(%s) ->> 'field'" % h, "coalesce(%s, '{}'::jsonb) - 'field'" % h

    @staticmethod
    def join_ctx(*parts):
        parts = [p for p in parts if p and p.strip() not in ('null', "'{}'", "'{}'::jsonb")]
        if not parts:
            return None
        return ' || '.join(parts) if len(parts) > 1 else parts[0]

    @staticmethod
    def call(fn, code, msg, field, ctx):
        args = [code, msg]
        if ctx is not None:
            args += [field or 'null', ctx]
        elif field and field != 'null':
            args.append(field)
        one = '%s(%s)' % (fn, ', '.join(args))
        return one

    def code_for(self, where, errcode, detail, message):
        for e, d, pattern, code in SPECIFIC:
            if e == errcode and (d is None or d == detail) and re.search(pattern, message or '', re.I):
                return code
        if errcode not in GENERIC_FOR:
            sys.exit('%s: no code for errcode %s' % (where, errcode))
        return GENERIC_FOR[errcode]

    def raise_stmt(self, where, stmt):
        """'raise exception ...' (without the ;) -> 'perform app.raise(...)'."""
        m = re.fullmatch(r"raise\s+exception\s*(.*)", stmt, re.S | re.I)
        rest = m.group(1)
        opts = {}
        message = None
        if not rest.lower().startswith('using'):
            # raise exception 'fmt %', args [using ...]
            um = None
            j = 0
            while True:
                j = scan_to(rest + ' using ', j, 'u')
                if rest[j:j + 6].lower() == 'using ' and rest[j - 1].isspace():
                    um = j
                    break
                j += 1
                if j >= len(rest):
                    break
            head = rest[:um].strip() if um is not None else rest.strip()
            rest = rest[um:] if um is not None else ''
            parts = split_top(head)
            fmt = lit(parts[0])
            if len(parts) == 1:
                message = q(fmt)
            else:
                message = 'format(%s, %s)' % (q(fmt.replace('%', '%s')), ', '.join(parts[1:]))
        if rest:
            assert rest.lower().startswith('using'), stmt
            for part in split_top(rest[5:]):
                k, v = part.split('=', 1)
                opts[k.strip().lower()] = v.strip()
        message = opts.pop('message', message)
        errcode = lit(opts.pop('errcode', 'NULL')) if 'errcode' in opts else None
        detail_e = opts.pop('detail', None)
        hint_e = opts.pop('hint', None)
        assert not opts, (where, opts)
        detail = lit(detail_e) if detail_e else None
        if detail_e and detail is None:
            sys.exit('%s: non-literal detail %s' % (where, detail_e))
        code = self.code_for(where, errcode, detail, message)
        status = {'22023': 400, '23503': 400, '23514': 400}.get(errcode) or (int(errcode[2:]) if errcode else 500)
        status = GENERIC.get(code) or FORCED.get(code) or status
        self.use(code, status, where)
        field = q(FIELD_FOR[detail]) if detail in FIELD_FOR else (
            q(detail) if detail and detail not in NOT_FIELDS else None)
        ctx = None
        if hint_e:
            for pattern, key in HINTS:
                hm = re.fullmatch(pattern, hint_e, re.S)
                if hm:
                    ctx = 'jsonb_build_object(%s, %s)' % (q(key), hm.group(1))
                    break
            else:
                sys.exit('%s: unknown hint %s' % (where, hint_e))
        return 'perform ' + self.call('app.raise', q(code), message, field, ctx)

    def rewrite(self, sig, body):
        where = sig
        # 1. raise exception statements
        out, i = [], 0
        for m in re.finditer(r'(?i)\braise\s+exception\b', body):
            if m.start() < i or in_comment(body, m.start()):
                continue
            end = scan_to(body, m.start(), ';')
            out.append(body[i:m.start()])
            out.append(self.raise_stmt(where, body[m.start():end]))
            i = end
        body = ''.join(out) + body[i:]

        # 2. helper calls, innermost last-first
        def sub(name, fn):
            nonlocal body
            for s, e, args in calls(body, name):
                body = body[:s] + fn(args) + body[e:]

        def invalid(args):
            self.use('VALIDATION_FAILED', 400, where)
            return 'app.raise(%s, %s, %s)' % (q('VALIDATION_FAILED'), args[1], args[0])
        sub('app.invalid', invalid)
        sub('app.floor_invalid', invalid)

        def floor_raise(args):
            st = lit(args[0])
            for code in re.findall(r"'([A-Z][A-Z0-9_]+)'", args[1]):
                self.use(code, 400 if st == '22023' else int(st[2:]), where)
            field, ctx = self.split_hint(args[3] if len(args) > 3 else None)
            return self.call('app.raise', args[1], args[2], field, ctx)
        sub('app.floor_raise', floor_raise)

        def floor_fail(args):
            code = lit(args[1])
            st = args[0].strip()
            if code is not None:
                self.use(code, int(st), where)
            elif not re.fullmatch(r'\d+', st) and st != 'v_status':
                sys.exit('%s: floor_fail with status %s and a variable code' % (where, st))
            field, ctx = self.split_hint(args[3] if len(args) > 3 else None)
            ctx = self.join_ctx(ctx, args[4] if len(args) > 4 else None)
            return self.call('app.fail_value', args[1], args[2], field, ctx)
        sub('app.floor_fail', floor_fail)

        def fail(args):
            st, message = int(args[0]), args[2]
            details = lit(args[3]) if len(args) > 3 and lit(args[3]) is not None else None
            extra = args[4] if len(args) > 4 else None
            field, ctx = None, None
            if st == 401:
                code, field = 'PIN_NOT_RECOGNISED', (q(details) if details else None)
            elif st == 429 and details == 'station_throttled':
                code = 'STATION_THROTTLED'
            elif st == 423 and details == 'locked':
                code = 'LOCKED'
            elif st == 440:
                code = 'SESSION_EXPIRED'
                ctx = 'jsonb_build_object(%s, %s)' % (q('end_reason'), args[3])
            else:
                sys.exit('%s: no code for app.fail(%s)' % (where, ', '.join(args)))
            self.use(code, st, where)
            return self.call('app.fail_value', q(code), message, field, self.join_ctx(ctx, extra))
        sub('app.fail', fail)

        # 3. one role check
        sub('app.require_production_role', lambda a: 'app.require_member(%s, %s, true)' % (a[0], a[1]))
        sub('app.caller_role', lambda a: '(select m.role from app.require_member(%s, %s, true) m)' % (a[0], a[1]))
        sub('app.floor_reader', lambda a: '(select m.member_id from app.require_member(%s, true) m)'
            % ', '.join(a + (["'operator'"] if len(a) == 1 else [])))
        sub('app.floor_member', lambda a: 'app.require_member(%s)' % ', '.join(a))
        sub('app.require_role', lambda a: 'app.require_member(%s)' % ', '.join(a))
        body = re.sub(r'perform \(select m\.(role|member_id) from (app\.require_member\([^;]*\)) m\);',
                      r'perform \2;', body)

        # 4. one replay pair
        body = body.replace('app.floor_replay_begin(', 'app.replay_begin(').replace(
            'app.floor_replay_store(', 'app.replay_store(')
        body = re.sub(r"(v_replay := app\.replay_begin\([^;]*\);)\n\s*if v_replay is not null then\n\s*"
                      r"return v_replay;\n\s*end if;", r'\1 if v_replay is not null then return v_replay; end if;',
                      body)
        return body


def special(sig, body):
    """Hand-chosen changes the mechanical rewrite cannot make."""
    if sig == 'floor_advance_item(uuid,uuid,uuid,production_stage)':
        # one vocabulary: advance_batch's and complete_batch's errors go through unchanged
        new, n = re.subn(r"\n  begin\n(    if v_completed then\n.*?\n    end if;\n)  exception when sqlstate 'PT409' then\n"
                         r".*?\n    end case;\n  end;\n", lambda m: '\n' + re.sub(r'(?m)^  ', '', m.group(1)),
                         body, flags=re.S)
        assert n == 1, 'floor_advance_item: the re-raising block changed'
        new, n = re.subn(r'\n  v_state text;\n  v_msg text;\n  v_detail text;\n  v_hint text;', '', new)
        assert n == 1, 'floor_advance_item: its declarations changed'
        return new
    if sig == 'app.floor_http_status(text)':
        # the same statuses lib/floor/api-error.ts gives serialization failures and deadlocks
        new, n = re.subn(r"when p_sqlstate in \('23505', '23503'\) then 409",
                         "when p_sqlstate in ('23505', '23503', '40001', '40P01') then 409", body)
        assert n == 1, 'floor_http_status changed'
        return new
    return body


FETCH = r"""
select coalesce(json_agg(json_build_object(
  'sig', case when n.nspname = 'public' then p.oid::regprocedure::text else p.oid::regprocedure::text end,
  'def', pg_get_functiondef(p.oid), 'comment', obj_description(p.oid, 'pg_proc'),
  'ident', p.oid::regprocedure::text) order by n.nspname, p.proname, p.oid::regprocedure::text), '[]')
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname in ('public', 'app') and p.prokind in ('f', 'p')
  and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
"""


@contextlib.contextmanager
def fresh_db():
    """A throwaway Postgres 15 with the migrations below OUT_DEFAULT's timestamp (scripts/lib/db.sh)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    cutoff = os.path.basename(OUT_DEFAULT).split('_')[0]
    work = tempfile.mkdtemp(prefix='floorline-errgen-')
    try:
        os.makedirs(os.path.join(work, 'supabase/migrations'))
        shutil.copy(os.path.join(root, 'supabase/config.toml'), os.path.join(work, 'supabase'))
        os.symlink(os.path.join(root, 'supabase/local'), os.path.join(work, 'supabase/local'))
        for name in sorted(os.listdir(os.path.join(root, 'supabase/migrations'))):
            if name.endswith('.sql') and name.split('_')[0] < cutoff:
                shutil.copy(os.path.join(root, 'supabase/migrations', name), os.path.join(work, 'supabase/migrations'))
        cluster = '/tmp/floorline-errgen-pg-%d' % os.getpid()  # outside work: the postgres user must reach it
        out = subprocess.run(['bash', os.path.join(root, 'scripts/pg-cluster.sh'), 'start', cluster], check=True,
                             capture_output=True, text=True).stdout
        url = re.search(r'PG_URL=(\S+)', out).group(1)
        try:
            env = dict(os.environ, ROOT=work, SUPABASE=os.path.join(root, 'node_modules/.bin/supabase'))
            built = subprocess.run(['bash', '-c', 'source "$0/scripts/lib/db.sh" && db_bootstrap "$1" && db_push "$1"',
                                    root, url], env=env, capture_output=True, text=True)
            if built.returncode != 0:
                sys.exit('could not build the database:\n' + built.stdout[-3000:] + built.stderr[-3000:])
            yield url
        finally:
            subprocess.run(['bash', os.path.join(root, 'scripts/pg-cluster.sh'), 'stop', cluster], check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    out_path = sys.argv[2] if len(sys.argv) > 2 else OUT_DEFAULT
    if sys.argv[1] == '--fresh':
        with fresh_db() as url:
            return generate(url, out_path)
    return generate(sys.argv[1], out_path)


def generate(url, out_path):
    raw = subprocess.run(['psql', url, '-XAtq', '-c', FETCH], check=True, capture_output=True, text=True).stdout
    fns = json.loads(raw)
    gen = Gen()
    changed = []
    for f in fns:
        sig, d = f['sig'], f['def']
        if sig in DROPPED or sig in HAND_WRITTEN:
            continue
        new = gen.rewrite(sig, special(sig, d))
        if new != d:
            changed.append((sig, new))
    # a definition still naming a dropped helper would break at run time
    for sig, d in changed:
        for drop in DROPPED:
            name = drop.split('(')[0]
            if re.search(r'(?<![\w.])' + re.escape(name) + r'\s*\(', d):
                sys.exit('%s still calls %s' % (sig, name))
    for f in fns:
        if f['sig'] in DROPPED or f['sig'] in HAND_WRITTEN or any(f['sig'] == s for s, _ in changed):
            continue
        if re.search(r'(?i)\braise\s+exception\b', f['def']):
            sys.exit('%s still raises' % f['sig'])

    lines = ['-- GENERATED by scripts/sql/error_contract_migration.py from the functions as they stood after',
             '-- every earlier migration. Do not edit by hand: change the generator and regenerate it.',
             '--',
             '-- One error contract everywhere (issue 9, docs/errors.md): every function in public and app reports',
             '-- an expected failure only through app.raise / app.fail_value, with a machine code from',
             '-- app.error_codes (listed below), the field as field, and context as JSON. The older helpers',
             '-- (app.invalid, app.fail, app.floor_raise, app.floor_fail, app.floor_invalid), the two replay pairs',
             '-- and the five role checks are replaced by app.raise, app.replay_begin/replay_store and',
             '-- app.require_member, then dropped. Messages are unchanged.',
             '', '-- ------------------------------------------------------------------ codes',
             'insert into app.error_codes (code, status, meaning) values']
    new_codes = sorted((c for c in gen.used if c not in GENERIC), key=lambda c: (gen.status[c], c))
    missing = [c for c in new_codes if c not in MEANINGS]
    if missing:
        sys.exit('no meaning for %s' % ', '.join(missing))
    lines.append(',\n'.join('  (%s, %d, %s)' % (q(c), gen.status[c], q(MEANINGS[c])) for c in new_codes))
    lines.append('on conflict (code) do nothing;')
    lines.append(HELPERS)
    lines.append('-- ------------------------------------------------------------------ every function on the contract')
    for sig, d in changed:
        lines.append(d.rstrip() + ';\n')
    # comments that still name the old SQLSTATE for bad input
    stale = [f for f in fns if f['sig'] not in DROPPED and f['comment'] and re.search(r'\b(22023|23514)\b', f['comment'])]
    if stale:
        lines.append('-- ------------------------------------------------------------------ comments: bad input is PT400 now')
    for f in stale:
        text = re.sub(r'\b(22023|23514)\b', 'PT400', f['comment'])
        name, args = f['sig'].split('(', 1)
        name = name if '.' in name else 'public.' + name
        lines.append('comment on function %s(%s is %s;' % (name, args, q(text)))
    if stale:
        lines.append('')
    lines.append('-- ------------------------------------------------------------------ the old helpers')
    for drop in DROPPED:
        lines.append('drop function %s;' % re.sub(r'\bmember_role\b', 'public.member_role', drop))
    lines.append('')
    lines.append('revoke execute on all functions in schema app from public;')
    lines.append('revoke execute on function app.require_member(uuid, public.member_role, boolean) from anon, authenticated;')
    with open(out_path, 'w') as fh:
        fh.write('\n'.join(lines) + '\n')
    print('%d functions rewritten, %d new codes -> %s' % (len(changed), len(new_codes), out_path), file=sys.stderr)


if __name__ == '__main__':
    main()
