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
          from_stage: Database['public']['Enums']['production_stage'] | null
          id: number
          kind: Database['public']['Enums']['batch_event_kind']
          member_id: string | null
          order_ids: string[] | null
          org_id: string
          quality_status: Database['public']['Enums']['quality_status'] | null
          reason: string | null
          related_batch_id: string | null
          to_stage: Database['public']['Enums']['production_stage'] | null
          user_id: string | null
        }
        ComputedFields: never
        Insert: {
          at?: string
          batch_id: string
          from_stage?: Database['public']['Enums']['production_stage'] | null
          id?: never
          kind: Database['public']['Enums']['batch_event_kind']
          member_id?: string | null
          order_ids?: string[] | null
          org_id: string
          quality_status?: Database['public']['Enums']['quality_status'] | null
          reason?: string | null
          related_batch_id?: string | null
          to_stage?: Database['public']['Enums']['production_stage'] | null
          user_id?: string | null
        }
        Update: {
          at?: string
          batch_id?: string
          from_stage?: Database['public']['Enums']['production_stage'] | null
          id?: never
          kind?: Database['public']['Enums']['batch_event_kind']
          member_id?: string | null
          order_ids?: string[] | null
          org_id?: string
          quality_status?: Database['public']['Enums']['quality_status'] | null
          reason?: string | null
          related_batch_id?: string | null
          to_stage?: Database['public']['Enums']['production_stage'] | null
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
      batches: {
        Row: {
          actual_completion: string | null
          batch_number: string
          completed_at: string | null
          created_at: string
          created_by: string | null
          current_stage: Database['public']['Enums']['production_stage']
          id: string
          is_complete: boolean
          org_id: string
          priority: Database['public']['Enums']['batch_priority']
          quality_status: Database['public']['Enums']['quality_status']
          stage_entered_at: string
          target_completion: string | null
          updated_at: string
          workflow_id: string
        }
        ComputedFields: never
        Insert: {
          actual_completion?: string | null
          batch_number: string
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          current_stage?: Database['public']['Enums']['production_stage']
          id?: string
          is_complete?: boolean
          org_id: string
          priority?: Database['public']['Enums']['batch_priority']
          quality_status?: Database['public']['Enums']['quality_status']
          stage_entered_at?: string
          target_completion?: string | null
          updated_at?: string
          workflow_id: string
        }
        Update: {
          actual_completion?: string | null
          batch_number?: string
          completed_at?: string | null
          created_at?: string
          created_by?: string | null
          current_stage?: Database['public']['Enums']['production_stage']
          id?: string
          is_complete?: boolean
          org_id?: string
          priority?: Database['public']['Enums']['batch_priority']
          quality_status?: Database['public']['Enums']['quality_status']
          stage_entered_at?: string
          target_completion?: string | null
          updated_at?: string
          workflow_id?: string
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
            foreignKeyName: 'batches_org_id_workflow_id_fkey'
            columns: ['org_id', 'workflow_id']
            isOneToOne: false
            referencedRelation: 'workflows'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'batches_workflow_id_current_stage_fkey'
            columns: ['workflow_id', 'current_stage']
            isOneToOne: false
            referencedRelation: 'workflow_stages'
            referencedColumns: ['workflow_id', 'stage']
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
          stage: Database['public']['Enums']['production_stage']
        }
        ComputedFields: never
        Insert: {
          display_order: number
          estimated_hours: number
          id?: string
          model_id: string
          org_id: string
          quality_checklist?: NonNullable<Json>
          stage: Database['public']['Enums']['production_stage']
        }
        Update: {
          display_order?: number
          estimated_hours?: number
          id?: string
          model_id?: string
          org_id?: string
          quality_checklist?: NonNullable<Json>
          stage?: Database['public']['Enums']['production_stage']
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
          created_at: string
          id: string
          line_item: NonNullable<Json>
          org_id: string
          quantity: number | null
          reason: string
          resolution_note: string | null
          resolved_at: string | null
          resolved_by: string | null
          shopify_line_item_id: string
          shopify_order_id: string
          shopify_order_name: string | null
          sku: string | null
          status: string
          title: string | null
          updated_at: string
          variant_title: string | null
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          id?: string
          line_item: NonNullable<Json>
          org_id: string
          quantity?: number | null
          reason: string
          resolution_note?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          shopify_line_item_id: string
          shopify_order_id: string
          shopify_order_name?: string | null
          sku?: string | null
          status?: string
          title?: string | null
          updated_at?: string
          variant_title?: string | null
        }
        Update: {
          created_at?: string
          id?: string
          line_item?: NonNullable<Json>
          org_id?: string
          quantity?: number | null
          reason?: string
          resolution_note?: string | null
          resolved_at?: string | null
          resolved_by?: string | null
          shopify_line_item_id?: string
          shopify_order_id?: string
          shopify_order_name?: string | null
          sku?: string | null
          status?: string
          title?: string | null
          updated_at?: string
          variant_title?: string | null
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
      workflow_stages: {
        Row: {
          id: string
          is_quality_gate: boolean
          name: string
          order_status: Database['public']['Enums']['order_status']
          org_id: string
          position: number
          public_label: string | null
          stage: Database['public']['Enums']['production_stage']
          workflow_id: string
        }
        ComputedFields: never
        Insert: {
          id?: string
          is_quality_gate?: boolean
          name: string
          order_status?: Database['public']['Enums']['order_status']
          org_id: string
          position: number
          public_label?: string | null
          stage: Database['public']['Enums']['production_stage']
          workflow_id: string
        }
        Update: {
          id?: string
          is_quality_gate?: boolean
          name?: string
          order_status?: Database['public']['Enums']['order_status']
          org_id?: string
          position?: number
          public_label?: string | null
          stage?: Database['public']['Enums']['production_stage']
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'workflow_stages_org_id_workflow_id_fkey'
            columns: ['org_id', 'workflow_id']
            isOneToOne: false
            referencedRelation: 'workflows'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      workflows: {
        Row: {
          code: string
          created_at: string
          hours_per_day: number
          id: string
          is_default: boolean
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          code: string
          created_at?: string
          hours_per_day?: number
          id?: string
          is_default?: boolean
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          code?: string
          created_at?: string
          hours_per_day?: number
          id?: string
          is_default?: boolean
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'workflows_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
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
        Args: {
          p_batch_id: string
          p_client_id?: string
          p_expected_stage?: Database['public']['Enums']['production_stage']
        }
        Returns: Json
      }
      batch_board: { Args: { p_completed_days?: number; p_org_id: string }; Returns: Json }
      cancel_order: { Args: { p_client_id?: string; p_order_id: string; p_reason: string }; Returns: Json }
      change_member_role: {
        Args: { p_member_id: string; p_role: Database['public']['Enums']['member_role'] }
        Returns: undefined
      }
      complete_batch: { Args: { p_batch_id: string; p_client_id?: string }; Returns: Json }
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
      deactivate_member: { Args: { p_member_id: string }; Returns: undefined }
      end_idle_operator_sessions: { Args: Record<PropertyKey, never>; Returns: number }
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
      issue_tracking_token: { Args: { p_label?: string; p_order_id: string }; Returns: Json }
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
      operator_session_touch: { Args: { p_operator_session_id: string }; Returns: Json }
      pin_in: { Args: { p_badge_code: string; p_pin: string; p_station_secret: string }; Returns: Json }
      pin_out: { Args: { p_operator_session_id: string }; Returns: undefined }
      production_summary: { Args: { p_org_id: string }; Returns: Json }
      reactivate_member: { Args: { p_member_id: string }; Returns: undefined }
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
      remove_order_from_batch: {
        Args: { p_batch_id: string; p_client_id?: string; p_order_id: string; p_reason: string }
        Returns: Json
      }
      return_batch: {
        Args: {
          p_batch_id: string
          p_client_id?: string
          p_expected_stage?: Database['public']['Enums']['production_stage']
          p_reason: string
          p_to_stage: Database['public']['Enums']['production_stage']
        }
        Returns: Json
      }
      revoke_station: { Args: { p_station_id: string }; Returns: undefined }
      revoke_tracking_token: { Args: { p_token_id: string }; Returns: undefined }
      set_batch_quality: {
        Args: {
          p_batch_id: string
          p_client_id?: string
          p_quality: Database['public']['Enums']['quality_status']
          p_reason?: string
        }
        Returns: Json
      }
      set_member_pin: { Args: { p_current_pin?: string; p_member_id: string; p_pin: string }; Returns: Json }
      set_shopify_shop: {
        Args: { p_is_active?: boolean; p_org_id: string; p_shop_domain: string; p_webhook_secret: string }
        Returns: Json
      }
      shopify_webhook_org: { Args: { p_body: string; p_hmac: string; p_shop_domain: string }; Returns: string }
      split_batch: {
        Args: { p_batch_id: string; p_client_id?: string; p_order_ids: string[]; p_reason?: string }
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
      track_order: { Args: { p_token: string }; Returns: Json }
      unlock_member: { Args: { p_member_id: string }; Returns: undefined }
      update_order: {
        Args: { p_changes: Json; p_client_id?: string; p_order_id: string; p_reason?: string }
        Returns: Json
      }
      upsert_shopify_order: { Args: { p_org_id: string; p_payload: Json }; Returns: Json }
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
      font_size: 'small' | 'medium' | 'large'
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
      production_stage:
        | 'Intake'
        | 'Sanding'
        | 'Finishing'
        | 'Sub-Assembly'
        | 'Final Assembly'
        | 'Acoustic QC'
        | 'Shipping'
      quality_status: 'good' | 'warning' | 'failed'
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
      font_size: ['small', 'medium', 'large'],
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
      production_stage: ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping'],
      quality_status: ['good', 'warning', 'failed'],
      wood_type: ['Sapele', 'Cherry', 'Walnut', 'Cocobolo', 'Ziricote'],
    },
  },
} as const
