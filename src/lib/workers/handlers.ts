// The typed handler map, loot-core style: one interface merged from each area's handler types.
// To add an area: create handlers/<area>.ts exporting `<Area>Handlers` (types) and
// `<area>Handlers` (implementations), then add one line here and one in registry.ts.
import type { ComputeHandlers } from './handlers/compute';
import type { DataHandlers } from './handlers/data';
import type { CustomersHandlers } from './handlers/customers';
import type { ModelsHandlers } from './handlers/models';
import type { BenchHandlers } from './handlers/bench';
import type { PrivacyHandlers } from './handlers/privacy';
import type { FeedbackHandlers } from './handlers/feedback';
import type { EverydayHandlers } from './handlers/everyday';

export interface Handlers
  extends
    ComputeHandlers,
    DataHandlers,
    CustomersHandlers,
    ModelsHandlers,
    BenchHandlers,
    PrivacyHandlers,
    FeedbackHandlers,
    EverydayHandlers {}

export type HandlerName = keyof Handlers;
export type HandlerArgs<K extends HandlerName> = Parameters<Handlers[K]>[0];
export type HandlerResult<K extends HandlerName> = Awaited<ReturnType<Handlers[K]>>;
