import type http from 'node:http';
import { GraphQLError, type ExecutionArgs, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate, correlationIdFrom, type AuthSettings, type IncomingRequest, type Logger, type Viewer } from '@basket/platform';
import type { BasketEngine, ExecutionResult, PreparedOperation } from '../engine/basket-engine';
import type { RouterContext } from '../context';
import { SubscriptionEnded } from './errors';
import type { CheckedOperation, OperationPayload } from './operation';
import type { SubscriptionRunner } from './subscribe';

/**
 * graphql-ws on the router's /graphql (the protocol Apollo Client's GraphQLWsLink
 * speaks). The access token travels in connection_init (`authorization` or
 * `Authorization`, "Bearer <token>"), is verified once per connection (a bad one closes
 * it with 4403) and bounds every subscription on it: each ends with TOKEN_EXPIRED when
 * the token does. Queries and mutations sent over the socket run on the engine too.
 */
export interface WsServerOptions {
  server: http.Server;
  engine: BasketEngine;
  runner: SubscriptionRunner;
  auth: AuthSettings;
  check(payload: OperationPayload): CheckedOperation;
  buildContext(request: IncomingRequest): Promise<RouterContext>;
  format(error: unknown): GraphQLFormattedError;
  logger: Logger;
  /** Ping interval toward clients; a client that misses a pong is dropped. */
  keepAliveMs: number;
}

type Extra = {
  incoming?: IncomingRequest;
  viewer?: Viewer | null;
};

/** What onSubscribe hands to subscribe/execute, in graphql-ws's execution arguments. */
interface Planned {
  prepared: PreparedOperation;
  variables: Record<string, unknown> | undefined;
  incoming: IncomingRequest;
  viewer: Viewer | null;
}

const MAX_WS_PAYLOAD_BYTES = 1024 * 1024;

const text = (params: Record<string, unknown>, ...keys: string[]) => {
  for (const key of keys) if (typeof params[key] === 'string') return params[key] as string;
  return undefined;
};

export function serveGraphqlWs(options: WsServerOptions): { close(): Promise<void> } {
  const { engine, runner, logger } = options;
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: MAX_WS_PAYLOAD_BYTES });
  const planned = (args: ExecutionArgs) => args.contextValue as Planned;

  const server = useServer<Record<string, unknown>, Extra>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = text(params, 'authorization', 'Authorization');
        try {
          ctx.extra.viewer = await authenticate(options.auth, authorization);
        } catch (err) {
          logger.info({ err: (err as Error).message }, 'websocket connection refused');
          ctx.extra.socket.close(4403, `Forbidden: ${(err as Error).message}`.slice(0, 120));
          return false;
        }
        ctx.extra.incoming = {
          authorization,
          acceptLanguage: text(params, 'accept-language', 'Accept-Language'),
          correlationId: correlationIdFrom(ctx.extra.request.headers),
          socketAddress: ctx.extra.request.socket.remoteAddress,
        };
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer ?? null;
        const expiresAt = viewer?.expiresAt;
        if (expiresAt && expiresAt.getTime() <= Date.now())
          return [new GraphQLError('Access token expired', { extensions: { code: 'TOKEN_EXPIRED' } })];
        const checked = options.check(payload);
        if ('errors' in checked) return checked.errors;
        const contextValue: Planned = { prepared: checked.prepared, variables: checked.variables, incoming: ctx.extra.incoming!, viewer };
        return {
          schema: checked.prepared.generation.loaded.apiSchema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: checked.variables,
          contextValue,
        };
      },
      subscribe: (args) => {
        const { prepared, variables, incoming, viewer } = planned(args);
        const stream = runner.subscribe(prepared, variables, { incoming, viewer });
        // graphql-ws pulls it with next() and ends it with return(): all of AsyncGenerator it uses.
        return 'errors' in stream ? { errors: stream.errors } : (stream as unknown as AsyncGenerator<never>);
      },
      execute: async (args) => {
        const { prepared, variables, incoming } = planned(args);
        let result: ExecutionResult;
        try {
          result = await engine.execute(prepared, variables, await options.buildContext(incoming));
        } catch (err) {
          result = { errors: [err as Error] };
        }
        return result as never;
      },
      // Errors formatted and masked as over HTTP; `onNext`'s answer is sent as it is.
      onNext: (_ctx, _id, _payload, _args, result) => {
        const { errors, ...rest } = result as ExecutionResult;
        return (errors?.length ? { ...rest, errors: errors.map(options.format) } : rest) as never;
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.flatMap((e) => (e.originalError instanceof SubscriptionEnded ? e.originalError.errors : [e])).map(options.format),
    },
    wss,
    options.keepAliveMs,
  );
  return {
    async close() {
      await server.dispose();
    },
  };
}
