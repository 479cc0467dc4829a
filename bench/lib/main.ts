import { startStackProcess, type StackProcess } from './processes';

/**
 * A benchmark's entry point: the stack in its own process, the benchmark's body, the stack
 * stopped whatever happens, a failure printed with exit code 1.
 */
export function benchMain(body: (stack: StackProcess) => Promise<void>, env: NodeJS.ProcessEnv = process.env): void {
  (async () => {
    const stack = await startStackProcess(env);
    try {
      await body(stack);
    } finally {
      await stack.stop();
    }
  })().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
