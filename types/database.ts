export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  public: {
    Tables: {
      accounts: {
        Row: {
          billing_email: string | null
          created_at: string
          id: string
          name: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          billing_email?: string | null
          created_at?: string
          id?: string
          name: string
          updated_at?: string
        }
        Update: {
          billing_email?: string | null
          created_at?: string
          id?: string
          name?: string
          updated_at?: string
        }
        Relationships: []
      }
      audit_log: {
        Row: {
          actor_member_id: string | null
          actor_role: string | null
          actor_user_id: string | null
          at: string
          device_id: string | null
          id: number
          new_values: Json | null
          old_values: Json | null
          op: string
          operator_session_id: string | null
          org_id: string
          row_id: string | null
          station_id: string | null
          table_name: string
        }
        ComputedFields: never
        Insert: {
          actor_member_id?: string | null
          actor_role?: string | null
          actor_user_id?: string | null
          at?: string
          device_id?: string | null
          id?: never
          new_values?: Json | null
          old_values?: Json | null
          op: string
          operator_session_id?: string | null
          org_id: string
          row_id?: string | null
          station_id?: string | null
          table_name: string
        }
        Update: {
          actor_member_id?: string | null
          actor_role?: string | null
          actor_user_id?: string | null
          at?: string
          device_id?: string | null
          id?: never
          new_values?: Json | null
          old_values?: Json | null
          op?: string
          operator_session_id?: string | null
          org_id?: string
          row_id?: string | null
          station_id?: string | null
          table_name?: string
        }
        Relationships: []
      }
      auth_attempts: {
        Row: {
          attempted_at: string
          badge_code: string | null
          device_id: string | null
          id: number
          member_id: string | null
          operator_session_id: string | null
          org_id: string
          reason: Database['public']['Enums']['auth_attempt_reason']
          station_id: string
          success: boolean
        }
        ComputedFields: never
        Insert: {
          attempted_at?: string
          badge_code?: string | null
          device_id?: string | null
          id?: never
          member_id?: string | null
          operator_session_id?: string | null
          org_id: string
          reason: Database['public']['Enums']['auth_attempt_reason']
          station_id: string
          success: boolean
        }
        Update: {
          attempted_at?: string
          badge_code?: string | null
          device_id?: string | null
          id?: never
          member_id?: string | null
          operator_session_id?: string | null
          org_id?: string
          reason?: Database['public']['Enums']['auth_attempt_reason']
          station_id?: string
          success?: boolean
        }
        Relationships: [
          {
            foreignKeyName: 'auth_attempts_operator_session_id_fkey'
            columns: ['operator_session_id']
            isOneToOne: false
            referencedRelation: 'operator_sessions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      batch_events: {
        Row: {
          at: string
          batch_id: string
          from_stage: string | null
          id: number
          kind: Database['public']['Enums']['batch_event_kind']
          member_id: string | null
          order_ids: string[] | null
          org_id: string
          quality_status: Database['public']['Enums']['quality_status'] | null
          reason: string | null
          related_batch_id: string | null
          skipped_actions: Json | null
          to_stage: string | null
          user_id: string | null
        }
        ComputedFields: never
        Insert: {
          at?: string
          batch_id: string
          from_stage?: string | null
          id?: never
          kind: Database['public']['Enums']['batch_event_kind']
          member_id?: string | null
          order_ids?: string[] | null
          org_id: string
          quality_status?: Database['public']['Enums']['quality_status'] | null
          reason?: string | null
          related_batch_id?: string | null
          skipped_actions?: Json | null
          to_stage?: string | null
          user_id?: string | null
        }
        Update: {
          at?: string
          batch_id?: string
          from_stage?: string | null
          id?: never
          kind?: Database['public']['Enums']['batch_event_kind']
          member_id?: string | null
          order_ids?: string[] | null
          org_id?: string
          quality_status?: Database['public']['Enums']['quality_status'] | null
          reason?: string | null
          related_batch_id?: string | null
          skipped_actions?: Json | null
          to_stage?: string | null
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'batch_events_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: false
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'batch_events_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      batch_metadata: {
        Row: {
          actual_hours_spent: number | null
          batch_id: string
          defect_rate: number | null
          notes: string | null
          org_id: string
          tags: string[]
          total_estimated_hours: number | null
        }
        ComputedFields: never
        Insert: {
          actual_hours_spent?: number | null
          batch_id: string
          defect_rate?: number | null
          notes?: string | null
          org_id: string
          tags?: string[]
          total_estimated_hours?: number | null
        }
        Update: {
          actual_hours_spent?: number | null
          batch_id?: string
          defect_rate?: number | null
          notes?: string | null
          org_id?: string
          tags?: string[]
          total_estimated_hours?: number | null
        }
        Relationships: [
          {
            foreignKeyName: 'batch_metadata_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: false
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      batch_orders: {
        Row: {
          added_at: string
          added_by: string | null
          batch_id: string
          batch_is_complete: boolean
          id: string
          order_id: string
          org_id: string
        }
        ComputedFields: never
        Insert: {
          added_at?: string
          added_by?: string | null
          batch_id: string
          batch_is_complete?: boolean
          id?: string
          order_id: string
          org_id: string
        }
        Update: {
          added_at?: string
          added_by?: string | null
          batch_id?: string
          batch_is_complete?: boolean
          id?: string
          order_id?: string
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'batch_orders_org_id_added_by_fkey'
            columns: ['org_id', 'added_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'batch_orders_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: false
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'batch_orders_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      batch_settings: {
        Row: {
          created_at: string
          default_type_id: string
          hours_per_day: number
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          default_type_id: string
          hours_per_day?: number
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          default_type_id?: string
          hours_per_day?: number
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'batch_settings_default_type_id_fkey'
            columns: ['default_type_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'batch_settings_org_id_fkey'
            columns: ['org_id']
            isOneToOne: true
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      batches: {
        Row: {
          actual_completion: string | null
          batch_number: string
          completed_at: string | null
          created_at: string
          created_by: string | null
          current_stage: string
          id: string
          is_complete: boolean
          org_id: string
          priority: Database['public']['Enums']['batch_priority']
          quality_status: Database['public']['Enums']['quality_status']
          stage_entered_at: string
          target_completion: string | null
          type_definition_id: string
          type_version: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          actual_completion?: string | null
          batch_number: string
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          current_stage: string
          id?: string
          is_complete?: boolean
          org_id: string
          priority?: Database['public']['Enums']['batch_priority']
          quality_status?: Database['public']['Enums']['quality_status']
          stage_entered_at?: string
          target_completion?: string | null
          type_definition_id: string
          type_version: number
          updated_at?: string
        }
        Update: {
          actual_completion?: string | null
          batch_number?: string
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          current_stage?: string
          id?: string
          is_complete?: boolean
          org_id?: string
          priority?: Database['public']['Enums']['batch_priority']
          quality_status?: Database['public']['Enums']['quality_status']
          stage_entered_at?: string
          target_completion?: string | null
          type_definition_id?: string
          type_version?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'batches_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'batches_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'batches_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      bundle_status_history: {
        Row: {
          bundle_id: string
          change_reason: string | null
          changed_by: string | null
          created_at: string
          from_location_id: string | null
          from_status: string | null
          id: number
          member_id: string | null
          org_id: string
          scanned_at: string | null
          scanner_device: string | null
          to_location_id: string | null
          to_status: string
          transition: string | null
        }
        ComputedFields: never
        Insert: {
          bundle_id: string
          change_reason?: string | null
          changed_by?: string | null
          created_at?: string
          from_location_id?: string | null
          from_status?: string | null
          id?: never
          member_id?: string | null
          org_id: string
          scanned_at?: string | null
          scanner_device?: string | null
          to_location_id?: string | null
          to_status: string
          transition?: string | null
        }
        Update: {
          bundle_id?: string
          change_reason?: string | null
          changed_by?: string | null
          created_at?: string
          from_location_id?: string | null
          from_status?: string | null
          id?: never
          member_id?: string | null
          org_id?: string
          scanned_at?: string | null
          scanner_device?: string | null
          to_location_id?: string | null
          to_status?: string
          transition?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'bundle_status_history_org_id_bundle_id_fkey'
            columns: ['org_id', 'bundle_id']
            isOneToOne: false
            referencedRelation: 'bundles'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundle_status_history_org_id_from_location_id_fkey'
            columns: ['org_id', 'from_location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundle_status_history_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundle_status_history_org_id_to_location_id_fkey'
            columns: ['org_id', 'to_location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      bundles: {
        Row: {
          bundle_number: number
          colour: string
          created_at: string
          created_by: string | null
          cut_order_id: string | null
          cutting_run_id: string | null
          id: string
          lay_id: string | null
          location_id: string | null
          org_id: string
          quantity: number
          rejected_quantity: number
          shade: string
          size: string
          status: string
          style_id: string
          type_definition_id: string
          type_version: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          bundle_number: number
          colour: string
          created_at?: string
          created_by?: string | null
          cut_order_id?: string | null
          cutting_run_id?: string | null
          id?: string
          lay_id?: string | null
          location_id?: string | null
          org_id: string
          quantity: number
          rejected_quantity?: number
          shade?: string
          size: string
          status: string
          style_id: string
          type_definition_id: string
          type_version: number
          updated_at?: string
        }
        Update: {
          bundle_number?: number
          colour?: string
          created_at?: string
          created_by?: string | null
          cut_order_id?: string | null
          cutting_run_id?: string | null
          id?: string
          lay_id?: string | null
          location_id?: string | null
          org_id?: string
          quantity?: number
          rejected_quantity?: number
          shade?: string
          size?: string
          status?: string
          style_id?: string
          type_definition_id?: string
          type_version?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'bundles_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_org_id_cut_order_id_fkey'
            columns: ['org_id', 'cut_order_id']
            isOneToOne: false
            referencedRelation: 'cut_orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_org_id_cutting_run_id_fkey'
            columns: ['org_id', 'cutting_run_id']
            isOneToOne: false
            referencedRelation: 'cutting_runs'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'bundles_org_id_lay_id_fkey'
            columns: ['org_id', 'lay_id']
            isOneToOne: false
            referencedRelation: 'lays'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_org_id_style_id_fkey'
            columns: ['org_id', 'style_id']
            isOneToOne: false
            referencedRelation: 'styles'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'bundles_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      count_entries: {
        Row: {
          client_id: string
          count_id: string
          count_line_id: string
          device_id: string | null
          entered_at: string
          forced: boolean
          id: string
          member_id: string | null
          method: Database['public']['Enums']['count_entry_method']
          org_id: string
          quantity: number
          received_at: string
          round: number
          user_id: string | null
        }
        ComputedFields: never
        Insert: {
          client_id: string
          count_id: string
          count_line_id: string
          device_id?: string | null
          entered_at: string
          forced?: boolean
          id?: string
          member_id?: string | null
          method?: Database['public']['Enums']['count_entry_method']
          org_id: string
          quantity: number
          received_at?: string
          round?: number
          user_id?: string | null
        }
        Update: {
          client_id?: string
          count_id?: string
          count_line_id?: string
          device_id?: string | null
          entered_at?: string
          forced?: boolean
          id?: string
          member_id?: string | null
          method?: Database['public']['Enums']['count_entry_method']
          org_id?: string
          quantity?: number
          received_at?: string
          round?: number
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'count_entries_org_id_count_id_fkey'
            columns: ['org_id', 'count_id']
            isOneToOne: false
            referencedRelation: 'count_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_entries_org_id_count_line_id_fkey'
            columns: ['org_id', 'count_line_id']
            isOneToOne: false
            referencedRelation: 'count_lines'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_entries_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'count_entries_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      count_lines: {
        Row: {
          added_at: string | null
          added_by: string | null
          adjustment_id: string | null
          count_id: string
          counted_at: string | null
          counted_by: string | null
          counted_qty: number | null
          created_at: string
          device_id: string | null
          entry_count: number
          expected_qty: number
          id: string
          location_id: string
          movement_at_count: number | null
          movement_qty: number
          org_id: string
          reason_code: string | null
          reason_note: string | null
          recount_excluded_member: string | null
          recount_reason: string | null
          recount_requested_at: string | null
          recount_requested_by: string | null
          recount_round: number
          status: Database['public']['Enums']['count_line_status']
          stock_item_id: string
          unit_cost: number
          updated_at: string
          variance_qty: number | null
          variance_value: number | null
        }
        ComputedFields: never
        Insert: {
          added_at?: string | null
          added_by?: string | null
          adjustment_id?: string | null
          count_id: string
          counted_at?: string | null
          counted_by?: string | null
          counted_qty?: number | null
          created_at?: string
          device_id?: string | null
          entry_count?: number
          expected_qty: number
          id?: string
          location_id: string
          movement_at_count?: number | null
          movement_qty?: number
          org_id: string
          reason_code?: string | null
          reason_note?: string | null
          recount_excluded_member?: string | null
          recount_reason?: string | null
          recount_requested_at?: string | null
          recount_requested_by?: string | null
          recount_round?: number
          status?: Database['public']['Enums']['count_line_status']
          stock_item_id: string
          unit_cost: number
          updated_at?: string
          variance_qty?: never
          variance_value?: never
        }
        Update: {
          added_at?: string | null
          added_by?: string | null
          adjustment_id?: string | null
          count_id?: string
          counted_at?: string | null
          counted_by?: string | null
          counted_qty?: number | null
          created_at?: string
          device_id?: string | null
          entry_count?: number
          expected_qty?: number
          id?: string
          location_id?: string
          movement_at_count?: number | null
          movement_qty?: number
          org_id?: string
          reason_code?: string | null
          reason_note?: string | null
          recount_excluded_member?: string | null
          recount_reason?: string | null
          recount_requested_at?: string | null
          recount_requested_by?: string | null
          recount_round?: number
          status?: Database['public']['Enums']['count_line_status']
          stock_item_id?: string
          unit_cost?: number
          updated_at?: string
          variance_qty?: never
          variance_value?: never
        }
        Relationships: [
          {
            foreignKeyName: 'count_lines_added_by_fkey'
            columns: ['org_id', 'added_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_adjustment_id_fkey'
            columns: ['org_id', 'adjustment_id']
            isOneToOne: false
            referencedRelation: 'stock_ledger'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_count_id_fkey'
            columns: ['org_id', 'count_id']
            isOneToOne: false
            referencedRelation: 'count_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_counted_by_fkey'
            columns: ['org_id', 'counted_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'count_lines_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_reason_code_fkey'
            columns: ['org_id', 'reason_code']
            isOneToOne: false
            referencedRelation: 'stock_reason_codes'
            referencedColumns: ['org_id', 'code']
          },
          {
            foreignKeyName: 'count_lines_org_id_recount_excluded_member_fkey'
            columns: ['org_id', 'recount_excluded_member']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_recount_requested_by_fkey'
            columns: ['org_id', 'recount_requested_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_lines_org_id_stock_item_id_fkey'
            columns: ['org_id', 'stock_item_id']
            isOneToOne: false
            referencedRelation: 'stock_items'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      count_sessions: {
        Row: {
          adjustment_count: number | null
          adjustment_value: number | null
          cancelled_at: string | null
          categories: string[]
          client_id: string | null
          closed_reason: string | null
          conflict_items: string[]
          count_number: number
          counter_ids: string[]
          created_at: string
          created_by: string | null
          cycle_class: string | null
          cycle_rule: Database['public']['Enums']['count_cycle_rule'] | null
          cycle_size: number | null
          id: string
          location_ids: string[]
          mode: Database['public']['Enums']['count_mode']
          offline_created: boolean
          org_id: string
          posted_at: string | null
          posted_by: string | null
          scope: Database['public']['Enums']['count_scope']
          snapshot_at: string | null
          started_at: string | null
          status: string
          submitted_at: string | null
          sync_status: Database['public']['Enums']['count_sync_status']
          title: string
          type_definition_id: string
          type_version: number
          updated_at: string
          voided_at: string | null
          voided_by: string | null
        }
        ComputedFields: never
        Insert: {
          adjustment_count?: number | null
          adjustment_value?: number | null
          cancelled_at?: string | null
          categories?: string[]
          client_id?: string | null
          closed_reason?: string | null
          conflict_items?: string[]
          count_number: number
          counter_ids?: string[]
          created_at?: string
          created_by?: string | null
          cycle_class?: string | null
          cycle_rule?: Database['public']['Enums']['count_cycle_rule'] | null
          cycle_size?: number | null
          id?: string
          location_ids?: string[]
          mode?: Database['public']['Enums']['count_mode']
          offline_created?: boolean
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          scope: Database['public']['Enums']['count_scope']
          snapshot_at?: string | null
          started_at?: string | null
          status: string
          submitted_at?: string | null
          sync_status?: Database['public']['Enums']['count_sync_status']
          title: string
          type_definition_id: string
          type_version: number
          updated_at?: string
          voided_at?: string | null
          voided_by?: string | null
        }
        Update: {
          adjustment_count?: number | null
          adjustment_value?: number | null
          cancelled_at?: string | null
          categories?: string[]
          client_id?: string | null
          closed_reason?: string | null
          conflict_items?: string[]
          count_number?: number
          counter_ids?: string[]
          created_at?: string
          created_by?: string | null
          cycle_class?: string | null
          cycle_rule?: Database['public']['Enums']['count_cycle_rule'] | null
          cycle_size?: number | null
          id?: string
          location_ids?: string[]
          mode?: Database['public']['Enums']['count_mode']
          offline_created?: boolean
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          scope?: Database['public']['Enums']['count_scope']
          snapshot_at?: string | null
          started_at?: string | null
          status?: string
          submitted_at?: string | null
          sync_status?: Database['public']['Enums']['count_sync_status']
          title?: string
          type_definition_id?: string
          type_version?: number
          updated_at?: string
          voided_at?: string | null
          voided_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'count_sessions_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_sessions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'count_sessions_org_id_posted_by_fkey'
            columns: ['org_id', 'posted_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_sessions_org_id_voided_by_fkey'
            columns: ['org_id', 'voided_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'count_sessions_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      customer_queue_counters: {
        Row: {
          created_at: string
          id: string
          is_open: boolean
          label: string
          org_id: string
          queue_id: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          id?: string
          is_open?: boolean
          label: string
          org_id: string
          queue_id: string
        }
        Update: {
          created_at?: string
          id?: string
          is_open?: boolean
          label?: string
          org_id?: string
          queue_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'customer_queue_counters_org_id_queue_id_fkey'
            columns: ['org_id', 'queue_id']
            isOneToOne: false
            referencedRelation: 'customer_queue_settings'
            referencedColumns: ['org_id', 'queue_id']
          },
        ]
      }
      customer_queue_settings: {
        Row: {
          created_at: string
          default_service_minutes: number
          display_token_hash: string | null
          join_mode: Database['public']['Enums']['queue_join_mode']
          join_token_hash: string | null
          last_number: number
          letter: string
          max_open_tickets: number | null
          number_day: string | null
          opening_hours: Json | null
          org_id: string
          phone_required: boolean
          queue_id: string
          sms_near_position: number
          sms_templates: NonNullable<Json>
          ticket_ttl_minutes: number
          ticket_type_ids: string[]
          type_service_minutes: NonNullable<Json>
          updated_at: string
          wait_sample_size: number
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          default_service_minutes?: number
          display_token_hash?: string | null
          join_mode?: Database['public']['Enums']['queue_join_mode']
          join_token_hash?: string | null
          last_number?: number
          letter?: string
          max_open_tickets?: number | null
          number_day?: string | null
          opening_hours?: Json | null
          org_id: string
          phone_required?: boolean
          queue_id: string
          sms_near_position?: number
          sms_templates?: NonNullable<Json>
          ticket_ttl_minutes?: number
          ticket_type_ids?: string[]
          type_service_minutes?: NonNullable<Json>
          updated_at?: string
          wait_sample_size?: number
        }
        Update: {
          created_at?: string
          default_service_minutes?: number
          display_token_hash?: string | null
          join_mode?: Database['public']['Enums']['queue_join_mode']
          join_token_hash?: string | null
          last_number?: number
          letter?: string
          max_open_tickets?: number | null
          number_day?: string | null
          opening_hours?: Json | null
          org_id?: string
          phone_required?: boolean
          queue_id?: string
          sms_near_position?: number
          sms_templates?: NonNullable<Json>
          ticket_ttl_minutes?: number
          ticket_type_ids?: string[]
          type_service_minutes?: NonNullable<Json>
          updated_at?: string
          wait_sample_size?: number
        }
        Relationships: [
          {
            foreignKeyName: 'customer_queue_settings_org_id_queue_id_fkey'
            columns: ['org_id', 'queue_id']
            isOneToOne: false
            referencedRelation: 'floor_queues'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      customers: {
        Row: {
          billing_address: Json | null
          created_at: string
          email: string
          id: string
          name: string
          org_id: string
          phone: string | null
          search: unknown
          shipping_address: Json | null
          shopify_customer_id: string | null
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          billing_address?: Json | null
          created_at?: string
          email: string
          id?: string
          name: string
          org_id: string
          phone?: string | null
          search?: never
          shipping_address?: Json | null
          shopify_customer_id?: string | null
          updated_at?: string
        }
        Update: {
          billing_address?: Json | null
          created_at?: string
          email?: string
          id?: string
          name?: string
          org_id?: string
          phone?: string | null
          search?: never
          shipping_address?: Json | null
          shopify_customer_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'customers_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      cut_order_lines: {
        Row: {
          colour: string
          cut_order_id: string
          id: string
          org_id: string
          quantity: number
          size: string
        }
        ComputedFields: never
        Insert: {
          colour: string
          cut_order_id: string
          id?: string
          org_id: string
          quantity: number
          size: string
        }
        Update: {
          colour?: string
          cut_order_id?: string
          id?: string
          org_id?: string
          quantity?: number
          size?: string
        }
        Relationships: [
          {
            foreignKeyName: 'cut_order_lines_org_id_cut_order_id_fkey'
            columns: ['org_id', 'cut_order_id']
            isOneToOne: false
            referencedRelation: 'cut_orders'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      cut_orders: {
        Row: {
          closed_at: string | null
          created_at: string
          created_by: string | null
          cut_order_number: number
          due_date: string | null
          id: string
          notes: string | null
          order_id: string | null
          org_id: string
          style_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          closed_at?: string | null
          created_at?: string
          created_by?: string | null
          cut_order_number: number
          due_date?: string | null
          id?: string
          notes?: string | null
          order_id?: string | null
          org_id: string
          style_id: string
          updated_at?: string
        }
        Update: {
          closed_at?: string | null
          created_at?: string
          created_by?: string | null
          cut_order_number?: number
          due_date?: string | null
          id?: string
          notes?: string | null
          order_id?: string | null
          org_id?: string
          style_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'cut_orders_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'cut_orders_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'cut_orders_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'cut_orders_org_id_style_id_fkey'
            columns: ['org_id', 'style_id']
            isOneToOne: false
            referencedRelation: 'styles'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      cutting_runs: {
        Row: {
          actual_minutes: number | null
          created_at: string
          cutter_id: string
          defective_units: number
          duration_minutes: number | null
          efficiency: number | null
          end_time: string | null
          fabric_used_kg: number | null
          id: string
          lay_id: string
          machine: string | null
          notes: string | null
          org_id: string
          paused_at: string | null
          paused_minutes: number
          plies_cut: number
          run_number: string
          standard_minutes: number | null
          start_time: string
          status: Database['public']['Enums']['cutting_run_status']
          units_cut: number
          updated_at: string
          wastage_kg: number | null
          wastage_percent: number | null
        }
        ComputedFields: never
        Insert: {
          actual_minutes?: number | null
          created_at?: string
          cutter_id: string
          defective_units?: number
          duration_minutes?: number | null
          efficiency?: never
          end_time?: string | null
          fabric_used_kg?: number | null
          id?: string
          lay_id: string
          machine?: string | null
          notes?: string | null
          org_id: string
          paused_at?: string | null
          paused_minutes?: number
          plies_cut?: number
          run_number: string
          standard_minutes?: number | null
          start_time?: string
          status?: Database['public']['Enums']['cutting_run_status']
          units_cut?: number
          updated_at?: string
          wastage_kg?: number | null
          wastage_percent?: never
        }
        Update: {
          actual_minutes?: number | null
          created_at?: string
          cutter_id?: string
          defective_units?: number
          duration_minutes?: number | null
          efficiency?: never
          end_time?: string | null
          fabric_used_kg?: number | null
          id?: string
          lay_id?: string
          machine?: string | null
          notes?: string | null
          org_id?: string
          paused_at?: string | null
          paused_minutes?: number
          plies_cut?: number
          run_number?: string
          standard_minutes?: number | null
          start_time?: string
          status?: Database['public']['Enums']['cutting_run_status']
          units_cut?: number
          updated_at?: string
          wastage_kg?: number | null
          wastage_percent?: never
        }
        Relationships: [
          {
            foreignKeyName: 'cutting_runs_org_id_cutter_id_fkey'
            columns: ['org_id', 'cutter_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'cutting_runs_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'cutting_runs_org_id_lay_id_fkey'
            columns: ['org_id', 'lay_id']
            isOneToOne: false
            referencedRelation: 'lays'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      dashboard_cache: {
        Row: {
          cache_data: NonNullable<Json>
          cache_key: string
          created_at: string
          expires_at: string
          id: string
          org_id: string
        }
        ComputedFields: never
        Insert: {
          cache_data: NonNullable<Json>
          cache_key: string
          created_at?: string
          expires_at: string
          id?: string
          org_id: string
        }
        Update: {
          cache_data?: NonNullable<Json>
          cache_key?: string
          created_at?: string
          expires_at?: string
          id?: string
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'dashboard_cache_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      floor_actions: {
        Row: {
          action_key: string
          action_type: Database['public']['Enums']['floor_action_type']
          approved_by: string | null
          batch_id: string | null
          checklist: NonNullable<Json>
          client_id: string | null
          completed_at: string | null
          created_at: string
          data: NonNullable<Json>
          duration_ms: number | null
          id: string
          item_id: string
          label: string
          measurements: NonNullable<Json>
          member_id: string
          notes: string | null
          org_id: string
          photos: NonNullable<Json>
          required: boolean
          session_id: string
          stage: string
          stage_action_id: string | null
          status: Database['public']['Enums']['floor_action_status']
          type_definition_id: string
          updated_at: string
          user_id: string
          validation_result: Json | null
        }
        ComputedFields: never
        Insert: {
          action_key: string
          action_type: Database['public']['Enums']['floor_action_type']
          approved_by?: string | null
          batch_id?: string | null
          checklist?: NonNullable<Json>
          client_id?: string | null
          completed_at?: string | null
          created_at?: string
          data?: NonNullable<Json>
          duration_ms?: number | null
          id?: string
          item_id: string
          label: string
          measurements?: NonNullable<Json>
          member_id: string
          notes?: string | null
          org_id: string
          photos?: NonNullable<Json>
          required: boolean
          session_id: string
          stage: string
          stage_action_id?: string | null
          status: Database['public']['Enums']['floor_action_status']
          type_definition_id: string
          updated_at?: string
          user_id: string
          validation_result?: Json | null
        }
        Update: {
          action_key?: string
          action_type?: Database['public']['Enums']['floor_action_type']
          approved_by?: string | null
          batch_id?: string | null
          checklist?: NonNullable<Json>
          client_id?: string | null
          completed_at?: string | null
          created_at?: string
          data?: NonNullable<Json>
          duration_ms?: number | null
          id?: string
          item_id?: string
          label?: string
          measurements?: NonNullable<Json>
          member_id?: string
          notes?: string | null
          org_id?: string
          photos?: NonNullable<Json>
          required?: boolean
          session_id?: string
          stage?: string
          stage_action_id?: string | null
          status?: Database['public']['Enums']['floor_action_status']
          type_definition_id?: string
          updated_at?: string
          user_id?: string
          validation_result?: Json | null
        }
        Relationships: [
          {
            foreignKeyName: 'floor_actions_org_id_approved_by_fkey'
            columns: ['org_id', 'approved_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: false
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_session_id_fkey'
            columns: ['org_id', 'session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_org_id_stage_action_id_fkey'
            columns: ['org_id', 'stage_action_id']
            isOneToOne: false
            referencedRelation: 'floor_stage_actions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_actions_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      floor_approval_attempts: {
        Row: {
          actor_member_id: string | null
          approver_member_id: string | null
          approver_user_id: string | null
          attempted_at: string
          badge_code: string
          device_id: string | null
          floor_session_id: string | null
          id: number
          org_id: string
          reason: Database['public']['Enums']['floor_approval_reason']
          station_id: string | null
        }
        ComputedFields: never
        Insert: {
          actor_member_id?: string | null
          approver_member_id?: string | null
          approver_user_id?: string | null
          attempted_at?: string
          badge_code: string
          device_id?: string | null
          floor_session_id?: string | null
          id?: never
          org_id: string
          reason: Database['public']['Enums']['floor_approval_reason']
          station_id?: string | null
        }
        Update: {
          actor_member_id?: string | null
          approver_member_id?: string | null
          approver_user_id?: string | null
          attempted_at?: string
          badge_code?: string
          device_id?: string | null
          floor_session_id?: string | null
          id?: never
          org_id?: string
          reason?: Database['public']['Enums']['floor_approval_reason']
          station_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'floor_approval_attempts_org_id_actor_member_id_fkey'
            columns: ['org_id', 'actor_member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_approval_attempts_org_id_approver_member_id_fkey'
            columns: ['org_id', 'approver_member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_approval_attempts_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_approval_attempts_org_id_floor_session_id_fkey'
            columns: ['org_id', 'floor_session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_approval_attempts_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_item_flags: {
        Row: {
          client_id: string | null
          id: string
          item_id: string
          kind: Database['public']['Enums']['floor_flag_kind']
          location_id: string | null
          note: string | null
          org_id: string
          raised_at: string
          raised_by: string | null
          resolved_at: string | null
          resolved_by: string | null
          session_id: string | null
        }
        ComputedFields: never
        Insert: {
          client_id?: string | null
          id?: string
          item_id: string
          kind: Database['public']['Enums']['floor_flag_kind']
          location_id?: string | null
          note?: string | null
          org_id: string
          raised_at?: string
          raised_by?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          session_id?: string | null
        }
        Update: {
          client_id?: string | null
          id?: string
          item_id?: string
          kind?: Database['public']['Enums']['floor_flag_kind']
          location_id?: string | null
          note?: string | null
          org_id?: string
          raised_at?: string
          raised_by?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          session_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'floor_item_flags_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_item_flags_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_item_flags_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_item_flags_org_id_raised_by_fkey'
            columns: ['org_id', 'raised_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_item_flags_org_id_resolved_by_fkey'
            columns: ['org_id', 'resolved_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_item_flags_org_id_session_id_fkey'
            columns: ['org_id', 'session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_items: {
        Row: {
          batch_id: string | null
          bundle_id: string | null
          created_at: string
          id: string
          kind: Database['public']['Enums']['floor_item_kind']
          order_id: string | null
          org_id: string
        }
        ComputedFields: never
        Insert: {
          batch_id?: string | null
          bundle_id?: string | null
          created_at?: string
          id?: string
          kind: Database['public']['Enums']['floor_item_kind']
          order_id?: string | null
          org_id: string
        }
        Update: {
          batch_id?: string | null
          bundle_id?: string | null
          created_at?: string
          id?: string
          kind?: Database['public']['Enums']['floor_item_kind']
          order_id?: string | null
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_items_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: true
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_items_org_id_bundle_id_fkey'
            columns: ['org_id', 'bundle_id']
            isOneToOne: true
            referencedRelation: 'bundles'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_items_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_items_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: true
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_labels: {
        Row: {
          code: string
          created_at: string
          created_by: string | null
          id: string
          item_id: string | null
          kind: Database['public']['Enums']['floor_label_kind']
          location_id: string | null
          org_id: string
          stage_action_id: string | null
        }
        ComputedFields: never
        Insert: {
          code: string
          created_at?: string
          created_by?: string | null
          id?: string
          item_id?: string | null
          kind: Database['public']['Enums']['floor_label_kind']
          location_id?: string | null
          org_id: string
          stage_action_id?: string | null
        }
        Update: {
          code?: string
          created_at?: string
          created_by?: string | null
          id?: string
          item_id?: string | null
          kind?: Database['public']['Enums']['floor_label_kind']
          location_id?: string | null
          org_id?: string
          stage_action_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'floor_labels_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_labels_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_labels_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: true
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_labels_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: true
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_labels_org_id_stage_action_id_fkey'
            columns: ['org_id', 'stage_action_id']
            isOneToOne: true
            referencedRelation: 'floor_stage_actions'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_location_capacity: {
        Row: {
          location_id: string
          max_items: number | null
          max_people: number | null
          org_id: string
          over_capacity: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          location_id: string
          max_items?: number | null
          max_people?: number | null
          org_id: string
          over_capacity?: string
          updated_at?: string
        }
        Update: {
          location_id?: string
          max_items?: number | null
          max_people?: number | null
          org_id?: string
          over_capacity?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_location_capacity_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_location_capacity_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: true
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_message_acks: {
        Row: {
          acknowledged_at: string
          member_id: string
          message_id: string
          org_id: string
        }
        ComputedFields: never
        Insert: {
          acknowledged_at?: string
          member_id: string
          message_id: string
          org_id: string
        }
        Update: {
          acknowledged_at?: string
          member_id?: string
          message_id?: string
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_message_acks_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_message_acks_org_id_message_id_fkey'
            columns: ['org_id', 'message_id']
            isOneToOne: false
            referencedRelation: 'floor_messages'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_messages: {
        Row: {
          body: string
          created_at: string
          expires_at: string
          id: string
          location_id: string | null
          member_id: string | null
          org_id: string
          sent_by: string | null
          team_id: string | null
          urgent: boolean
        }
        ComputedFields: never
        Insert: {
          body: string
          created_at?: string
          expires_at?: string
          id?: string
          location_id?: string | null
          member_id?: string | null
          org_id: string
          sent_by?: string | null
          team_id?: string | null
          urgent?: boolean
        }
        Update: {
          body?: string
          created_at?: string
          expires_at?: string
          id?: string
          location_id?: string | null
          member_id?: string | null
          org_id?: string
          sent_by?: string | null
          team_id?: string | null
          urgent?: boolean
        }
        Relationships: [
          {
            foreignKeyName: 'floor_messages_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_messages_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_messages_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_messages_org_id_sent_by_fkey'
            columns: ['org_id', 'sent_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_messages_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_queue_items: {
        Row: {
          actual_duration_minutes: number | null
          added_at: string
          added_by: string | null
          assigned_at: string | null
          assigned_to: string | null
          completed_at: string | null
          completed_by: string | null
          estimated_duration_minutes: number | null
          id: string
          item_id: string
          org_id: string
          priority: Database['public']['Enums']['floor_priority']
          queue_id: string
          rank: number | null
          started_at: string | null
          status: Database['public']['Enums']['floor_queue_item_status']
          updated_at: string
          wait_minutes: number | null
        }
        ComputedFields: never
        Insert: {
          actual_duration_minutes?: never
          added_at?: string
          added_by?: string | null
          assigned_at?: string | null
          assigned_to?: string | null
          completed_at?: string | null
          completed_by?: string | null
          estimated_duration_minutes?: number | null
          id?: string
          item_id: string
          org_id: string
          priority?: Database['public']['Enums']['floor_priority']
          queue_id: string
          rank?: number | null
          started_at?: string | null
          status?: Database['public']['Enums']['floor_queue_item_status']
          updated_at?: string
          wait_minutes?: never
        }
        Update: {
          actual_duration_minutes?: never
          added_at?: string
          added_by?: string | null
          assigned_at?: string | null
          assigned_to?: string | null
          completed_at?: string | null
          completed_by?: string | null
          estimated_duration_minutes?: number | null
          id?: string
          item_id?: string
          org_id?: string
          priority?: Database['public']['Enums']['floor_priority']
          queue_id?: string
          rank?: number | null
          started_at?: string | null
          status?: Database['public']['Enums']['floor_queue_item_status']
          updated_at?: string
          wait_minutes?: never
        }
        Relationships: [
          {
            foreignKeyName: 'floor_queue_items_org_id_added_by_fkey'
            columns: ['org_id', 'added_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queue_items_org_id_assigned_to_fkey'
            columns: ['org_id', 'assigned_to']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queue_items_org_id_completed_by_fkey'
            columns: ['org_id', 'completed_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queue_items_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queue_items_org_id_queue_id_fkey'
            columns: ['org_id', 'queue_id']
            isOneToOne: false
            referencedRelation: 'floor_queues'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_queues: {
        Row: {
          auto_assign: boolean
          created_at: string
          created_by: string | null
          id: string
          is_active: boolean
          location_id: string | null
          max_items: number | null
          member_capacity: number
          name: string
          org_id: string
          priority_rules: NonNullable<Json>
          stage: string | null
          team_id: string | null
          type_definition_id: string | null
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          auto_assign?: boolean
          created_at?: string
          created_by?: string | null
          id?: string
          is_active?: boolean
          location_id?: string | null
          max_items?: number | null
          member_capacity?: number
          name: string
          org_id: string
          priority_rules?: NonNullable<Json>
          stage?: string | null
          team_id?: string | null
          type_definition_id?: string | null
          updated_at?: string
        }
        Update: {
          auto_assign?: boolean
          created_at?: string
          created_by?: string | null
          id?: string
          is_active?: boolean
          location_id?: string | null
          max_items?: number | null
          member_capacity?: number
          name?: string
          org_id?: string
          priority_rules?: NonNullable<Json>
          stage?: string | null
          team_id?: string | null
          type_definition_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_queues_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queues_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_queues_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queues_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_queues_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      floor_scans: {
        Row: {
          client_id: string | null
          created_at: string
          device_info: NonNullable<Json>
          error_code: string | null
          error_message: string | null
          id: string
          item_id: string | null
          location_id: string | null
          member_id: string
          org_id: string
          processing_time_ms: number
          qr_code: string
          scan_result: Database['public']['Enums']['floor_scan_result']
          scan_time: string
          scan_type: Database['public']['Enums']['floor_scan_type']
          scanned_member_id: string | null
          scanned_value: string | null
          session_id: string
          stage_action_id: string | null
          user_id: string
        }
        ComputedFields: never
        Insert: {
          client_id?: string | null
          created_at?: string
          device_info?: NonNullable<Json>
          error_code?: string | null
          error_message?: string | null
          id?: string
          item_id?: string | null
          location_id?: string | null
          member_id: string
          org_id: string
          processing_time_ms?: number
          qr_code: string
          scan_result: Database['public']['Enums']['floor_scan_result']
          scan_time?: string
          scan_type: Database['public']['Enums']['floor_scan_type']
          scanned_member_id?: string | null
          scanned_value?: string | null
          session_id: string
          stage_action_id?: string | null
          user_id: string
        }
        Update: {
          client_id?: string | null
          created_at?: string
          device_info?: NonNullable<Json>
          error_code?: string | null
          error_message?: string | null
          id?: string
          item_id?: string | null
          location_id?: string | null
          member_id?: string
          org_id?: string
          processing_time_ms?: number
          qr_code?: string
          scan_result?: Database['public']['Enums']['floor_scan_result']
          scan_time?: string
          scan_type?: Database['public']['Enums']['floor_scan_type']
          scanned_member_id?: string | null
          scanned_value?: string | null
          session_id?: string
          stage_action_id?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_scans_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_scanned_member_id_fkey'
            columns: ['org_id', 'scanned_member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_session_id_fkey'
            columns: ['org_id', 'session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_scans_org_id_stage_action_id_fkey'
            columns: ['org_id', 'stage_action_id']
            isOneToOne: false
            referencedRelation: 'floor_stage_actions'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_sessions: {
        Row: {
          actions_completed: number
          conflict_items: string[]
          created_at: string
          current_item_id: string | null
          current_stage: string | null
          current_type_definition_id: string | null
          device_id: string | null
          device_info: NonNullable<Json>
          end_reason: Database['public']['Enums']['floor_session_end_reason'] | null
          ended_at: string | null
          id: string
          is_active: boolean | null
          items_processed: number
          last_activity_at: string
          location_id: string | null
          member_id: string
          offline_created: boolean
          operator_session_id: string | null
          org_id: string
          scans_count: number
          session_duration_minutes: number | null
          started_at: string
          station_id: string | null
          sync_status: Database['public']['Enums']['floor_sync_status']
          team_id: string | null
          updated_at: string
          user_id: string
        }
        ComputedFields: never
        Insert: {
          actions_completed?: number
          conflict_items?: string[]
          created_at?: string
          current_item_id?: string | null
          current_stage?: string | null
          current_type_definition_id?: string | null
          device_id?: string | null
          device_info?: NonNullable<Json>
          end_reason?: Database['public']['Enums']['floor_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          is_active?: never
          items_processed?: number
          last_activity_at?: string
          location_id?: string | null
          member_id: string
          offline_created?: boolean
          operator_session_id?: string | null
          org_id: string
          scans_count?: number
          session_duration_minutes?: never
          started_at?: string
          station_id?: string | null
          sync_status?: Database['public']['Enums']['floor_sync_status']
          team_id?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          actions_completed?: number
          conflict_items?: string[]
          created_at?: string
          current_item_id?: string | null
          current_stage?: string | null
          current_type_definition_id?: string | null
          device_id?: string | null
          device_info?: NonNullable<Json>
          end_reason?: Database['public']['Enums']['floor_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          is_active?: never
          items_processed?: number
          last_activity_at?: string
          location_id?: string | null
          member_id?: string
          offline_created?: boolean
          operator_session_id?: string | null
          org_id?: string
          scans_count?: number
          session_duration_minutes?: never
          started_at?: string
          station_id?: string | null
          sync_status?: Database['public']['Enums']['floor_sync_status']
          team_id?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_sessions_current_type_definition_id_fkey'
            columns: ['current_type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_sessions_operator_session_id_fkey'
            columns: ['operator_session_id']
            isOneToOne: false
            referencedRelation: 'operator_sessions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_current_item_id_fkey'
            columns: ['org_id', 'current_item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'floor_sessions_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      floor_settings: {
        Row: {
          approval_min_role: Database['public']['Enums']['member_role']
          created_at: string
          label_prefix: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          approval_min_role?: Database['public']['Enums']['member_role']
          created_at?: string
          label_prefix: string
          org_id: string
          updated_at?: string
        }
        Update: {
          approval_min_role?: Database['public']['Enums']['member_role']
          created_at?: string
          label_prefix?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_settings_org_id_fkey'
            columns: ['org_id']
            isOneToOne: true
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      floor_stage_actions: {
        Row: {
          action_key: string
          action_type: Database['public']['Enums']['floor_action_type']
          config: NonNullable<Json>
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          item_kinds: Database['public']['Enums']['floor_item_kind'][]
          label: string
          org_id: string
          position: number
          required: boolean
          stage: string
          type_definition_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          action_key: string
          action_type: Database['public']['Enums']['floor_action_type']
          config?: NonNullable<Json>
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          item_kinds?: Database['public']['Enums']['floor_item_kind'][]
          label: string
          org_id: string
          position?: number
          required?: boolean
          stage: string
          type_definition_id: string
          updated_at?: string
        }
        Update: {
          action_key?: string
          action_type?: Database['public']['Enums']['floor_action_type']
          config?: NonNullable<Json>
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          item_kinds?: Database['public']['Enums']['floor_item_kind'][]
          label?: string
          org_id?: string
          position?: number
          required?: boolean
          stage?: string
          type_definition_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'floor_stage_actions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'floor_stage_actions_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      headphone_models: {
        Row: {
          base_price: number
          base_production_hours: number
          complexity: Database['public']['Enums']['model_complexity']
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          name: string
          org_id: string
          sku_prefix: string
          updated_at: string
          wood_types: Database['public']['Enums']['wood_type'][]
        }
        ComputedFields: never
        Insert: {
          base_price: number
          base_production_hours: number
          complexity: Database['public']['Enums']['model_complexity']
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name: string
          org_id: string
          sku_prefix: string
          updated_at?: string
          wood_types?: Database['public']['Enums']['wood_type'][]
        }
        Update: {
          base_price?: number
          base_production_hours?: number
          complexity?: Database['public']['Enums']['model_complexity']
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name?: string
          org_id?: string
          sku_prefix?: string
          updated_at?: string
          wood_types?: Database['public']['Enums']['wood_type'][]
        }
        Relationships: [
          {
            foreignKeyName: 'headphone_models_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      invitations: {
        Row: {
          created_at: string
          display_name: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          location_id: string | null
          member_id: string | null
          org_id: string
          responded_at: string | null
          role: Database['public']['Enums']['member_role']
          status: Database['public']['Enums']['invitation_status']
          team_id: string | null
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          display_name: string
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          location_id?: string | null
          member_id?: string | null
          org_id: string
          responded_at?: string | null
          role: Database['public']['Enums']['member_role']
          status?: Database['public']['Enums']['invitation_status']
          team_id?: string | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          display_name?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          location_id?: string | null
          member_id?: string | null
          org_id?: string
          responded_at?: string | null
          role?: Database['public']['Enums']['member_role']
          status?: Database['public']['Enums']['invitation_status']
          team_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'invitations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'invitations_org_id_invited_by_fkey'
            columns: ['org_id', 'invited_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'invitations_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'invitations_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'invitations_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      item_locks: {
        Row: {
          count_id: string | null
          device_id: string | null
          expires_at: string
          id: string
          item_id: string | null
          locked_at: string
          locked_by: string
          org_id: string
          reason: Database['public']['Enums']['item_lock_reason']
          session_id: string | null
          stock_item_id: string | null
          stock_location_id: string | null
          user_id: string
        }
        ComputedFields: never
        Insert: {
          count_id?: string | null
          device_id?: string | null
          expires_at: string
          id?: string
          item_id?: string | null
          locked_at?: string
          locked_by: string
          org_id: string
          reason: Database['public']['Enums']['item_lock_reason']
          session_id?: string | null
          stock_item_id?: string | null
          stock_location_id?: string | null
          user_id: string
        }
        Update: {
          count_id?: string | null
          device_id?: string | null
          expires_at?: string
          id?: string
          item_id?: string | null
          locked_at?: string
          locked_by?: string
          org_id?: string
          reason?: Database['public']['Enums']['item_lock_reason']
          session_id?: string | null
          stock_item_id?: string | null
          stock_location_id?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'item_locks_org_id_count_id_fkey'
            columns: ['org_id', 'count_id']
            isOneToOne: false
            referencedRelation: 'count_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'item_locks_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'item_locks_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: true
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'item_locks_org_id_locked_by_fkey'
            columns: ['org_id', 'locked_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'item_locks_org_id_session_id_fkey'
            columns: ['org_id', 'session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'item_locks_org_id_stock_item_id_fkey'
            columns: ['org_id', 'stock_item_id']
            isOneToOne: false
            referencedRelation: 'stock_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'item_locks_org_id_stock_location_id_fkey'
            columns: ['org_id', 'stock_location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      lays: {
        Row: {
          bundle_size: number
          colour: string
          created_at: string
          created_by: string | null
          cut_order_id: string
          fabric: string
          id: string
          lay_number: number
          location_id: string | null
          marker_length_m: number
          marker_width_cm: number | null
          notes: string | null
          org_id: string
          planned_units: number
          plies: number
          shade: string
          size_ratio: NonNullable<Json>
          status: Database['public']['Enums']['lay_status']
          style_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          bundle_size?: number
          colour: string
          created_at?: string
          created_by?: string | null
          cut_order_id: string
          fabric: string
          id?: string
          lay_number: number
          location_id?: string | null
          marker_length_m: number
          marker_width_cm?: number | null
          notes?: string | null
          org_id: string
          planned_units: number
          plies: number
          shade?: string
          size_ratio: NonNullable<Json>
          status?: Database['public']['Enums']['lay_status']
          style_id: string
          updated_at?: string
        }
        Update: {
          bundle_size?: number
          colour?: string
          created_at?: string
          created_by?: string | null
          cut_order_id?: string
          fabric?: string
          id?: string
          lay_number?: number
          location_id?: string | null
          marker_length_m?: number
          marker_width_cm?: number | null
          notes?: string | null
          org_id?: string
          planned_units?: number
          plies?: number
          shade?: string
          size_ratio?: NonNullable<Json>
          status?: Database['public']['Enums']['lay_status']
          style_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'lays_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'lays_org_id_cut_order_id_fkey'
            columns: ['org_id', 'cut_order_id']
            isOneToOne: false
            referencedRelation: 'cut_orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'lays_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'lays_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'lays_org_id_style_id_fkey'
            columns: ['org_id', 'style_id']
            isOneToOne: false
            referencedRelation: 'styles'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      locations: {
        Row: {
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          kind: Database['public']['Enums']['location_kind']
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          kind?: Database['public']['Enums']['location_kind']
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          kind?: Database['public']['Enums']['location_kind']
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'locations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      members: {
        Row: {
          badge_code: string | null
          created_at: string
          display_name: string
          failed_auth_attempts: number
          floor_user_id: string | null
          has_pin: boolean | null
          id: string
          is_active: boolean
          last_failed_auth_at: string | null
          location_id: string | null
          locked_until: string | null
          org_id: string
          password_changed_at: string | null
          pin_changed_at: string | null
          pin_hash: string | null
          role: Database['public']['Enums']['member_role']
          team_id: string | null
          updated_at: string
          user_id: string
        }
        ComputedFields: never
        Insert: {
          badge_code?: string | null
          created_at?: string
          display_name: string
          failed_auth_attempts?: number
          floor_user_id?: string | null
          has_pin?: never
          id?: string
          is_active?: boolean
          last_failed_auth_at?: string | null
          location_id?: string | null
          locked_until?: string | null
          org_id: string
          password_changed_at?: string | null
          pin_changed_at?: string | null
          pin_hash?: string | null
          role?: Database['public']['Enums']['member_role']
          team_id?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          badge_code?: string | null
          created_at?: string
          display_name?: string
          failed_auth_attempts?: number
          floor_user_id?: string | null
          has_pin?: never
          id?: string
          is_active?: boolean
          last_failed_auth_at?: string | null
          location_id?: string | null
          locked_until?: string | null
          org_id?: string
          password_changed_at?: string | null
          pin_changed_at?: string | null
          pin_hash?: string | null
          role?: Database['public']['Enums']['member_role']
          team_id?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'members_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'members_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'members_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      model_production_stages: {
        Row: {
          display_order: number
          estimated_hours: number
          id: string
          model_id: string
          org_id: string
          quality_checklist: NonNullable<Json>
          stage: string
        }
        ComputedFields: never
        Insert: {
          display_order: number
          estimated_hours: number
          id?: string
          model_id: string
          org_id: string
          quality_checklist?: NonNullable<Json>
          stage: string
        }
        Update: {
          display_order?: number
          estimated_hours?: number
          id?: string
          model_id?: string
          org_id?: string
          quality_checklist?: NonNullable<Json>
          stage?: string
        }
        Relationships: [
          {
            foreignKeyName: 'model_production_stages_org_id_model_id_fkey'
            columns: ['org_id', 'model_id']
            isOneToOne: false
            referencedRelation: 'headphone_models'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      operator_sessions: {
        Row: {
          auth_session_id: string | null
          device_id: string | null
          end_reason: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at: string | null
          id: string
          last_seen_at: string
          member_id: string
          org_id: string
          started_at: string
          station_id: string
          user_id: string
        }
        ComputedFields: never
        Insert: {
          auth_session_id?: string | null
          device_id?: string | null
          end_reason?: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          last_seen_at?: string
          member_id: string
          org_id: string
          started_at?: string
          station_id: string
          user_id: string
        }
        Update: {
          auth_session_id?: string | null
          device_id?: string | null
          end_reason?: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          last_seen_at?: string
          member_id?: string
          org_id?: string
          started_at?: string
          station_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'operator_sessions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'operator_sessions_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'operator_sessions_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      order_internal_notes: {
        Row: {
          notes: string
          order_id: string
          org_id: string
          updated_at: string
          updated_by: string | null
        }
        ComputedFields: never
        Insert: {
          notes: string
          order_id: string
          org_id: string
          updated_at?: string
          updated_by?: string | null
        }
        Update: {
          notes?: string
          order_id?: string
          org_id?: string
          updated_at?: string
          updated_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'order_internal_notes_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'order_internal_notes_org_id_updated_by_fkey'
            columns: ['org_id', 'updated_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      order_status_history: {
        Row: {
          batch_id: string | null
          changed_by: string | null
          changed_by_user: string | null
          created_at: string
          id: string
          new_status: Database['public']['Enums']['order_status']
          old_status: Database['public']['Enums']['order_status'] | null
          order_id: string
          org_id: string
          reason: string | null
          source: string
        }
        ComputedFields: never
        Insert: {
          batch_id?: string | null
          changed_by?: string | null
          changed_by_user?: string | null
          created_at?: string
          id?: string
          new_status: Database['public']['Enums']['order_status']
          old_status?: Database['public']['Enums']['order_status'] | null
          order_id: string
          org_id: string
          reason?: string | null
          source?: string
        }
        Update: {
          batch_id?: string | null
          changed_by?: string | null
          changed_by_user?: string | null
          created_at?: string
          id?: string
          new_status?: Database['public']['Enums']['order_status']
          old_status?: Database['public']['Enums']['order_status'] | null
          order_id?: string
          org_id?: string
          reason?: string | null
          source?: string
        }
        Relationships: [
          {
            foreignKeyName: 'order_status_history_org_id_batch_id_fkey'
            columns: ['org_id', 'batch_id']
            isOneToOne: false
            referencedRelation: 'batches'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'order_status_history_org_id_changed_by_fkey'
            columns: ['org_id', 'changed_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'order_status_history_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      order_tracking_tokens: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          label: string | null
          order_id: string
          org_id: string
          revoked_at: string | null
          revoked_by: string | null
          token_hash: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          label?: string | null
          order_id: string
          org_id: string
          revoked_at?: string | null
          revoked_by?: string | null
          token_hash: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          label?: string | null
          order_id?: string
          org_id?: string
          revoked_at?: string | null
          revoked_by?: string | null
          token_hash?: string
        }
        Relationships: [
          {
            foreignKeyName: 'order_tracking_tokens_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'order_tracking_tokens_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'order_tracking_tokens_org_id_revoked_by_fkey'
            columns: ['org_id', 'revoked_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      orders: {
        Row: {
          created_at: string
          created_by: string | null
          customer_id: string | null
          customizations: NonNullable<Json>
          due_date: string | null
          id: string
          model_id: string
          notes: string | null
          order_number: string
          org_id: string
          price: number | null
          priority: Database['public']['Enums']['batch_priority']
          shopify_line_item_id: string | null
          shopify_order_id: string | null
          shopify_unit: number | null
          shopify_updated_at: string | null
          status: Database['public']['Enums']['order_status']
          updated_at: string
          wood_type: Database['public']['Enums']['wood_type']
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          created_by?: string | null
          customer_id?: string | null
          customizations?: NonNullable<Json>
          due_date?: string | null
          id?: string
          model_id: string
          notes?: string | null
          order_number: string
          org_id: string
          price?: number | null
          priority?: Database['public']['Enums']['batch_priority']
          shopify_line_item_id?: string | null
          shopify_order_id?: string | null
          shopify_unit?: number | null
          shopify_updated_at?: string | null
          status?: Database['public']['Enums']['order_status']
          updated_at?: string
          wood_type: Database['public']['Enums']['wood_type']
        }
        Update: {
          created_at?: string
          created_by?: string | null
          customer_id?: string | null
          customizations?: NonNullable<Json>
          due_date?: string | null
          id?: string
          model_id?: string
          notes?: string | null
          order_number?: string
          org_id?: string
          price?: number | null
          priority?: Database['public']['Enums']['batch_priority']
          shopify_line_item_id?: string | null
          shopify_order_id?: string | null
          shopify_unit?: number | null
          shopify_updated_at?: string | null
          status?: Database['public']['Enums']['order_status']
          updated_at?: string
          wood_type?: Database['public']['Enums']['wood_type']
        }
        Relationships: [
          {
            foreignKeyName: 'orders_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'orders_org_id_customer_id_fkey'
            columns: ['org_id', 'customer_id']
            isOneToOne: false
            referencedRelation: 'customers'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'orders_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'orders_org_id_model_id_fkey'
            columns: ['org_id', 'model_id']
            isOneToOne: false
            referencedRelation: 'headphone_models'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      organisations: {
        Row: {
          account_id: string
          created_at: string
          currency: string
          id: string
          name: string
          settings: NonNullable<Json>
          slug: string
          time_zone: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          account_id: string
          created_at?: string
          currency?: string
          id?: string
          name: string
          settings?: NonNullable<Json>
          slug: string
          time_zone?: string
          updated_at?: string
        }
        Update: {
          account_id?: string
          created_at?: string
          currency?: string
          id?: string
          name?: string
          settings?: NonNullable<Json>
          slug?: string
          time_zone?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'organisations_account_id_fkey'
            columns: ['account_id']
            isOneToOne: false
            referencedRelation: 'accounts'
            referencedColumns: ['id']
          },
        ]
      }
      otp_codes: {
        Row: {
          attempts: number
          code_hash: string
          created_at: string
          dead_at: string | null
          expires_at: string
          id: string
          ip_address: unknown
          max_attempts: number
          message_id: string | null
          org_id: string
          phone: string
          purpose: Database['public']['Enums']['otp_purpose']
          subject_id: string | null
          user_agent: string | null
          verified_at: string | null
        }
        ComputedFields: never
        Insert: {
          attempts?: number
          code_hash: string
          created_at?: string
          dead_at?: string | null
          expires_at: string
          id?: string
          ip_address?: unknown
          max_attempts?: number
          message_id?: string | null
          org_id: string
          phone: string
          purpose: Database['public']['Enums']['otp_purpose']
          subject_id?: string | null
          user_agent?: string | null
          verified_at?: string | null
        }
        Update: {
          attempts?: number
          code_hash?: string
          created_at?: string
          dead_at?: string | null
          expires_at?: string
          id?: string
          ip_address?: unknown
          max_attempts?: number
          message_id?: string | null
          org_id?: string
          phone?: string
          purpose?: Database['public']['Enums']['otp_purpose']
          subject_id?: string | null
          user_agent?: string | null
          verified_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'otp_codes_message_id_fkey'
            columns: ['message_id']
            isOneToOne: false
            referencedRelation: 'sms_messages'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'otp_codes_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      product_types: {
        Row: {
          archived_at: string | null
          code: string
          created_at: string
          id: string
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          archived_at?: string | null
          code: string
          created_at?: string
          id?: string
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          code?: string
          created_at?: string
          id?: string
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'product_types_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      production_metrics: {
        Row: {
          basis: NonNullable<Json>
          computed_at: string
          created_at: string
          cutting_efficiency: number | null
          date: string
          defect_rate: number | null
          employees_present: number
          id: string
          org_id: string
          overall_efficiency: number
          overtime_hours: number | null
          period: unknown
          printing_efficiency: number | null
          qc_pass_rate: number | null
          revenue_generated: number | null
          rework_rate: number | null
          sewing_efficiency: number | null
          shift: string | null
          units_completed: number
          units_cut: number
          units_printed: number
          units_sewn: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          basis?: NonNullable<Json>
          computed_at?: string
          created_at?: string
          cutting_efficiency?: number | null
          date: string
          defect_rate?: number | null
          employees_present?: number
          id?: string
          org_id: string
          overall_efficiency?: number
          overtime_hours?: number | null
          period: unknown
          printing_efficiency?: number | null
          qc_pass_rate?: number | null
          revenue_generated?: number | null
          rework_rate?: number | null
          sewing_efficiency?: number | null
          shift?: string | null
          units_completed?: number
          units_cut?: number
          units_printed?: number
          units_sewn?: number
          updated_at?: string
        }
        Update: {
          basis?: NonNullable<Json>
          computed_at?: string
          created_at?: string
          cutting_efficiency?: number | null
          date?: string
          defect_rate?: number | null
          employees_present?: number
          id?: string
          org_id?: string
          overall_efficiency?: number
          overtime_hours?: number | null
          period?: unknown
          printing_efficiency?: number | null
          qc_pass_rate?: number | null
          revenue_generated?: number | null
          rework_rate?: number | null
          sewing_efficiency?: number | null
          shift?: string | null
          units_completed?: number
          units_cut?: number
          units_printed?: number
          units_sewn?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'production_metrics_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      queue_ticket_tokens: {
        Row: {
          created_at: string
          org_id: string
          ticket_id: string
          token_hash: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          org_id: string
          ticket_id: string
          token_hash: string
        }
        Update: {
          created_at?: string
          org_id?: string
          ticket_id?: string
          token_hash?: string
        }
        Relationships: [
          {
            foreignKeyName: 'queue_ticket_tokens_org_id_ticket_id_fkey'
            columns: ['org_id', 'ticket_id']
            isOneToOne: false
            referencedRelation: 'tickets'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      realtime_events: {
        Row: {
          action: Database['public']['Enums']['realtime_event_action']
          actor_member_id: string | null
          actor_name: string | null
          actor_role: Database['public']['Enums']['member_role'] | null
          actor_user_id: string | null
          created_at: string
          data: NonNullable<Json>
          entity_id: string
          entity_type: Database['public']['Enums']['realtime_entity_type']
          id: string
          org_id: string
          target_roles: Database['public']['Enums']['member_role'][]
          type: Database['public']['Enums']['realtime_event_type']
        }
        ComputedFields: never
        Insert: {
          action: Database['public']['Enums']['realtime_event_action']
          actor_member_id?: string | null
          actor_name?: string | null
          actor_role?: Database['public']['Enums']['member_role'] | null
          actor_user_id?: string | null
          created_at?: string
          data?: NonNullable<Json>
          entity_id: string
          entity_type: Database['public']['Enums']['realtime_entity_type']
          id?: string
          org_id: string
          target_roles: Database['public']['Enums']['member_role'][]
          type: Database['public']['Enums']['realtime_event_type']
        }
        Update: {
          action?: Database['public']['Enums']['realtime_event_action']
          actor_member_id?: string | null
          actor_name?: string | null
          actor_role?: Database['public']['Enums']['member_role'] | null
          actor_user_id?: string | null
          created_at?: string
          data?: NonNullable<Json>
          entity_id?: string
          entity_type?: Database['public']['Enums']['realtime_entity_type']
          id?: string
          org_id?: string
          target_roles?: Database['public']['Enums']['member_role'][]
          type?: Database['public']['Enums']['realtime_event_type']
        }
        Relationships: [
          {
            foreignKeyName: 'realtime_events_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      sewing_operation_rates: {
        Row: {
          changed_by: string | null
          created_at: string
          effective_from: string
          id: string
          operation_id: string
          org_id: string
          piece_rate: number
          standard_minutes: number
        }
        ComputedFields: never
        Insert: {
          changed_by?: string | null
          created_at?: string
          effective_from?: string
          id?: string
          operation_id: string
          org_id: string
          piece_rate: number
          standard_minutes: number
        }
        Update: {
          changed_by?: string | null
          created_at?: string
          effective_from?: string
          id?: string
          operation_id?: string
          org_id?: string
          piece_rate?: number
          standard_minutes?: number
        }
        Relationships: [
          {
            foreignKeyName: 'sewing_operation_rates_changed_by_fkey'
            columns: ['changed_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sewing_operation_rates_org_id_operation_id_fkey'
            columns: ['org_id', 'operation_id']
            isOneToOne: false
            referencedRelation: 'sewing_operations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sewing_operations: {
        Row: {
          created_at: string
          created_by: string | null
          defect_codes: NonNullable<Json>
          depends_on: string[]
          description: string | null
          has_qc_checkpoint: boolean
          id: string
          is_active: boolean
          machine_type: Database['public']['Enums']['sewing_machine_type'] | null
          name: string
          org_id: string
          piece_rate: number
          product_type_id: string
          sequence_number: number
          skill_level: Database['public']['Enums']['sewing_skill_level']
          standard_minutes: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          created_by?: string | null
          defect_codes?: NonNullable<Json>
          depends_on?: string[]
          description?: string | null
          has_qc_checkpoint?: boolean
          id?: string
          is_active?: boolean
          machine_type?: Database['public']['Enums']['sewing_machine_type'] | null
          name: string
          org_id: string
          piece_rate: number
          product_type_id: string
          sequence_number: number
          skill_level?: Database['public']['Enums']['sewing_skill_level']
          standard_minutes: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          defect_codes?: NonNullable<Json>
          depends_on?: string[]
          description?: string | null
          has_qc_checkpoint?: boolean
          id?: string
          is_active?: boolean
          machine_type?: Database['public']['Enums']['sewing_machine_type'] | null
          name?: string
          org_id?: string
          piece_rate?: number
          product_type_id?: string
          sequence_number?: number
          skill_level?: Database['public']['Enums']['sewing_skill_level']
          standard_minutes?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sewing_operations_created_by_fkey'
            columns: ['created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sewing_operations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sewing_operations_org_id_product_type_id_fkey'
            columns: ['org_id', 'product_type_id']
            isOneToOne: false
            referencedRelation: 'product_types'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sewing_run_operations: {
        Row: {
          actual_minutes: number | null
          completed_at: string | null
          defect_tally: NonNullable<Json>
          defects_found: number
          earnings: number | null
          efficiency: number | null
          good_units: number | null
          id: string
          machine_id: string | null
          operation_id: string
          operator_id: string | null
          org_id: string
          piece_rate: number | null
          rework_units: number
          sewing_run_id: string
          standard_minutes: number | null
          started_at: string | null
          status: Database['public']['Enums']['sewing_status']
          units_completed: number
          updated_at: string
          work_date: string | null
        }
        ComputedFields: never
        Insert: {
          actual_minutes?: number | null
          completed_at?: string | null
          defect_tally?: NonNullable<Json>
          defects_found?: number
          earnings?: never
          efficiency?: never
          good_units?: never
          id?: string
          machine_id?: string | null
          operation_id: string
          operator_id?: string | null
          org_id: string
          piece_rate?: number | null
          rework_units?: number
          sewing_run_id: string
          standard_minutes?: number | null
          started_at?: string | null
          status?: Database['public']['Enums']['sewing_status']
          units_completed?: number
          updated_at?: string
          work_date?: string | null
        }
        Update: {
          actual_minutes?: number | null
          completed_at?: string | null
          defect_tally?: NonNullable<Json>
          defects_found?: number
          earnings?: never
          efficiency?: never
          good_units?: never
          id?: string
          machine_id?: string | null
          operation_id?: string
          operator_id?: string | null
          org_id?: string
          piece_rate?: number | null
          rework_units?: number
          sewing_run_id?: string
          standard_minutes?: number | null
          started_at?: string | null
          status?: Database['public']['Enums']['sewing_status']
          units_completed?: number
          updated_at?: string
          work_date?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'sewing_run_operations_org_id_operation_id_fkey'
            columns: ['org_id', 'operation_id']
            isOneToOne: false
            referencedRelation: 'sewing_operations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_run_operations_org_id_operator_id_fkey'
            columns: ['org_id', 'operator_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_run_operations_org_id_sewing_run_id_fkey'
            columns: ['org_id', 'sewing_run_id']
            isOneToOne: false
            referencedRelation: 'sewing_runs'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sewing_runs: {
        Row: {
          average_efficiency: number | null
          bundle_id: string
          completed_at: string | null
          completed_ops: number
          created_at: string
          created_by: string | null
          id: string
          location_id: string | null
          org_id: string
          product_type_id: string
          run_number: number
          started_at: string | null
          status: Database['public']['Enums']['sewing_status']
          team_id: string | null
          total_operations: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          average_efficiency?: number | null
          bundle_id: string
          completed_at?: string | null
          completed_ops?: number
          created_at?: string
          created_by?: string | null
          id?: string
          location_id?: string | null
          org_id: string
          product_type_id: string
          run_number: number
          started_at?: string | null
          status?: Database['public']['Enums']['sewing_status']
          team_id?: string | null
          total_operations?: number
          updated_at?: string
        }
        Update: {
          average_efficiency?: number | null
          bundle_id?: string
          completed_at?: string | null
          completed_ops?: number
          created_at?: string
          created_by?: string | null
          id?: string
          location_id?: string | null
          org_id?: string
          product_type_id?: string
          run_number?: number
          started_at?: string | null
          status?: Database['public']['Enums']['sewing_status']
          team_id?: string | null
          total_operations?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sewing_runs_org_id_bundle_id_fkey'
            columns: ['org_id', 'bundle_id']
            isOneToOne: false
            referencedRelation: 'bundles'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_runs_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_runs_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sewing_runs_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_runs_org_id_product_type_id_fkey'
            columns: ['org_id', 'product_type_id']
            isOneToOne: false
            referencedRelation: 'product_types'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sewing_runs_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      shifts: {
        Row: {
          archived_at: string | null
          code: string
          created_at: string
          ends_at: string
          id: string
          name: string
          org_id: string
          position: number
          starts_at: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          archived_at?: string | null
          code: string
          created_at?: string
          ends_at: string
          id?: string
          name: string
          org_id: string
          position?: number
          starts_at: string
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          code?: string
          created_at?: string
          ends_at?: string
          id?: string
          name?: string
          org_id?: string
          position?: number
          starts_at?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'shifts_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      shopify_shops: {
        Row: {
          created_at: string
          id: string
          is_active: boolean
          org_id: string
          shop_domain: string
          updated_at: string
          webhook_secret: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          id?: string
          is_active?: boolean
          org_id: string
          shop_domain: string
          updated_at?: string
          webhook_secret: string
        }
        Update: {
          created_at?: string
          id?: string
          is_active?: boolean
          org_id?: string
          shop_domain?: string
          updated_at?: string
          webhook_secret?: string
        }
        Relationships: [
          {
            foreignKeyName: 'shopify_shops_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      shopify_sku_review: {
        Row: {
          body_bytes: number | null
          body_sha256: string | null
          created_at: string
          delivery_count: number
          excerpt: string | null
          id: string
          kind: string
          last_delivered_at: string | null
          line_item: Json | null
          org_id: string
          problem: string | null
          quantity: number | null
          reason: string
          resolution_note: string | null
          resolved_at: string | null
          resolved_by: string | null
          shop_domain: string | null
          shopify_line_item_id: string | null
          shopify_order_id: string | null
          shopify_order_name: string | null
          sku: string | null
          status: string
          title: string | null
          topic: string | null
          updated_at: string
          variant_title: string | null
          webhook_id: string | null
        }
        ComputedFields: never
        Insert: {
          body_bytes?: number | null
          body_sha256?: string | null
          created_at?: string
          delivery_count?: number
          excerpt?: string | null
          id?: string
          kind?: string
          last_delivered_at?: string | null
          line_item?: Json | null
          org_id: string
          problem?: string | null
          quantity?: number | null
          reason: string
          resolution_note?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          shop_domain?: string | null
          shopify_line_item_id?: string | null
          shopify_order_id?: string | null
          shopify_order_name?: string | null
          sku?: string | null
          status?: string
          title?: string | null
          topic?: string | null
          updated_at?: string
          variant_title?: string | null
          webhook_id?: string | null
        }
        Update: {
          body_bytes?: number | null
          body_sha256?: string | null
          created_at?: string
          delivery_count?: number
          excerpt?: string | null
          id?: string
          kind?: string
          last_delivered_at?: string | null
          line_item?: Json | null
          org_id?: string
          problem?: string | null
          quantity?: number | null
          reason?: string
          resolution_note?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          shop_domain?: string | null
          shopify_line_item_id?: string | null
          shopify_order_id?: string | null
          shopify_order_name?: string | null
          sku?: string | null
          status?: string
          title?: string | null
          topic?: string | null
          updated_at?: string
          variant_title?: string | null
          webhook_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'shopify_sku_review_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'shopify_sku_review_org_id_resolved_by_fkey'
            columns: ['org_id', 'resolved_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sms_attempts: {
        Row: {
          attempt_no: number
          cost_micros: number | null
          created_at: string
          currency: string | null
          error: string | null
          http_status: number | null
          id: string
          latency_ms: number | null
          message_id: string
          org_id: string
          outcome: Database['public']['Enums']['sms_attempt_outcome']
          provider: Database['public']['Enums']['sms_provider']
          provider_code: string | null
          provider_message_id: string | null
          provider_status: string | null
          request_id: string
          sender: string | null
        }
        ComputedFields: never
        Insert: {
          attempt_no: number
          cost_micros?: number | null
          created_at?: string
          currency?: string | null
          error?: string | null
          http_status?: number | null
          id?: string
          latency_ms?: number | null
          message_id: string
          org_id: string
          outcome: Database['public']['Enums']['sms_attempt_outcome']
          provider: Database['public']['Enums']['sms_provider']
          provider_code?: string | null
          provider_message_id?: string | null
          provider_status?: string | null
          request_id: string
          sender?: string | null
        }
        Update: {
          attempt_no?: number
          cost_micros?: number | null
          created_at?: string
          currency?: string | null
          error?: string | null
          http_status?: number | null
          id?: string
          latency_ms?: number | null
          message_id?: string
          org_id?: string
          outcome?: Database['public']['Enums']['sms_attempt_outcome']
          provider?: Database['public']['Enums']['sms_provider']
          provider_code?: string | null
          provider_message_id?: string | null
          provider_status?: string | null
          request_id?: string
          sender?: string | null
        }
        Relationships: [
          {
            foreignKeyName: 'sms_attempts_org_id_message_id_fkey'
            columns: ['org_id', 'message_id']
            isOneToOne: false
            referencedRelation: 'sms_messages'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sms_customer_consents: {
        Row: {
          customer_id: string
          opted_in: boolean
          opted_in_at: string | null
          org_id: string
          phone: string | null
          phone_verified_at: string | null
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          customer_id: string
          opted_in?: boolean
          opted_in_at?: string | null
          org_id: string
          phone?: string | null
          phone_verified_at?: string | null
          updated_at?: string
        }
        Update: {
          customer_id?: string
          opted_in?: boolean
          opted_in_at?: string | null
          org_id?: string
          phone?: string | null
          phone_verified_at?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sms_customer_consents_org_id_customer_id_fkey'
            columns: ['org_id', 'customer_id']
            isOneToOne: true
            referencedRelation: 'customers'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sms_inbound_messages: {
        Row: {
          action: string
          body: string
          created_at: string
          from_phone: string
          id: string
          org_id: string
          provider: Database['public']['Enums']['sms_provider']
          provider_message_id: string
        }
        ComputedFields: never
        Insert: {
          action: string
          body: string
          created_at?: string
          from_phone: string
          id?: string
          org_id: string
          provider: Database['public']['Enums']['sms_provider']
          provider_message_id: string
        }
        Update: {
          action?: string
          body?: string
          created_at?: string
          from_phone?: string
          id?: string
          org_id?: string
          provider?: Database['public']['Enums']['sms_provider']
          provider_message_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sms_inbound_messages_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      sms_messages: {
        Row: {
          attempts: number
          body: string
          bulk_id: string | null
          cost_micros: number | null
          created_at: string
          currency: string | null
          customer_id: string | null
          dedupe_key: string | null
          delivered_at: string | null
          encoding: string
          error: string | null
          failed_at: string | null
          id: string
          lease_token: string | null
          lease_until: string | null
          next_attempt_at: string
          only_provider: Database['public']['Enums']['sms_provider'] | null
          order_id: string | null
          org_id: string
          provider: Database['public']['Enums']['sms_provider'] | null
          provider_message_id: string | null
          segments: number
          sent_at: string | null
          sent_by: string | null
          source: Database['public']['Enums']['sms_source']
          status: Database['public']['Enums']['sms_status']
          status_checked_at: string | null
          template_id: string | null
          to_phone: string
          updated_at: string
          variables: Json | null
        }
        ComputedFields: never
        Insert: {
          attempts?: number
          body: string
          bulk_id?: string | null
          cost_micros?: number | null
          created_at?: string
          currency?: string | null
          customer_id?: string | null
          dedupe_key?: string | null
          delivered_at?: string | null
          encoding: string
          error?: string | null
          failed_at?: string | null
          id?: string
          lease_token?: string | null
          lease_until?: string | null
          next_attempt_at?: string
          only_provider?: Database['public']['Enums']['sms_provider'] | null
          order_id?: string | null
          org_id: string
          provider?: Database['public']['Enums']['sms_provider'] | null
          provider_message_id?: string | null
          segments: number
          sent_at?: string | null
          sent_by?: string | null
          source?: Database['public']['Enums']['sms_source']
          status?: Database['public']['Enums']['sms_status']
          status_checked_at?: string | null
          template_id?: string | null
          to_phone: string
          updated_at?: string
          variables?: Json | null
        }
        Update: {
          attempts?: number
          body?: string
          bulk_id?: string | null
          cost_micros?: number | null
          created_at?: string
          currency?: string | null
          customer_id?: string | null
          dedupe_key?: string | null
          delivered_at?: string | null
          encoding?: string
          error?: string | null
          failed_at?: string | null
          id?: string
          lease_token?: string | null
          lease_until?: string | null
          next_attempt_at?: string
          only_provider?: Database['public']['Enums']['sms_provider'] | null
          order_id?: string | null
          org_id?: string
          provider?: Database['public']['Enums']['sms_provider'] | null
          provider_message_id?: string | null
          segments?: number
          sent_at?: string | null
          sent_by?: string | null
          source?: Database['public']['Enums']['sms_source']
          status?: Database['public']['Enums']['sms_status']
          status_checked_at?: string | null
          template_id?: string | null
          to_phone?: string
          updated_at?: string
          variables?: Json | null
        }
        Relationships: [
          {
            foreignKeyName: 'sms_messages_org_id_customer_id_fkey'
            columns: ['org_id', 'customer_id']
            isOneToOne: false
            referencedRelation: 'customers'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sms_messages_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sms_messages_org_id_order_id_fkey'
            columns: ['org_id', 'order_id']
            isOneToOne: false
            referencedRelation: 'orders'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sms_messages_org_id_sent_by_fkey'
            columns: ['org_id', 'sent_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sms_messages_org_id_template_id_fkey'
            columns: ['org_id', 'template_id']
            isOneToOne: false
            referencedRelation: 'sms_templates'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sms_opt_outs: {
        Row: {
          created_at: string
          org_id: string
          phone: string
          source: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          org_id: string
          phone: string
          source: string
        }
        Update: {
          created_at?: string
          org_id?: string
          phone?: string
          source?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sms_opt_outs_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      sms_settings: {
        Row: {
          auto_statuses: Database['public']['Enums']['order_status'][]
          bulk_rates: NonNullable<Json>
          configured_providers: Database['public']['Enums']['sms_provider'][]
          created_at: string
          default_country: string
          enabled: boolean
          link_base_url: string | null
          org_id: string
          provider_order: Database['public']['Enums']['sms_provider'][]
          senders: NonNullable<Json>
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          auto_statuses?: Database['public']['Enums']['order_status'][]
          bulk_rates?: NonNullable<Json>
          configured_providers?: Database['public']['Enums']['sms_provider'][]
          created_at?: string
          default_country?: string
          enabled?: boolean
          link_base_url?: string | null
          org_id: string
          provider_order?: Database['public']['Enums']['sms_provider'][]
          senders?: NonNullable<Json>
          updated_at?: string
        }
        Update: {
          auto_statuses?: Database['public']['Enums']['order_status'][]
          bulk_rates?: NonNullable<Json>
          configured_providers?: Database['public']['Enums']['sms_provider'][]
          created_at?: string
          default_country?: string
          enabled?: boolean
          link_base_url?: string | null
          org_id?: string
          provider_order?: Database['public']['Enums']['sms_provider'][]
          senders?: NonNullable<Json>
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sms_settings_org_id_fkey'
            columns: ['org_id']
            isOneToOne: true
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      sms_templates: {
        Row: {
          body: string
          created_at: string
          created_by: string | null
          description: string | null
          id: string
          is_active: boolean
          last_used_at: string | null
          name: string
          order_status: Database['public']['Enums']['order_status'] | null
          org_id: string
          updated_at: string
          usage_count: number
          variables: string[]
        }
        ComputedFields: never
        Insert: {
          body: string
          created_at?: string
          created_by?: string | null
          description?: string | null
          id?: string
          is_active?: boolean
          last_used_at?: string | null
          name: string
          order_status?: Database['public']['Enums']['order_status'] | null
          org_id: string
          updated_at?: string
          usage_count?: number
          variables?: string[]
        }
        Update: {
          body?: string
          created_at?: string
          created_by?: string | null
          description?: string | null
          id?: string
          is_active?: boolean
          last_used_at?: string | null
          name?: string
          order_status?: Database['public']['Enums']['order_status'] | null
          org_id?: string
          updated_at?: string
          usage_count?: number
          variables?: string[]
        }
        Relationships: [
          {
            foreignKeyName: 'sms_templates_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sms_templates_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      state_history: {
        Row: {
          actor_user_id: string | null
          created_at: string
          device: string | null
          from_state: string | null
          id: number
          member_id: string | null
          org_id: string
          reason: string | null
          subject: Database['public']['Enums']['fsm_subject']
          subject_id: string
          to_state: string
          transition: string | null
          type_definition_id: string | null
          type_version: number | null
        }
        ComputedFields: never
        Insert: {
          actor_user_id?: string | null
          created_at?: string
          device?: string | null
          from_state?: string | null
          id?: never
          member_id?: string | null
          org_id: string
          reason?: string | null
          subject: Database['public']['Enums']['fsm_subject']
          subject_id: string
          to_state: string
          transition?: string | null
          type_definition_id?: string | null
          type_version?: number | null
        }
        Update: {
          actor_user_id?: string | null
          created_at?: string
          device?: string | null
          from_state?: string | null
          id?: never
          member_id?: string | null
          org_id?: string
          reason?: string | null
          subject?: Database['public']['Enums']['fsm_subject']
          subject_id?: string
          to_state?: string
          transition?: string | null
          type_definition_id?: string | null
          type_version?: number | null
        }
        Relationships: [
          {
            foreignKeyName: 'state_history_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'state_history_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      stations: {
        Row: {
          created_at: string
          id: string
          last_seen_at: string | null
          location_id: string
          name: string
          org_id: string
          registered_at: string
          registered_by: string | null
          revoked_at: string | null
          revoked_by: string | null
          secret_hash: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          id?: string
          last_seen_at?: string | null
          location_id: string
          name: string
          org_id: string
          registered_at?: string
          registered_by?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          secret_hash: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          last_seen_at?: string | null
          location_id?: string
          name?: string
          org_id?: string
          registered_at?: string
          registered_by?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          secret_hash?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'stations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'stations_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stations_org_id_registered_by_fkey'
            columns: ['org_id', 'registered_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stations_org_id_revoked_by_fkey'
            columns: ['org_id', 'revoked_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      stock_items: {
        Row: {
          abc_class: string
          barcode: string | null
          category: string
          code: string
          created_at: string
          id: string
          is_active: boolean
          last_counted_at: string | null
          name: string
          org_id: string
          unit: string
          unit_cost: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          abc_class?: string
          barcode?: string | null
          category: string
          code: string
          created_at?: string
          id?: string
          is_active?: boolean
          last_counted_at?: string | null
          name: string
          org_id: string
          unit?: string
          unit_cost?: number
          updated_at?: string
        }
        Update: {
          abc_class?: string
          barcode?: string | null
          category?: string
          code?: string
          created_at?: string
          id?: string
          is_active?: boolean
          last_counted_at?: string | null
          name?: string
          org_id?: string
          unit?: string
          unit_cost?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'stock_items_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      stock_ledger: {
        Row: {
          client_id: string | null
          count_id: string | null
          count_line_id: string | null
          created_at: string
          id: string
          kind: Database['public']['Enums']['stock_movement_kind']
          location_id: string
          member_id: string | null
          note: string | null
          org_id: string
          quantity: number
          reason_code: string | null
          reverses_id: string | null
          stock_item_id: string
          unit_cost: number
          user_id: string | null
          value: number | null
        }
        ComputedFields: never
        Insert: {
          client_id?: string | null
          count_id?: string | null
          count_line_id?: string | null
          created_at?: string
          id?: string
          kind: Database['public']['Enums']['stock_movement_kind']
          location_id: string
          member_id?: string | null
          note?: string | null
          org_id: string
          quantity: number
          reason_code?: string | null
          reverses_id?: string | null
          stock_item_id: string
          unit_cost: number
          user_id?: string | null
          value?: never
        }
        Update: {
          client_id?: string | null
          count_id?: string | null
          count_line_id?: string | null
          created_at?: string
          id?: string
          kind?: Database['public']['Enums']['stock_movement_kind']
          location_id?: string
          member_id?: string | null
          note?: string | null
          org_id?: string
          quantity?: number
          reason_code?: string | null
          reverses_id?: string | null
          stock_item_id?: string
          unit_cost?: number
          user_id?: string | null
          value?: never
        }
        Relationships: [
          {
            foreignKeyName: 'stock_ledger_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'stock_ledger_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stock_ledger_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stock_ledger_org_id_reason_code_fkey'
            columns: ['org_id', 'reason_code']
            isOneToOne: false
            referencedRelation: 'stock_reason_codes'
            referencedColumns: ['org_id', 'code']
          },
          {
            foreignKeyName: 'stock_ledger_org_id_stock_item_id_fkey'
            columns: ['org_id', 'stock_item_id']
            isOneToOne: false
            referencedRelation: 'stock_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stock_ledger_reverses_id_fkey'
            columns: ['reverses_id']
            isOneToOne: false
            referencedRelation: 'stock_ledger'
            referencedColumns: ['id']
          },
        ]
      }
      stock_on_hand: {
        Row: {
          last_movement_at: string
          location_id: string
          org_id: string
          quantity: number
          stock_item_id: string
        }
        ComputedFields: never
        Insert: {
          last_movement_at?: string
          location_id: string
          org_id: string
          quantity?: number
          stock_item_id: string
        }
        Update: {
          last_movement_at?: string
          location_id?: string
          org_id?: string
          quantity?: number
          stock_item_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'stock_on_hand_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'stock_on_hand_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stock_on_hand_org_id_stock_item_id_fkey'
            columns: ['org_id', 'stock_item_id']
            isOneToOne: false
            referencedRelation: 'stock_items'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      stock_reason_codes: {
        Row: {
          code: string
          created_at: string
          is_active: boolean
          label: string
          org_id: string
          position: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          code: string
          created_at?: string
          is_active?: boolean
          label: string
          org_id: string
          position?: number
          updated_at?: string
        }
        Update: {
          code?: string
          created_at?: string
          is_active?: boolean
          label?: string
          org_id?: string
          position?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'stock_reason_codes_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      styles: {
        Row: {
          archived_at: string | null
          code: string
          created_at: string
          cutting_minutes_per_ply: number | null
          default_fabric: string | null
          description: string | null
          id: string
          name: string
          org_id: string
          product_type_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          archived_at?: string | null
          code: string
          created_at?: string
          cutting_minutes_per_ply?: number | null
          default_fabric?: string | null
          description?: string | null
          id?: string
          name: string
          org_id: string
          product_type_id: string
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          code?: string
          created_at?: string
          cutting_minutes_per_ply?: number | null
          default_fabric?: string | null
          description?: string | null
          id?: string
          name?: string
          org_id?: string
          product_type_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'styles_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'styles_org_id_product_type_id_fkey'
            columns: ['org_id', 'product_type_id']
            isOneToOne: false
            referencedRelation: 'product_types'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      sync_conflicts: {
        Row: {
          client_id: string
          code: string
          deliveries: number
          detected_at: string
          device_change: NonNullable<Json>
          device_id: string | null
          id: string
          item_id: string | null
          item_number: string | null
          kind: Database['public']['Enums']['sync_conflict_kind']
          last_seen_at: string
          member_id: string
          message: string
          op: string
          org_id: string
          resolution: Database['public']['Enums']['sync_conflict_resolution'] | null
          resolution_reason: string | null
          resolved_at: string | null
          resolved_by: string | null
          server_state: NonNullable<Json>
          session_id: string | null
          user_id: string
        }
        ComputedFields: never
        Insert: {
          client_id: string
          code: string
          deliveries?: number
          detected_at?: string
          device_change: NonNullable<Json>
          device_id?: string | null
          id?: string
          item_id?: string | null
          item_number?: string | null
          kind: Database['public']['Enums']['sync_conflict_kind']
          last_seen_at?: string
          member_id: string
          message: string
          op: string
          org_id: string
          resolution?: Database['public']['Enums']['sync_conflict_resolution'] | null
          resolution_reason?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          server_state: NonNullable<Json>
          session_id?: string | null
          user_id: string
        }
        Update: {
          client_id?: string
          code?: string
          deliveries?: number
          detected_at?: string
          device_change?: NonNullable<Json>
          device_id?: string | null
          id?: string
          item_id?: string | null
          item_number?: string | null
          kind?: Database['public']['Enums']['sync_conflict_kind']
          last_seen_at?: string
          member_id?: string
          message?: string
          op?: string
          org_id?: string
          resolution?: Database['public']['Enums']['sync_conflict_resolution'] | null
          resolution_reason?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          server_state?: NonNullable<Json>
          session_id?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'sync_conflicts_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'sync_conflicts_org_id_item_id_fkey'
            columns: ['org_id', 'item_id']
            isOneToOne: false
            referencedRelation: 'floor_items'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sync_conflicts_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sync_conflicts_org_id_resolved_by_fkey'
            columns: ['org_id', 'resolved_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'sync_conflicts_org_id_session_id_fkey'
            columns: ['org_id', 'session_id']
            isOneToOne: false
            referencedRelation: 'floor_sessions'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      teams: {
        Row: {
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'teams_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      ticket_items: {
        Row: {
          created_at: string
          custom_data: NonNullable<Json>
          description: string
          id: string
          org_id: string
          position: number
          quantity: number
          ticket_id: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          custom_data?: NonNullable<Json>
          description: string
          id?: string
          org_id: string
          position: number
          quantity?: number
          ticket_id: string
        }
        Update: {
          created_at?: string
          custom_data?: NonNullable<Json>
          description?: string
          id?: string
          org_id?: string
          position?: number
          quantity?: number
          ticket_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'ticket_items_org_id_ticket_id_fkey'
            columns: ['org_id', 'ticket_id']
            isOneToOne: false
            referencedRelation: 'tickets'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      tickets: {
        Row: {
          assigned_member_id: string | null
          called_at: string | null
          checked_in_at: string | null
          closed_at: string | null
          counter_id: string | null
          created_at: string
          created_by: string | null
          current_state: string
          custom_data: NonNullable<Json>
          customer_id: string | null
          display_number: string | null
          estimated_wait_minutes: number | null
          id: string
          org_id: string
          phone_e164: string | null
          queue_day: string | null
          queue_id: string
          queue_status: Database['public']['Enums']['queue_ticket_status'] | null
          recall_count: number
          recalled_at: string | null
          served_at: string | null
          ticket_number: number
          ttl_minutes: number | null
          type_definition_id: string
          type_version: number
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          assigned_member_id?: string | null
          called_at?: string | null
          checked_in_at?: string | null
          closed_at?: string | null
          counter_id?: string | null
          created_at?: string
          created_by?: string | null
          current_state: string
          custom_data?: NonNullable<Json>
          customer_id?: string | null
          display_number?: string | null
          estimated_wait_minutes?: number | null
          id?: string
          org_id: string
          phone_e164?: string | null
          queue_day?: string | null
          queue_id: string
          queue_status?: Database['public']['Enums']['queue_ticket_status'] | null
          recall_count?: number
          recalled_at?: string | null
          served_at?: string | null
          ticket_number: number
          ttl_minutes?: number | null
          type_definition_id: string
          type_version: number
          updated_at?: string
        }
        Update: {
          assigned_member_id?: string | null
          called_at?: string | null
          checked_in_at?: string | null
          closed_at?: string | null
          counter_id?: string | null
          created_at?: string
          created_by?: string | null
          current_state?: string
          custom_data?: NonNullable<Json>
          customer_id?: string | null
          display_number?: string | null
          estimated_wait_minutes?: number | null
          id?: string
          org_id?: string
          phone_e164?: string | null
          queue_day?: string | null
          queue_id?: string
          queue_status?: Database['public']['Enums']['queue_ticket_status'] | null
          recall_count?: number
          recalled_at?: string | null
          served_at?: string | null
          ticket_number?: number
          ttl_minutes?: number | null
          type_definition_id?: string
          type_version?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'tickets_counter_fk'
            columns: ['org_id', 'counter_id']
            isOneToOne: false
            referencedRelation: 'customer_queue_counters'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'tickets_org_id_assigned_member_id_fkey'
            columns: ['org_id', 'assigned_member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'tickets_org_id_created_by_fkey'
            columns: ['org_id', 'created_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'tickets_org_id_customer_id_fkey'
            columns: ['org_id', 'customer_id']
            isOneToOne: false
            referencedRelation: 'customers'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'tickets_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'tickets_org_id_queue_id_fkey'
            columns: ['org_id', 'queue_id']
            isOneToOne: false
            referencedRelation: 'floor_queues'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'tickets_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
      type_definitions: {
        Row: {
          archived_at: string | null
          copied_from_id: string | null
          created_at: string
          custom_fields_schema: NonNullable<Json>
          fsm_schema: NonNullable<Json>
          id: string
          is_system_defined: boolean
          org_id: string | null
          subject: Database['public']['Enums']['fsm_subject']
          type_code: string
          type_name: string
          updated_at: string
          version: number
        }
        ComputedFields: never
        Insert: {
          archived_at?: string | null
          copied_from_id?: string | null
          created_at?: string
          custom_fields_schema?: NonNullable<Json>
          fsm_schema: NonNullable<Json>
          id?: string
          is_system_defined?: boolean
          org_id?: string | null
          subject: Database['public']['Enums']['fsm_subject']
          type_code: string
          type_name: string
          updated_at?: string
          version?: number
        }
        Update: {
          archived_at?: string | null
          copied_from_id?: string | null
          created_at?: string
          custom_fields_schema?: NonNullable<Json>
          fsm_schema?: NonNullable<Json>
          id?: string
          is_system_defined?: boolean
          org_id?: string | null
          subject?: Database['public']['Enums']['fsm_subject']
          type_code?: string
          type_name?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: 'type_definitions_copied_from_id_fkey'
            columns: ['copied_from_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'type_definitions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      user_preferences: {
        Row: {
          color_scheme: Database['public']['Enums']['color_scheme']
          created_at: string
          font_scale: number | null
          font_size: Database['public']['Enums']['font_size']
          primary_color: string
          push_notifications: boolean
          sound_enabled: boolean
          updated_at: string
          user_id: string
          vibration_enabled: boolean
        }
        ComputedFields: never
        Insert: {
          color_scheme?: Database['public']['Enums']['color_scheme']
          created_at?: string
          font_scale?: never
          font_size?: Database['public']['Enums']['font_size']
          primary_color?: string
          push_notifications?: boolean
          sound_enabled?: boolean
          updated_at?: string
          user_id: string
          vibration_enabled?: boolean
        }
        Update: {
          color_scheme?: Database['public']['Enums']['color_scheme']
          created_at?: string
          font_scale?: never
          font_size?: Database['public']['Enums']['font_size']
          primary_color?: string
          push_notifications?: boolean
          sound_enabled?: boolean
          updated_at?: string
          user_id?: string
          vibration_enabled?: boolean
        }
        Relationships: []
      }
      variance_analytics: {
        Row: {
          accuracy_change: number | null
          accuracy_score: number | null
          generated_at: string
          generated_by: string
          id: string
          items_with_variance: number
          org_id: string
          period_end: string
          period_start: string
          period_type: Database['public']['Enums']['variance_period_type']
          previous_period_accuracy: number | null
          session_ids: string[]
          shrinkage_value: number
          total_items_counted: number
          variance_by_category: NonNullable<Json>
          variance_by_reason: NonNullable<Json>
          variance_rate: number | null
          variance_value: number
        }
        ComputedFields: never
        Insert: {
          accuracy_change?: number | null
          accuracy_score?: number | null
          generated_at?: string
          generated_by?: string
          id?: string
          items_with_variance: number
          org_id: string
          period_end: string
          period_start: string
          period_type: Database['public']['Enums']['variance_period_type']
          previous_period_accuracy?: number | null
          session_ids?: string[]
          shrinkage_value?: number
          total_items_counted: number
          variance_by_category?: NonNullable<Json>
          variance_by_reason?: NonNullable<Json>
          variance_rate?: number | null
          variance_value?: number
        }
        Update: {
          accuracy_change?: number | null
          accuracy_score?: number | null
          generated_at?: string
          generated_by?: string
          id?: string
          items_with_variance?: number
          org_id?: string
          period_end?: string
          period_start?: string
          period_type?: Database['public']['Enums']['variance_period_type']
          previous_period_accuracy?: number | null
          session_ids?: string[]
          shrinkage_value?: number
          total_items_counted?: number
          variance_by_category?: NonNullable<Json>
          variance_by_reason?: NonNullable<Json>
          variance_rate?: number | null
          variance_value?: number
        }
        Relationships: [
          {
            foreignKeyName: 'variance_analytics_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
    }
    Views: {
      ticket_state_history: {
        Row: {
          actor_user_id: string | null
          created_at: string
          device: string | null
          from_state: string | null
          id: number
          member_id: string | null
          org_id: string
          reason: string | null
          ticket_id: string
          to_state: string
          transition: string | null
          type_definition_id: string | null
          type_version: number | null
        }
        ComputedFields: never
        Insert: {
          actor_user_id?: string | null
          created_at?: string | null
          device?: string | null
          from_state?: string | null
          id?: number | null
          member_id?: string | null
          org_id?: string | null
          reason?: string | null
          ticket_id?: string | null
          to_state?: string | null
          transition?: string | null
          type_definition_id?: string | null
          type_version?: number | null
        }
        Update: {
          actor_user_id?: string | null
          created_at?: string | null
          device?: string | null
          from_state?: string | null
          id?: number | null
          member_id?: string | null
          org_id?: string | null
          reason?: string | null
          ticket_id?: string | null
          to_state?: string | null
          transition?: string | null
          type_definition_id?: string | null
          type_version?: number | null
        }
        Relationships: [
          {
            foreignKeyName: 'state_history_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'state_history_type_definition_id_fkey'
            columns: ['type_definition_id']
            isOneToOne: false
            referencedRelation: 'type_definitions'
            referencedColumns: ['id']
          },
        ]
      }
    }
    Functions: {
      accept_invitation: {
        Args: { p_invitation_id: string }
        Returns: {
          member_id: string
          org_id: string
          org_slug: string
        }[]
      }
      add_member: {
        Args: {
          p_badge_code?: string
          p_display_name: string
          p_location_id?: string
          p_org_id: string
          p_role: Database['public']['Enums']['member_role']
          p_team_id?: string
          p_user_id: string
        }
        Returns: string
      }
      add_orders_to_batch: { Args: { p_batch_id: string; p_client_id?: string; p_order_ids: string[] }; Returns: Json }
      advance_batch: {
        Args: { p_batch_id: string; p_client_id?: string; p_expected_stage?: string; p_override_reason?: string }
        Returns: Json
      }
      attach_floor_identity: { Args: { p_member_id: string; p_user_id: string }; Returns: string }
      available_transitions: {
        Args: { p_state: string; p_type_id: string }
        Returns: {
          name: string
          requires: Json
          to_state: string
        }[]
      }
      batch_board: { Args: { p_completed_days?: number; p_org_id: string }; Returns: Json }
      batch_stages: { Args: { p_org_id: string; p_type_id?: string }; Returns: Json }
      bind_operator_session: { Args: { p_auth_session_id: string; p_operator_session_id: string }; Returns: undefined }
      call_next: { Args: { p_counter_id: string; p_queue_id: string }; Returns: Json }
      cancel_order: { Args: { p_client_id?: string; p_order_id: string; p_reason: string }; Returns: Json }
      cancel_queue_ticket: { Args: { p_ticket_token: string }; Returns: Json }
      change_member_role: {
        Args: { p_member_id: string; p_role: Database['public']['Enums']['member_role'] }
        Returns: undefined
      }
      check_in_queue_ticket: { Args: { p_ticket_token: string }; Returns: Json }
      complete_batch: { Args: { p_batch_id: string; p_client_id?: string; p_override_reason?: string }; Returns: Json }
      complete_cutting_run: {
        Args: {
          p_client_id?: string
          p_defective_units?: number
          p_fabric_used_kg?: number
          p_make_bundles?: boolean
          p_notes?: string
          p_plies_cut: number
          p_run_id: string
          p_standard_minutes?: number
          p_wastage_kg?: number
        }
        Returns: Json
      }
      complete_sewing_operation: {
        Args: {
          p_actual_minutes?: number
          p_client_id?: string
          p_completed_at?: string
          p_defects_found?: number
          p_rework_units?: number
          p_run_operation_id: string
          p_units?: number
        }
        Returns: Json
      }
      copy_type_definition: {
        Args: { p_org_id: string; p_source_id: string; p_type_code: string; p_type_name: string }
        Returns: Json
      }
      count_add_line: {
        Args: { p_client_id: string; p_count_id: string; p_location_id: string; p_stock_item_id: string }
        Returns: Json
      }
      count_cancel: { Args: { p_count_id: string; p_reason: string }; Returns: Json }
      count_create: {
        Args: {
          p_categories?: string[]
          p_client_id: string
          p_counter_ids?: string[]
          p_cycle_class?: string
          p_cycle_rule?: Database['public']['Enums']['count_cycle_rule']
          p_cycle_size?: number
          p_location_ids?: string[]
          p_mode?: Database['public']['Enums']['count_mode']
          p_offline_created?: boolean
          p_org_id: string
          p_scope: Database['public']['Enums']['count_scope']
          p_title: string
        }
        Returns: Json
      }
      count_post: { Args: { p_count_id: string }; Returns: Json }
      count_record: {
        Args: {
          p_client_id: string
          p_count_id: string
          p_entered_at?: string
          p_force?: boolean
          p_line_id: string
          p_method?: Database['public']['Enums']['count_entry_method']
          p_quantity: number
          p_seen_entry_id?: string
        }
        Returns: Json
      }
      count_reopen: { Args: { p_count_id: string; p_reason: string }; Returns: Json }
      count_request_recount: { Args: { p_count_id: string; p_line_ids: string[]; p_reason: string }; Returns: Json }
      count_resolve_conflict: { Args: { p_count_id: string; p_line_id: string }; Returns: Json }
      count_review: { Args: { p_count_id: string }; Returns: Json }
      count_set_reason: {
        Args: { p_count_id: string; p_line_id?: string; p_note?: string; p_reason_code: string }
        Returns: Json
      }
      count_sheet: { Args: { p_count_id: string }; Returns: Json }
      count_start: { Args: { p_count_id: string }; Returns: Json }
      count_submit: { Args: { p_count_id: string }; Returns: Json }
      count_void: { Args: { p_count_id: string; p_reason: string }; Returns: Json }
      create_batch_from_orders: {
        Args: {
          p_client_id?: string
          p_notes?: string
          p_order_ids: string[]
          p_org_id: string
          p_priority?: Database['public']['Enums']['batch_priority']
          p_tags?: string[]
          p_target_completion?: string
        }
        Returns: Json
      }
      create_cut_order: {
        Args: {
          p_due_date?: string
          p_lines: Json
          p_notes?: string
          p_order_id?: string
          p_org_id: string
          p_style_id: string
        }
        Returns: Json
      }
      create_order: {
        Args: {
          p_client_id?: string
          p_customer?: Json
          p_customer_id?: string
          p_customizations?: Json
          p_due_date?: string
          p_internal_notes?: string
          p_issue_tracking_token?: boolean
          p_model_id: string
          p_notes?: string
          p_order_number?: string
          p_org_id: string
          p_price?: number
          p_priority?: Database['public']['Enums']['batch_priority']
          p_wood_type: Database['public']['Enums']['wood_type']
        }
        Returns: Json
      }
      create_organisation: {
        Args: { p_currency?: string; p_display_name?: string; p_name: string; p_slug: string; p_time_zone?: string }
        Returns: {
          account_id: string
          created_at: string
          currency: string
          id: string
          name: string
          settings: NonNullable<Json>
          slug: string
          time_zone: string
          updated_at: string
        }
        SetofOptions: {
          from: '*'
          to: 'organisations'
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_sewing_run: {
        Args: {
          p_bundle_id: string
          p_client_id?: string
          p_location_id?: string
          p_operation_ids?: string[]
          p_org_id: string
          p_team_id?: string
        }
        Returns: Json
      }
      create_ticket: {
        Args: {
          p_assigned_member_id?: string
          p_client_id?: string
          p_custom_data?: Json
          p_customer_id?: string
          p_estimated_wait_minutes?: number
          p_items?: Json
          p_org_id: string
          p_queue_id: string
          p_ttl_minutes?: number
          p_type_definition_id: string
        }
        Returns: Json
      }
      cut_lay_into_bundles: { Args: { p_client_id?: string; p_lay_id: string; p_plies?: number }; Returns: Json }
      dashboard_floor_status: { Args: { p_location_id?: string; p_org_id: string }; Returns: Json }
      dashboard_overview: {
        Args: { p_from?: string; p_location_id?: string; p_org_id: string; p_range?: string; p_to?: string }
        Returns: Json
      }
      deactivate_member: { Args: { p_member_id: string }; Returns: undefined }
      decline_invitation: { Args: { p_invitation_id: string }; Returns: undefined }
      end_idle_operator_sessions: { Args: Record<PropertyKey, never>; Returns: number }
      floor_action_history: {
        Args: {
          p_before?: string
          p_include_orders?: boolean
          p_item_id?: string
          p_limit?: number
          p_org_id?: string
          p_session_id?: string
        }
        Returns: Json
      }
      floor_active_session: { Args: { p_org_id?: string }; Returns: Json }
      floor_advance_item: {
        Args: { p_client_id: string; p_expected_stage?: string; p_item_id: string; p_session_id: string }
        Returns: Json
      }
      floor_approval_alerts: { Args: { p_hours?: number; p_org_id: string }; Returns: Json }
      floor_complete_action: {
        Args: {
          p_action_key: string
          p_approver_badge?: string
          p_approver_pin?: string
          p_client_id: string
          p_completed_at?: string
          p_data?: Json
          p_duration_ms?: number
          p_item_id: string
          p_session_id: string
          p_status?: Database['public']['Enums']['floor_action_status']
        }
        Returns: Json
      }
      floor_end_idle_sessions: { Args: Record<PropertyKey, never>; Returns: number }
      floor_end_session: { Args: { p_session_id: string }; Returns: Json }
      floor_flag_raise: {
        Args: {
          p_client_id: string
          p_item_id: string
          p_kind: Database['public']['Enums']['floor_flag_kind']
          p_note?: string
          p_session_id: string
        }
        Returns: Json
      }
      floor_flag_resolve: { Args: { p_flag_id: string }; Returns: Json }
      floor_label_sheet: { Args: { p_ids?: string[]; p_kind: string; p_org_id: string }; Returns: Json }
      floor_live_sessions: { Args: { p_org_id: string }; Returns: Json }
      floor_location_load: { Args: { p_org_id: string }; Returns: Json }
      floor_message_ack: { Args: { p_message_id: string }; Returns: Json }
      floor_message_log: { Args: { p_limit?: number; p_org_id: string }; Returns: Json }
      floor_message_send: {
        Args: {
          p_body: string
          p_expires_in_minutes?: number
          p_location_id?: string
          p_member_id?: string
          p_org_id: string
          p_team_id?: string
          p_urgent?: boolean
        }
        Returns: Json
      }
      floor_my_messages: { Args: { p_org_id: string }; Returns: Json }
      floor_next_item: { Args: { p_client_id?: string; p_queue_id: string; p_session_id?: string }; Returns: Json }
      floor_offline_data: { Args: { p_limit?: number; p_location_id: string }; Returns: Json }
      floor_open_flags: { Args: { p_org_id: string }; Returns: Json }
      floor_pending_actions: { Args: { p_item_id: string }; Returns: Json }
      floor_performance: {
        Args: { p_from?: string; p_group?: string; p_member_id?: string; p_org_id: string; p_to?: string }
        Returns: Json
      }
      floor_priority_preview: { Args: { p_org_id: string; p_queue_id?: string; p_rules: Json }; Returns: Json }
      floor_queue_add: {
        Args: {
          p_assigned_to?: string
          p_client_id: string
          p_estimated_minutes?: number
          p_item_id: string
          p_priority?: Database['public']['Enums']['floor_priority']
          p_queue_id: string
        }
        Returns: Json
      }
      floor_queue_assign: {
        Args: { p_client_id: string; p_member_id?: string; p_queue_item_id: string }
        Returns: Json
      }
      floor_queue_balance: { Args: { p_apply?: boolean; p_client_id: string; p_queue_id: string }; Returns: Json }
      floor_queue_bulk: {
        Args: {
          p_action: string
          p_client_id: string
          p_member_id?: string
          p_priority?: Database['public']['Enums']['floor_priority']
          p_queue_item_ids: string[]
          p_to_queue_id?: string
        }
        Returns: Json
      }
      floor_queue_complete: {
        Args: { p_client_id: string; p_queue_item_id: string; p_session_id?: string }
        Returns: Json
      }
      floor_queue_items: {
        Args: {
          p_assigned_to?: string
          p_limit?: number
          p_queue_id: string
          p_statuses?: Database['public']['Enums']['floor_queue_item_status'][]
        }
        Returns: Json
      }
      floor_queue_metrics: { Args: { p_queue_id: string }; Returns: Json }
      floor_queue_move: { Args: { p_client_id: string; p_queue_item_id: string; p_to_queue_id: string }; Returns: Json }
      floor_queue_reorder: {
        Args: { p_client_id: string; p_queue_id: string; p_queue_item_ids: string[] }
        Returns: Json
      }
      floor_queue_update_item: {
        Args: {
          p_client_id: string
          p_estimated_minutes?: number
          p_priority?: Database['public']['Enums']['floor_priority']
          p_queue_item_id: string
          p_status?: Database['public']['Enums']['floor_queue_item_status']
        }
        Returns: Json
      }
      floor_queues: {
        Args: { p_include_inactive?: boolean; p_location_id?: string; p_org_id?: string; p_team_id?: string }
        Returns: Json
      }
      floor_scan: {
        Args: {
          p_client_id: string
          p_code: string
          p_device_info?: Json
          p_scan_type?: Database['public']['Enums']['floor_scan_type']
          p_scanned_at?: string
          p_session_id: string
        }
        Returns: Json
      }
      floor_scan_history: {
        Args: {
          p_before?: string
          p_item_id?: string
          p_limit?: number
          p_member_id?: string
          p_org_id?: string
          p_result?: Database['public']['Enums']['floor_scan_result']
          p_session_id?: string
        }
        Returns: Json
      }
      floor_scan_statistics: {
        Args: { p_from?: string; p_member_id?: string; p_org_id?: string; p_session_id?: string; p_to?: string }
        Returns: Json
      }
      floor_session_history: {
        Args: {
          p_from?: string
          p_limit?: number
          p_location_id?: string
          p_member_id?: string
          p_org_id: string
          p_to?: string
        }
        Returns: Json
      }
      floor_start_session: {
        Args: {
          p_device_id?: string
          p_device_info?: Json
          p_location_id?: string
          p_org_id?: string
          p_resume?: boolean
          p_takeover?: boolean
          p_team_id?: string
        }
        Returns: Json
      }
      floor_sync: { Args: { p_ops: Json }; Returns: Json }
      floor_update_action: {
        Args: {
          p_action_id: string
          p_approver_badge?: string
          p_approver_pin?: string
          p_client_id: string
          p_completed_at?: string
          p_data?: Json
          p_duration_ms?: number
          p_status?: Database['public']['Enums']['floor_action_status']
        }
        Returns: Json
      }
      floor_update_session: {
        Args: {
          p_current_item_id?: string
          p_device_info?: Json
          p_location_id?: string
          p_session_id: string
          p_team_id?: string
        }
        Returns: Json
      }
      floor_validate_scan: {
        Args: {
          p_code: string
          p_org_id?: string
          p_scan_type?: Database['public']['Enums']['floor_scan_type']
          p_session_id?: string
        }
        Returns: Json
      }
      floor_workload: { Args: { p_location_id?: string; p_org_id: string; p_queue_id?: string }; Returns: Json }
      fsm_dry_run: { Args: { p_fsm: Json; p_steps: string[] }; Returns: Json }
      get_my_preferences: {
        Args: Record<PropertyKey, never>
        Returns: {
          color_scheme: Database['public']['Enums']['color_scheme']
          created_at: string
          font_scale: number | null
          font_size: Database['public']['Enums']['font_size']
          primary_color: string
          push_notifications: boolean
          sound_enabled: boolean
          updated_at: string
          user_id: string
          vibration_enabled: boolean
        }
        SetofOptions: {
          from: '*'
          to: 'user_preferences'
          isOneToOne: true
          isSetofReturn: false
        }
      }
      invite_member: {
        Args: {
          p_display_name: string
          p_email: string
          p_location_id?: string
          p_org_id: string
          p_role: Database['public']['Enums']['member_role']
          p_team_id?: string
        }
        Returns: {
          created_at: string
          display_name: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          location_id: string | null
          member_id: string | null
          org_id: string
          responded_at: string | null
          role: Database['public']['Enums']['member_role']
          status: Database['public']['Enums']['invitation_status']
          team_id: string | null
          updated_at: string
        }
        SetofOptions: {
          from: '*'
          to: 'invitations'
          isOneToOne: true
          isSetofReturn: false
        }
      }
      issue_queue_display_token: { Args: { p_queue_id: string }; Returns: Json }
      issue_queue_join_token: { Args: { p_queue_id: string }; Returns: Json }
      issue_tracking_token: { Args: { p_label?: string; p_order_id: string }; Returns: Json }
      item_lock_acquire: {
        Args: {
          p_item_id: string
          p_minutes?: number
          p_reason?: Database['public']['Enums']['item_lock_reason']
          p_session_id: string
        }
        Returns: Json
      }
      item_lock_acquire_stock: { Args: { p_count_id: string; p_line_id: string; p_minutes?: number }; Returns: Json }
      item_lock_release: { Args: { p_item_id: string; p_session_id: string }; Returns: Json }
      item_lock_release_stock: { Args: { p_count_id: string; p_line_id: string }; Returns: Json }
      item_lock_steal: {
        Args: { p_item_id: string; p_reason?: Database['public']['Enums']['item_lock_reason']; p_session_id: string }
        Returns: Json
      }
      join_queue: {
        Args: { p_custom_data?: Json; p_join_token: string; p_phone?: string; p_type_definition_id: string }
        Returns: Json
      }
      join_queue_from: {
        Args: {
          p_custom_data?: Json
          p_ip?: unknown
          p_join_token: string
          p_phone?: string
          p_type_definition_id: string
        }
        Returns: Json
      }
      label_code: { Args: { p_id: string; p_kind: string }; Returns: string }
      list_members: {
        Args: { p_org_id: string }
        Returns: {
          badge_code: string
          created_at: string
          display_name: string
          email: string
          has_pin: boolean
          is_active: boolean
          last_sign_in_at: string
          location_id: string
          location_name: string
          locked_until: string
          member_id: string
          pin_changed_at: string
          role: Database['public']['Enums']['member_role']
          team_id: string
          team_name: string
          user_id: string
        }[]
      }
      list_orders: {
        Args: {
          p_cursor?: string
          p_limit?: number
          p_model_id?: string
          p_org_id: string
          p_query?: string
          p_statuses?: Database['public']['Enums']['order_status'][]
          p_unbatched_only?: boolean
          p_wood_type?: Database['public']['Enums']['wood_type']
        }
        Returns: Json
      }
      move_bundle: {
        Args: {
          p_bundle_id: string
          p_client_id?: string
          p_expected_status?: string
          p_location_id?: string
          p_reason?: string
          p_scanned_at?: string
          p_transition?: string
        }
        Returns: Json
      }
      my_invitations: {
        Args: Record<PropertyKey, never>
        Returns: {
          created_at: string
          display_name: string
          expires_at: string
          invitation_id: string
          invited_by_name: string
          org_id: string
          org_name: string
          role: Database['public']['Enums']['member_role']
        }[]
      }
      my_organisations: {
        Args: Record<PropertyKey, never>
        Returns: {
          can_act: boolean
          display_name: string
          member_id: string
          name: string
          operator_session_id: string
          org_id: string
          role: Database['public']['Enums']['member_role']
          slug: string
        }[]
      }
      no_show_queue_ticket: { Args: { p_ticket_id: string }; Returns: Json }
      operator_session_touch: { Args: { p_operator_session_id: string }; Returns: Json }
      otp_request: {
        Args: {
          p_ip?: unknown
          p_org_id: string
          p_phone: string
          p_purpose: Database['public']['Enums']['otp_purpose']
          p_subject_id?: string
          p_user_agent?: string
        }
        Returns: Json
      }
      otp_verify: {
        Args: {
          p_code: string
          p_ip?: unknown
          p_org_id: string
          p_phone: string
          p_purpose: Database['public']['Enums']['otp_purpose']
          p_subject_id?: string
        }
        Returns: Json
      }
      pin_in: { Args: { p_badge_code: string; p_pin: string; p_station_secret: string }; Returns: Json }
      pin_out: { Args: { p_operator_session_id: string }; Returns: undefined }
      plan_lay: {
        Args: {
          p_bundle_size?: number
          p_colour: string
          p_cut_order_id: string
          p_fabric: string
          p_location_id?: string
          p_marker_length_m: number
          p_marker_width_cm?: number
          p_notes?: string
          p_plies: number
          p_shade: string
          p_size_ratio: Json
        }
        Returns: Json
      }
      production_summary: { Args: { p_org_id: string }; Returns: Json }
      queue_day_stats: { Args: { p_day?: string; p_queue_id: string }; Returns: Json }
      queue_display: { Args: { p_display_token: string }; Returns: Json }
      queue_join_info: { Args: { p_join_token: string }; Returns: Json }
      queue_ticket: { Args: { p_ticket_token: string }; Returns: Json }
      queue_waiting_list: { Args: { p_queue_id: string }; Returns: Json }
      reactivate_member: { Args: { p_member_id: string }; Returns: undefined }
      recall_queue_ticket: { Args: { p_ticket_id: string }; Returns: Json }
      recompute_production_metrics: { Args: { p_from: string; p_org_id: string; p_to: string }; Returns: number }
      record_sewing_defect: {
        Args: {
          p_client_id?: string
          p_count?: number
          p_defect_code: string
          p_rework?: boolean
          p_run_operation_id: string
        }
        Returns: Json
      }
      record_shopify_delivery: {
        Args: {
          p_body_bytes: number
          p_body_sha256: string
          p_excerpt: string
          p_org_id: string
          p_problem: string
          p_reason: string
          p_shop_domain: string
          p_shopify_order_id?: string
          p_shopify_order_name?: string
          p_topic: string
          p_webhook_id: string
        }
        Returns: Json
      }
      refresh_production_summary: { Args: { p_force?: boolean }; Returns: Json }
      register_station: {
        Args: { p_location_id: string; p_name?: string }
        Returns: {
          location_id: string
          location_name: string
          name: string
          org_id: string
          org_slug: string
          station_id: string
          station_secret: string
        }[]
      }
      remove_my_phone: { Args: Record<PropertyKey, never>; Returns: Json }
      remove_order_from_batch: {
        Args: { p_batch_id: string; p_client_id?: string; p_order_id: string; p_reason: string }
        Returns: Json
      }
      resolve_scan_code: { Args: { p_code: string; p_org_id?: string }; Returns: Json }
      return_batch: {
        Args: {
          p_batch_id: string
          p_client_id?: string
          p_expected_stage?: string
          p_reason: string
          p_to_stage: string
        }
        Returns: Json
      }
      revoke_invitation: { Args: { p_invitation_id: string }; Returns: undefined }
      revoke_station: { Args: { p_station_id: string }; Returns: undefined }
      revoke_tracking_token: { Args: { p_token_id: string }; Returns: undefined }
      save_model: {
        Args: {
          p_base_hours?: number
          p_client_id?: string
          p_complexity: Database['public']['Enums']['model_complexity']
          p_description?: string
          p_is_active?: boolean
          p_model_id?: string
          p_name: string
          p_org_id: string
          p_price: number
          p_sku_prefix: string
          p_stages?: Json
          p_woods: Database['public']['Enums']['wood_type'][]
        }
        Returns: Json
      }
      save_sewing_operation: {
        Args: {
          p_defect_codes?: Json
          p_depends_on?: string[]
          p_description?: string
          p_has_qc_checkpoint?: boolean
          p_is_active?: boolean
          p_machine_type?: Database['public']['Enums']['sewing_machine_type']
          p_name: string
          p_operation_id?: string
          p_org_id: string
          p_piece_rate: number
          p_product_type_id: string
          p_sequence_number: number
          p_skill_level?: Database['public']['Enums']['sewing_skill_level']
          p_standard_minutes: number
        }
        Returns: Json
      }
      save_type_definition: {
        Args: {
          p_custom_fields_schema: Json
          p_expected_version?: number
          p_fsm_schema: Json
          p_id: string
          p_org_id: string
          p_state_moves?: Json
          p_subject: Database['public']['Enums']['fsm_subject']
          p_type_code: string
          p_type_name: string
        }
        Returns: Json
      }
      serve_queue_ticket: { Args: { p_reason?: string; p_ticket_id: string; p_transition?: string }; Returns: Json }
      set_batch_quality: {
        Args: {
          p_batch_id: string
          p_client_id?: string
          p_quality: Database['public']['Enums']['quality_status']
          p_reason?: string
        }
        Returns: Json
      }
      set_customer_sms_consent: {
        Args: { p_customer_id: string; p_opted_in: boolean; p_org_id: string; p_phone?: string; p_verified?: boolean }
        Returns: Json
      }
      set_cutting_run_status: {
        Args: { p_client_id?: string; p_run_id: string; p_status: Database['public']['Enums']['cutting_run_status'] }
        Returns: Json
      }
      set_member_pin: { Args: { p_current_pin?: string; p_member_id: string; p_pin: string }; Returns: Json }
      set_model_active: { Args: { p_client_id?: string; p_is_active: boolean; p_model_id: string }; Returns: Json }
      set_shopify_shop: {
        Args: { p_is_active?: boolean; p_org_id: string; p_shop_domain: string; p_webhook_secret: string }
        Returns: Json
      }
      set_sms_bulk_rates: { Args: { p_org_id: string; p_rates: Json }; Returns: Json }
      set_sms_provider: {
        Args: { p_credentials: Json; p_org_id: string; p_provider: Database['public']['Enums']['sms_provider'] }
        Returns: Json
      }
      set_type_definition_archived: { Args: { p_archived: boolean; p_id: string }; Returns: Json }
      sewing_bundle_track: { Args: { p_bundle_number: number; p_org_id: string }; Returns: Json }
      sewing_dashboard: { Args: { p_day?: string; p_org_id: string; p_team_id?: string }; Returns: Json }
      sewing_earnings: {
        Args: { p_from: string; p_member_id?: string; p_org_id: string; p_to: string }
        Returns: {
          actual_minutes: number
          badge_code: string
          defects: number
          earned_minutes: number
          earnings: number
          efficiency: number
          good_units: number
          level: string
          member_id: string
          member_name: string
          operation_id: string
          operation_name: string
          operations: number
          piece_rate: number
          product_type: string
          rework_units: number
          units: number
          week_start: string
          work_date: string
        }[]
      }
      sewing_scan: {
        Args: {
          p_bundle_id: string
          p_client_id?: string
          p_machine_id?: string
          p_operation_id: string
          p_org_id: string
          p_scanned_at?: string
          p_units?: number
        }
        Returns: Json
      }
      shopify_webhook_org: { Args: { p_body: string; p_hmac: string; p_shop_domain: string }; Returns: string }
      shopify_webhook_org_raw: {
        Args: { p_body_base64: string; p_hmac: string; p_shop_domain: string }
        Returns: string
      }
      sign_in_allowed: { Args: { p_email: string }; Returns: Json }
      sign_in_failed: { Args: { p_email: string }; Returns: Json }
      sign_in_succeeded: { Args: Record<PropertyKey, never>; Returns: undefined }
      sms_apply_status: {
        Args: {
          p_error?: string
          p_message_id?: string
          p_org_id: string
          p_provider: Database['public']['Enums']['sms_provider']
          p_provider_message_id?: string
          p_provider_status?: string
          p_status: Database['public']['Enums']['sms_status']
        }
        Returns: Json
      }
      sms_bulk_progress: { Args: { p_bulk_id: string; p_org_id: string }; Returns: Json }
      sms_callback_check: { Args: { p_key: string; p_org_id: string }; Returns: boolean }
      sms_claim: { Args: { p_lease_seconds?: number; p_limit?: number; p_message_ids?: string[] }; Returns: Json }
      sms_inbound: {
        Args: {
          p_body: string
          p_from: string
          p_org_id: string
          p_provider: Database['public']['Enums']['sms_provider']
          p_provider_message_id: string
        }
        Returns: Json
      }
      sms_monthly_costs: { Args: { p_months?: number; p_org_id: string }; Returns: Json }
      sms_opt_in: { Args: { p_org_id: string; p_phone: string }; Returns: Json }
      sms_opt_out: { Args: { p_org_id: string; p_phone: string; p_source?: string }; Returns: Json }
      sms_provider_config: { Args: { p_org_id: string }; Returns: Json }
      sms_record_attempt: {
        Args: {
          p_cost_micros?: number
          p_currency?: string
          p_error?: string
          p_http_status?: number
          p_latency_ms?: number
          p_lease_token: string
          p_message_id: string
          p_outcome: Database['public']['Enums']['sms_attempt_outcome']
          p_provider: Database['public']['Enums']['sms_provider']
          p_provider_code?: string
          p_provider_message_id?: string
          p_provider_status?: string
          p_request_id: string
          p_retry_after_seconds?: number
          p_sender?: string
        }
        Returns: Json
      }
      sms_send: {
        Args: {
          p_body?: string
          p_client_id?: string
          p_customer_id?: string
          p_order_id?: string
          p_org_id: string
          p_source?: Database['public']['Enums']['sms_source']
          p_template_id?: string
          p_to: string
          p_values?: Json
        }
        Returns: Json
      }
      sms_send_bulk: {
        Args: { p_body?: string; p_client_id?: string; p_org_id: string; p_recipients: Json; p_template_id?: string }
        Returns: Json
      }
      sms_send_test: {
        Args: { p_org_id: string; p_provider?: Database['public']['Enums']['sms_provider']; p_to: string }
        Returns: Json
      }
      sms_stragglers: { Args: { p_limit?: number }; Returns: Json }
      sms_tracking_subject: { Args: { p_token: string }; Returns: Json }
      sms_webhook_urls: { Args: { p_org_id: string }; Returns: Json }
      split_batch: {
        Args: { p_batch_id: string; p_client_id?: string; p_order_ids: string[]; p_reason?: string }
        Returns: Json
      }
      staff_join_queue: {
        Args: { p_custom_data?: Json; p_phone?: string; p_queue_id: string; p_type_definition_id: string }
        Returns: Json
      }
      start_cutting_run: {
        Args: { p_client_id?: string; p_cutter_id?: string; p_lay_id: string; p_machine?: string }
        Returns: Json
      }
      start_sewing_operation: {
        Args: {
          p_client_id?: string
          p_machine_id?: string
          p_operator_id?: string
          p_run_operation_id: string
          p_started_at?: string
        }
        Returns: Json
      }
      station_info: {
        Args: { p_station_secret: string }
        Returns: {
          idle_timeout_seconds: number
          location_id: string
          location_name: string
          org_id: string
          org_name: string
          org_slug: string
          roster_enabled: boolean
          station_id: string
          station_name: string
        }[]
      }
      station_pin_out: { Args: { p_station_secret: string }; Returns: undefined }
      station_roster: {
        Args: { p_station_secret: string }
        Returns: {
          badge_code: string
          display_name: string
          member_id: string
          team_name: string
        }[]
      }
      stock_record_movement: {
        Args: {
          p_client_id: string
          p_kind: Database['public']['Enums']['stock_movement_kind']
          p_location_id: string
          p_note?: string
          p_org_id: string
          p_quantity: number
          p_reason_code?: string
          p_stock_item_id: string
        }
        Returns: Json
      }
      sync_conflict_resolutions: { Args: { p_client_ids: string[] }; Returns: Json }
      sync_conflict_resolve: {
        Args: {
          p_conflict_id: string
          p_reason?: string
          p_resolution: Database['public']['Enums']['sync_conflict_resolution']
        }
        Returns: Json
      }
      sync_conflicts_list: { Args: { p_limit?: number; p_open?: boolean; p_org_id: string }; Returns: Json }
      track_order: { Args: { p_token: string }; Returns: Json }
      transfer_queue_ticket: { Args: { p_queue_id: string; p_ticket_id: string }; Returns: Json }
      transition_ticket: {
        Args: { p_expected_state?: string; p_reason?: string; p_ticket_id: string; p_transition: string }
        Returns: Json
      }
      type_definition_usage: {
        Args: { p_org_id: string }
        Returns: {
          live_count: number
          state: string
          type_definition_id: string
        }[]
      }
      unlock_member: { Args: { p_member_id: string }; Returns: undefined }
      update_order: {
        Args: { p_changes: Json; p_client_id?: string; p_order_id: string; p_reason?: string }
        Returns: Json
      }
      update_sewing_run_operation: {
        Args: {
          p_actual_minutes?: number
          p_defects_found?: number
          p_machine_id?: string
          p_operator_id?: string
          p_rework_units?: number
          p_run_operation_id: string
          p_status?: Database['public']['Enums']['sewing_status']
          p_units?: number
        }
        Returns: Json
      }
      update_sms_settings: {
        Args: {
          p_auto_statuses?: Database['public']['Enums']['order_status'][]
          p_default_country?: string
          p_enabled?: boolean
          p_link_base_url?: string
          p_org_id: string
          p_provider_order?: Database['public']['Enums']['sms_provider'][]
          p_senders?: Json
        }
        Returns: Json
      }
      upsert_shopify_order: { Args: { p_org_id: string; p_payload: Json }; Returns: Json }
      variance_analytics_recompute: { Args: { p_from: string; p_org_id: string; p_to: string }; Returns: Json }
      variance_analytics_report: {
        Args: {
          p_from: string
          p_org_id: string
          p_period_type: Database['public']['Enums']['variance_period_type']
          p_to: string
        }
        Returns: Json
      }
    }
    Enums: {
      auth_attempt_reason: 'ok' | 'unknown_badge' | 'wrong_pin' | 'no_pin' | 'locked' | 'station_throttled'
      batch_event_kind:
        | 'created'
        | 'advanced'
        | 'returned'
        | 'quality_changed'
        | 'split'
        | 'orders_added'
        | 'order_removed'
        | 'completed'
      batch_priority: 'low' | 'standard' | 'high' | 'rush'
      color_scheme: 'light' | 'dark' | 'system'
      count_cycle_rule: 'abc' | 'longest_since_counted'
      count_entry_method: 'scan' | 'keypad' | 'pick'
      count_line_status: 'pending' | 'counted' | 'recount'
      count_mode: 'blind' | 'guided'
      count_scope: 'locations' | 'categories' | 'cycle'
      count_sync_status: 'synced' | 'pending' | 'conflict'
      cutting_run_status: 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED'
      floor_action_status: 'pending' | 'completed' | 'skipped' | 'failed'
      floor_action_type: 'scan' | 'photo' | 'note' | 'approval' | 'measurement' | 'inspection'
      floor_approval_reason:
        | 'approved'
        | 'denied_role'
        | 'denied_self'
        | 'unknown_badge'
        | 'no_pin'
        | 'wrong_pin'
        | 'station_throttled'
        | 'approver_throttled'
      floor_flag_kind: 'needs_help' | 'material_missing' | 'quality_issue' | 'machine_down' | 'other'
      floor_item_kind: 'order' | 'batch' | 'bundle'
      floor_label_kind: 'item' | 'location' | 'action'
      floor_priority: 'low' | 'normal' | 'high' | 'urgent'
      floor_queue_item_status: 'waiting' | 'in_progress' | 'completed' | 'removed'
      floor_scan_result: 'success' | 'error' | 'invalid'
      floor_scan_type: 'item' | 'location' | 'user' | 'action'
      floor_session_end_reason:
        | 'ended'
        | 'pin_out'
        | 'idle_timeout'
        | 'taken_over'
        | 'signed_out'
        | 'ended_by_supervisor'
      floor_sync_status: 'synced' | 'pending' | 'conflict'
      font_size: 'small' | 'medium' | 'large'
      fsm_subject: 'batch' | 'ticket' | 'bundle' | 'count'
      invitation_status: 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired'
      item_lock_reason: 'offline_sync' | 'conflict_resolution' | 'manual'
      lay_status: 'planned' | 'cutting' | 'cut' | 'cancelled'
      location_kind: 'area' | 'workstation' | 'storage' | 'shipping' | 'office'
      member_role: 'operator' | 'supervisor' | 'manager' | 'admin' | 'owner'
      model_complexity: 'low' | 'medium' | 'high' | 'very_high'
      operator_session_end_reason:
        | 'pin_out'
        | 'idle_timeout'
        | 'replaced'
        | 'handover'
        | 'station_revoked'
        | 'member_deactivated'
        | 'ended_by_supervisor'
      order_status:
        | 'pending'
        | 'in_production'
        | 'quality_check'
        | 'ready_to_ship'
        | 'shipped'
        | 'delivered'
        | 'on_hold'
        | 'cancelled'
      otp_purpose: 'LOGIN' | 'RESET_PASSWORD' | 'VERIFY_PHONE'
      quality_status: 'good' | 'warning' | 'failed'
      queue_join_mode: 'walk_in_qr' | 'staff' | 'both'
      queue_ticket_status: 'waiting' | 'called' | 'served' | 'no_show' | 'expired' | 'cancelled'
      realtime_entity_type: 'session' | 'item' | 'user'
      realtime_event_action: 'create' | 'update' | 'delete' | 'complete'
      realtime_event_type: 'session_update' | 'item_update' | 'count_complete' | 'user_activity' | 'system_alert'
      sewing_machine_type:
        | 'FLATBED'
        | 'OVERLOCK'
        | 'COVERSTITCH'
        | 'FEED_OFF_ARM'
        | 'BARTACK'
        | 'BUTTONHOLE'
        | 'BUTTON_ATTACH'
        | 'BLINDSTITCH'
        | 'HAND'
      sewing_skill_level: 'BEGINNER' | 'INTERMEDIATE' | 'EXPERT'
      sewing_status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED'
      sms_attempt_outcome: 'sent' | 'retryable' | 'permanent' | 'skipped'
      sms_provider: 'semaphore' | 'twilio' | 'movider'
      sms_source: 'manual' | 'bulk' | 'automatic' | 'otp' | 'test'
      sms_status: 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED'
      stock_movement_kind: 'receipt' | 'issue' | 'adjustment' | 'count' | 'count_void'
      sync_conflict_kind: 'item_locked' | 'item_changed'
      sync_conflict_resolution: 'keep_mine' | 'keep_server' | 'discard'
      variance_period_type: 'daily' | 'weekly' | 'monthly'
      wood_type: 'Sapele' | 'Cherry' | 'Walnut' | 'Cocobolo' | 'Ziricote'
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema['CompositeTypes']
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      auth_attempt_reason: ['ok', 'unknown_badge', 'wrong_pin', 'no_pin', 'locked', 'station_throttled'],
      batch_event_kind: [
        'created',
        'advanced',
        'returned',
        'quality_changed',
        'split',
        'orders_added',
        'order_removed',
        'completed',
      ],
      batch_priority: ['low', 'standard', 'high', 'rush'],
      color_scheme: ['light', 'dark', 'system'],
      count_cycle_rule: ['abc', 'longest_since_counted'],
      count_entry_method: ['scan', 'keypad', 'pick'],
      count_line_status: ['pending', 'counted', 'recount'],
      count_mode: ['blind', 'guided'],
      count_scope: ['locations', 'categories', 'cycle'],
      count_sync_status: ['synced', 'pending', 'conflict'],
      cutting_run_status: ['IN_PROGRESS', 'PAUSED', 'COMPLETED'],
      floor_action_status: ['pending', 'completed', 'skipped', 'failed'],
      floor_action_type: ['scan', 'photo', 'note', 'approval', 'measurement', 'inspection'],
      floor_approval_reason: [
        'approved',
        'denied_role',
        'denied_self',
        'unknown_badge',
        'no_pin',
        'wrong_pin',
        'station_throttled',
        'approver_throttled',
      ],
      floor_flag_kind: ['needs_help', 'material_missing', 'quality_issue', 'machine_down', 'other'],
      floor_item_kind: ['order', 'batch', 'bundle'],
      floor_label_kind: ['item', 'location', 'action'],
      floor_priority: ['low', 'normal', 'high', 'urgent'],
      floor_queue_item_status: ['waiting', 'in_progress', 'completed', 'removed'],
      floor_scan_result: ['success', 'error', 'invalid'],
      floor_scan_type: ['item', 'location', 'user', 'action'],
      floor_session_end_reason: ['ended', 'pin_out', 'idle_timeout', 'taken_over', 'signed_out', 'ended_by_supervisor'],
      floor_sync_status: ['synced', 'pending', 'conflict'],
      font_size: ['small', 'medium', 'large'],
      fsm_subject: ['batch', 'ticket', 'bundle', 'count'],
      invitation_status: ['pending', 'accepted', 'declined', 'revoked', 'expired'],
      item_lock_reason: ['offline_sync', 'conflict_resolution', 'manual'],
      lay_status: ['planned', 'cutting', 'cut', 'cancelled'],
      location_kind: ['area', 'workstation', 'storage', 'shipping', 'office'],
      member_role: ['operator', 'supervisor', 'manager', 'admin', 'owner'],
      model_complexity: ['low', 'medium', 'high', 'very_high'],
      operator_session_end_reason: [
        'pin_out',
        'idle_timeout',
        'replaced',
        'handover',
        'station_revoked',
        'member_deactivated',
        'ended_by_supervisor',
      ],
      order_status: [
        'pending',
        'in_production',
        'quality_check',
        'ready_to_ship',
        'shipped',
        'delivered',
        'on_hold',
        'cancelled',
      ],
      otp_purpose: ['LOGIN', 'RESET_PASSWORD', 'VERIFY_PHONE'],
      quality_status: ['good', 'warning', 'failed'],
      queue_join_mode: ['walk_in_qr', 'staff', 'both'],
      queue_ticket_status: ['waiting', 'called', 'served', 'no_show', 'expired', 'cancelled'],
      realtime_entity_type: ['session', 'item', 'user'],
      realtime_event_action: ['create', 'update', 'delete', 'complete'],
      realtime_event_type: ['session_update', 'item_update', 'count_complete', 'user_activity', 'system_alert'],
      sewing_machine_type: [
        'FLATBED',
        'OVERLOCK',
        'COVERSTITCH',
        'FEED_OFF_ARM',
        'BARTACK',
        'BUTTONHOLE',
        'BUTTON_ATTACH',
        'BLINDSTITCH',
        'HAND',
      ],
      sewing_skill_level: ['BEGINNER', 'INTERMEDIATE', 'EXPERT'],
      sewing_status: ['PENDING', 'IN_PROGRESS', 'COMPLETED'],
      sms_attempt_outcome: ['sent', 'retryable', 'permanent', 'skipped'],
      sms_provider: ['semaphore', 'twilio', 'movider'],
      sms_source: ['manual', 'bulk', 'automatic', 'otp', 'test'],
      sms_status: ['PENDING', 'SENT', 'DELIVERED', 'FAILED'],
      stock_movement_kind: ['receipt', 'issue', 'adjustment', 'count', 'count_void'],
      sync_conflict_kind: ['item_locked', 'item_changed'],
      sync_conflict_resolution: ['keep_mine', 'keep_server', 'discard'],
      variance_period_type: ['daily', 'weekly', 'monthly'],
      wood_type: ['Sapele', 'Cherry', 'Walnut', 'Cocobolo', 'Ziricote'],
    },
  },
} as const
