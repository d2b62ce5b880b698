-- The tracking page's estimated completion (issue 10): remaining stage hours of the order's batch
-- and of the batches ahead of it, over the workshop's measured pace (the last whole weeks before
-- today), with a range from its fastest and slowest week; the default pace without history. The
-- estimate of an order walking through its stages only ever moves earlier while the queue ahead
-- and the pace stay the same (the old one flipped: the batches "ahead" were those at its current
-- stage that had entered it earlier, so each of its own advances changed its queue).
begin;
select plan(13);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
-- fixture: batch alpha:1 = orders 1, 2 at Intake; every order is an Atticus, 10 stage hours
-- (Intake 0.5, Sanding 2, Finishing 1.5, Sub-Assembly 2, Final Assembly 2.5, Acoustic QC 1, Shipping 0.5)

-- ---------------------------------------------------------------- no history: the planned pace
create temporary table est (step int, stage text, e jsonb) on commit drop;
insert into est values (0, 'none', app.order_estimate(tests.id('order:alpha:1')));
select is((select e ->> 'basis' from est where step = 0), 'based on the workshop''s planned pace (no history yet)',
  'no history: the basis says so');
-- 20 h (two orders) over the default 16 h a day, ±25 %
select is((select array[e ->> 'earliest', e ->> 'likeliest', e ->> 'latest'] from est where step = 0),
  array[(app.org_today(tests.id('org:alpha')) + 1)::text, (app.org_today(tests.id('org:alpha')) + 2)::text,
        (app.org_today(tests.id('org:alpha')) + 2)::text],
  'no history: 20 h at 20 / 16 / 12 h a day = 1 / 2 / 2 days');
select is((select (w).weeks from (select app.workshop_pace(tests.id('org:alpha')) w) x), 0, 'no history: no weeks measured');

-- ---------------------------------------------------------------- a seeded history
-- a finished batch (orders 5, 6) walked through today, and its past: 4 weeks of Sanding work
-- (4 h per move: 2 orders × 2 h): one move a day in the oldest week, two a day since
-- → 28 h, 56 h, 56 h, 56 h = 196 h over 28 days: 7 h a day, fastest week 8, slowest 4
select tests.add_batch('alpha', 9, array[5, 6]);
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:9');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:9');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:9');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:9');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:9');
update public.batches set current_stage = 'Shipping' where id = tests.id('batch:alpha:9');
update public.batches set is_complete = true, completed_at = now(), actual_completion = current_date
  where id = tests.id('batch:alpha:9');
insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, at)
select tests.id('org:alpha'), tests.id('batch:alpha:9'), 'advanced', 'Sanding', 'Finishing',
       (app.org_today(tests.id('org:alpha')) - d)::timestamp + interval '10 hours' + k * interval '1 hour'
from generate_series(1, 28) d, generate_series(0, 1) k
where k = 0 or d <= 21;

select is((select array[(w).likeliest, (w).fast, (w).slow, (w).weeks]
           from (select app.workshop_pace(tests.id('org:alpha')) w) x),
  array[7, 8, 4, 4]::numeric[], 'the pace: 7 h a day, weeks between 8 and 4, 4 weeks measured');

-- a batch ahead of alpha:1 (created earlier, same priority): orders 3, 4, at Sanding since yesterday
select tests.add_batch('alpha', 2, array[3, 4]);
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:2');
update public.batches set created_at = now() - interval '1 hour', stage_entered_at = now() - interval '1 day'
  where id = tests.id('batch:alpha:2');

-- ---------------------------------------------------------------- order 1 walks through its stages
insert into est values (1, 'Intake', app.order_estimate(tests.id('order:alpha:1')));
-- by hand: its batch 20 h + the batch ahead 19 h (2 × 9.5 from Sanding on) = 39 h
-- → 39 / 7 = 5.6 → 6 days; 39 / 8 = 4.9 → 5; 39 / 4 = 9.75 → 10
select is((select array[e ->> 'earliest', e ->> 'likeliest', e ->> 'latest'] from est where step = 1),
  array[(app.org_today(tests.id('org:alpha')) + 5)::text, (app.org_today(tests.id('org:alpha')) + 6)::text,
        (app.org_today(tests.id('org:alpha')) + 10)::text],
  'by hand: 39 h at 8 / 7 / 4 h a day = 5 / 6 / 10 days');
select is((select e ->> 'basis' from est where step = 1), 'based on the last 4 weeks of the workshop''s pace',
  'the basis names the measured weeks');
select is(app.estimated_completion(tests.id('order:alpha:1'))::text, (select e ->> 'likeliest' from est where step = 1),
  'app.estimated_completion is the likeliest date');

do $$
declare
  v_stage text;
  v_step int := 2;
begin
  foreach v_stage in array array['Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC',
                                 'Shipping']::text[] loop
    update public.batches set current_stage = v_stage where id = tests.id('batch:alpha:1');
    insert into est values (v_step, v_stage::text, app.order_estimate(tests.id('order:alpha:1')));
    v_step := v_step + 1;
  end loop;
end $$;

select is((select count(*)::int from est a join est b on b.step = a.step + 1
           where a.step >= 1 and (b.e ->> 'likeliest')::date > (a.e ->> 'likeliest')::date), 0,
  'walking through its stages, the likeliest date never moves later');
select is((select count(*)::int from est a join est b on b.step = a.step + 1
           where a.step >= 1 and ((b.e ->> 'earliest')::date > (a.e ->> 'earliest')::date
                                  or (b.e ->> 'latest')::date > (a.e ->> 'latest')::date)), 0,
  'nor do the ends of the range');
select is((select string_agg(((e ->> 'likeliest')::date - app.org_today(tests.id('org:alpha')))::text, ',' order by step)
           from est where step >= 1),
  '6,6,5,5,4,4,3', 'days to go at each stage: (39, 38, 34, 31, 27, 22, 20 h) / 7');
select is((select count(*)::int from est
           where not ((e ->> 'earliest')::date <= (e ->> 'likeliest')::date
                      and (e ->> 'likeliest')::date <= (e ->> 'latest')::date)), 0,
  'the range always contains the likeliest date');

-- ---------------------------------------------------------------- the public answer
select tests.authenticate_as_anon();
create temporary table seen on commit drop as select public.track_order(tests.tracking_token('alpha')) as t;
select tests.clear_authentication();
select is((select t -> 'estimated_completion_range' from seen),
  jsonb_build_object('earliest', (select e -> 'earliest' from est where step = 7),
                     'latest', (select e -> 'latest' from est where step = 7)),
  'track_order: the range and nothing else in it');
select is(app.order_estimate(tests.id('order:alpha:5')), null, 'a shipped order has no estimate');

select * from finish();
rollback;
