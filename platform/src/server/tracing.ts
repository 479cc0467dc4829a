import type http from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing for the router and the subgraphs: one tracer provider per process
 * (W3C traceparent propagation, async context), spans exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, or to a given exporter (tests use an in-memory
 * one). Without it nothing is registered and the API's no-op tracer costs next to nothing.
 */
export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP collector base URL (spans go to <endpoint>/v1/traces). */
  endpoint?: string;
  /** Spans go here instead (each exported as it ends). */
  exporter?: SpanExporter;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

let provider: NodeTracerProvider | undefined;

/** Registers the process's tracer provider; a second call returns the first one's handle. */
export function setupTracing(options: TracingOptions): Tracing | undefined {
  if (!options.exporter && !options.endpoint) return undefined;
  if (!provider) {
    const processor = options.exporter
      ? new SimpleSpanProcessor(options.exporter)
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/$/, '')}/v1/traces` }));
    provider = new NodeTracerProvider({
      resource: new Resource({ 'service.name': options.serviceName }),
      spanProcessors: [processor],
    });
    provider.register();
  }
  const registered = provider;
  return {
    async shutdown() {
      await registered.forceFlush();
    },
  };
}

/** Whether spans are recorded at all: callers skip building them otherwise. */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>;

/**
 * A server span for each request, continuing the caller's trace when it sent a
 * `traceparent` (the router does, to every subgraph), so one trace covers the router's
 * request, its plan and every subgraph's work.
 */
export function traced(service: string, handle: Handler): Handler {
  return (req, res, url) => {
    if (!provider) return handle(req, res, url);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    return context.with(parent, () =>
      tracer(service).startActiveSpan(
        `${req.method ?? 'GET'} ${url.pathname}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'basket.service': service, 'http.request.method': req.method ?? 'GET', 'url.path': url.pathname },
        },
        async (span) => {
          try {
            await handle(req, res, url);
            span.setAttribute('http.response.status_code', res.statusCode);
            if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          } catch (err) {
            span.recordException(err as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw err;
          } finally {
            span.end();
          }
        },
      ),
    );
  };
}

/** The headers that carry the active span to the next service (traceparent, tracestate). */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (provider) propagation.inject(context.active(), carrier);
  return carrier;
}
