// Test support for the command-line tests: runs one of Peel's commands as a user would, through tsx from the
// project's root, and collects what it printed and how it exited.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `electron/cli/<command>.ts` with `args` (and `env` over this process's); resolves when it exits. */
export function runCli(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(projectRoot, 'electron', 'cli', `${command}.ts`), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
