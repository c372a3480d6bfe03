import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import type { ApolloServerPlugin } from '@apollo/server';

/*
 * OpenTelemetry traces, instrumented by hand at the few places a request crosses a boundary: the
 * gateway's incoming request, each subgraph fetch (a client span that sends W3C `traceparent`), the
 * subgraph's incoming request (continuing that trace) and each SQL statement. Off unless started:
 * every helper then costs one boolean test and calls straight through.
 */

let tracer: Tracer | undefined;
let stopTracing: (() => Promise<void>) | undefined;

export interface TracingOptions {
  /** `service.name` of every span this process makes. */
  serviceName: string;
  /** The OTLP/HTTP exporter (batched) when omitted; tests pass an in-memory one (exported at once). */
  exporter?: SpanExporter;
}

/**
 * Turns tracing on for this process (once; a second call replaces the first): the global tracer
 * provider, AsyncLocalStorage context and the W3C trace-context propagator. The OTLP exporter reads
 * the standard `OTEL_EXPORTER_OTLP_*` variables itself (endpoint, headers, timeout).
 */
export async function startTracing(options: TracingOptions): Promise<void> {
  await shutdownTracing();
  // Loaded only here: a process that does not trace never loads the SDK.
  const [{ BatchSpanProcessor, SimpleSpanProcessor, TracerProvider }, hooks, core, resources, otlp] = await Promise.all(
    [
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/exporter-trace-otlp-http'),
    ],
  );
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : new BatchSpanProcessor({ exporter: new otlp.OTLPTraceExporter() });
  const provider = new TracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [processor],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new hooks.AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  tracer = trace.getTracer('@ngo-hub/kit');
  stopTracing = async () => {
    tracer = undefined;
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

/** Sends the spans still batched and turns tracing off (at shutdown, and between tests). */
export async function shutdownTracing(): Promise<void> {
  const stop = stopTracing;
  stopTracing = undefined;
  await stop?.();
}

/**
 * OpenTelemetry settings, read by the gateway and every subgraph. The endpoint turns tracing on;
 * the exporter also honours the other standard `OTEL_EXPORTER_OTLP_*` variables (headers, timeout).
 */
export const tracingEnv = {
  /** OTLP/HTTP collector base URL (spans go to `<it>/v1/traces`); unset = no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** `service.name` of the spans; the service's own name (`gateway`, `organisations`, ...) by default. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

/** Starts tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set; `OTEL_SERVICE_NAME` overrides the service's own name. */
export async function startTracingFromEnv(
  env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME?: string },
  serviceName: string,
): Promise<boolean> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  await startTracing({ serviceName: env.OTEL_SERVICE_NAME ?? serviceName });
  return true;
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

async function inSpan<T>(span: Span, parent: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    // The type only: messages may quote values (a constraint's key, a bad input).
    span.setAttribute('error.type', (error as Error)?.name ?? 'Error');
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs an incoming request's handling in a SERVER span that continues the caller's trace (its
 * `traceparent`), if any. `work` gets the span to add the response's status to.
 */
export function withServerSpan<T>(
  headers: Record<string, string | string[] | undefined>,
  name: string,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer) return work(undefined);
  const parent = propagation.extract(context.active(), headers);
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return inSpan(span, parent, () => work(span));
}

/**
 * Runs an outgoing call in a CLIENT span; `work` gets the headers that carry the trace on
 * (`traceparent`, empty when tracing is off) to add to the request.
 */
export function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  work: (traceHeaders: Record<string, string>, span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer) return work({}, undefined);
  const parent = context.active();
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  return inSpan(span, parent, () => work(carrier, span));
}

/** `http.response.status_code` on a request's span, which a 5xx marks as failed. */
export function recordHttpStatus(span: Span | undefined, status: number): void {
  if (!span) return;
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}

const TAG = /^\s*\/\*\s*(.+?)\s*\*\//;
const FIRST_WORD = /^\s*(?:\/\*.*?\*\/\s*)?([a-z]+)/i;

/**
 * Runs one SQL statement in a CLIENT span named by its tag comment (`/* name *\/`, the repositories'
 * convention), or by its first keyword when untagged. The text is never recorded: values are
 * inlined into it by the time it is sent. Only inside a traced request: the outbox and job
 * pollers' statements would otherwise each start a trace of their own.
 */
export function traceStatement<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!tracer) return run();
  const parent = context.active();
  if (!trace.getSpan(parent)) return run();
  const operation = FIRST_WORD.exec(sql)?.[1]?.toLowerCase() ?? 'sql';
  const span = tracer.startSpan(
    TAG.exec(sql)?.[1] ?? operation,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation } },
    parent,
  );
  return inSpan(span, parent, run);
}

/**
 * Names the request's span after its GraphQL operation (`query Directory`) once Apollo has resolved
 * it, with `graphql.operation.name` and `graphql.operation.type`. Adds no hooks when tracing is off.
 */
export function operationSpanPlugin(): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      const span = tracer ? trace.getSpan(context.active()) : undefined;
      if (!span) return;
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'query';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
      };
    },
  };
}

/** pino mixin: `trace_id` and `span_id` of the span active where a line is logged (nothing outside one). */
export function traceLogFields(): Record<string, string> {
  // A new object each time: pino merges the line's own fields into what the mixin returns.
  if (!tracer) return {};
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
