// Typed access to the generated service tables (src/emulator/model/*.json, written by
// scripts/gen-model.mjs from the Smithy models). Static JSON imports so esbuild bundles them.
import identityTable from './model/identity.json' with { type: 'json' };
import messagingTable from './model/messaging.json' with { type: 'json' };
import ivschatTable from './model/ivschat.json' with { type: 'json' };
import type { ServiceName } from './types.js';

export interface MinMax {
  min?: number;
  max?: number;
}

/** A member of a structure or union. */
export interface MemberModel {
  target: string;
  required?: boolean;
  idempotencyToken?: boolean;
  default?: unknown;
  length?: MinMax;
  range?: MinMax;
  pattern?: string;
  modelPattern?: string;
  timestampFormat?: TimestampFormat;
  sensitive?: boolean;
}

export type TimestampFormat = 'epoch-seconds' | 'date-time' | 'http-date';

export type ShapeType =
  | 'structure'
  | 'union'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'short'
  | 'byte'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'document'
  | 'blob';

export interface ShapeModel {
  type: ShapeType;
  members?: Record<string, MemberModel>;
  member?: string;
  key?: string;
  value?: string;
  enum?: Array<string | number>;
  length?: MinMax;
  range?: MinMax;
  pattern?: string;
  modelPattern?: string;
  timestampFormat?: TimestampFormat;
  sensitive?: boolean;
}

export type UriSegment = { literal: string } | { label: string };

export type Binding = { in: 'label' } | { in: 'body' } | { in: 'query'; name: string } | { in: 'header'; name: string };

export interface Pagination {
  inputToken: string;
  outputToken: string;
  pageSize: string;
  items: string;
}

export interface OperationModel {
  method: string;
  uri: string;
  segments: UriSegment[];
  queryLiterals?: Record<string, string>;
  status: number;
  input: string | null;
  output: string | null;
  bindings: Record<string, Binding>;
  required: string[];
  idempotencyToken?: string;
  paginated?: Pagination;
  errors: string[];
}

export interface ErrorModel {
  status: number;
  fault: 'client' | 'server';
  members: string[];
  required: string[];
}

export interface ServiceModel {
  service: ServiceName;
  title: string;
  sdkId: string;
  apiVersion: string;
  /** SigV4 credential-scope service name: `chime` for both Chime services, `ivschat`. */
  signingName: string;
  arnNamespace: string;
  protocol: 'restJson1';
  /** How Date values are written in response bodies. */
  bodyTimestampFormat: TimestampFormat;
  patternFixes: Array<{ shape: string; model: string; fixed: string; why: string[] }>;
  operations: Record<string, OperationModel>;
  errors: Record<string, ErrorModel>;
  shapes: Record<string, ShapeModel>;
}

export const MODELS: Record<ServiceName, ServiceModel> = {
  identity: identityTable as unknown as ServiceModel,
  messaging: messagingTable as unknown as ServiceModel,
  ivschat: ivschatTable as unknown as ServiceModel,
};

export const SERVICE_NAMES: readonly ServiceName[] = ['identity', 'messaging', 'ivschat'];

/** Chime services (identity, messaging) share error dialect, signing name and tag routes. */
export function isChime(service: ServiceName): boolean {
  return service !== 'ivschat';
}

/** Reads never change state; everything else is a write the store must persist. */
export function isReadOperation(operation: string): boolean {
  return /^(Get|List|Describe|Search)/.test(operation);
}
