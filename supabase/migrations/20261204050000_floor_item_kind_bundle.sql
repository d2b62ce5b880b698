-- Bundles become floor items (issue 14, docs/floor.md §1): the scan screen reads a bundle's label as
-- it reads a batch's. A new enum value cannot be used in the transaction that adds it, so it comes
-- alone, before the migration that registers bundles on the floor (…050200_bundle_floor_items).
alter type public.floor_item_kind add value if not exists 'bundle';
