-- The tracking broadcast of a status change must carry that status as its newest milestone.
-- After-row triggers on one table fire in name order, and orders_broadcast_status ran before
-- orders_status_history had written the row the milestones are read from: the live page showed
-- "Shipped" with the previous milestone on top until reloaded. Renamed to fire after it.
alter trigger orders_broadcast_status on public.orders rename to orders_status_zz_broadcast;
