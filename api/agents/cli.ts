/**
 * `npm run -s agents -- <command>`: manage the people who use the inbox, on
 * the database the server uses (the same DATABASE_URL or DATA_DIR).
 *
 *     add --email E --name N [--role agent|admin]   password from stdin, or asked twice on a terminal
 *     list
 *     disable --email E                             also ends their sessions
 *     enable --email E
 *     password --email E                            a new password, read like `add` does
 *
 * With PGlite, stop the server first: the embedded database has one user at a time.
 */
import { parseArgs } from 'node:util';
import { isMainModule, runOnDatabase } from '../db/cli.ts';
import type { Db } from '../db/database.ts';
import { AGENT_ROLES } from '../db/tables.ts';
import { DEFAULT_COST, MIN_PASSWORD_LENGTH, type ScryptCost } from './password.ts';
import { AgentError, createAgent, listAgents, setAgentDisabled, setAgentPassword, type AgentRole } from './service.ts';

/** The usage text, printed for `help` and after a mistake. */
export const USAGE = `usage: npm run -s agents -- <command>
  add --email <e-mail> --name <name> [--role agent|admin]
      the password is read from stdin (one line), or asked for on a terminal
  list
  disable --email <e-mail>      cannot sign in any more; signed out at once
  enable --email <e-mail>
  password --email <e-mail>     set a new password (read like add does); signs them out
Passwords need at least ${MIN_PASSWORD_LENGTH} characters.
`;

/** Where the command reads and writes; a test passes its own. */
export interface CliIo {
  /** Read for the password: a terminal (asked without echo) or a pipe (first line). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

/** Reads the first line of a non-terminal stdin. */
async function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    text += chunk as string;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asks on a terminal without echoing what is typed. Ctrl-C cancels. */
function askHidden(prompt: string, io: CliIo): Promise<string> {
  const { stdin } = io;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish();
          reject(new AgentError('agents: cancelled'));
          return;
        }
        // Backspace and delete remove the last character.
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: CliIo): Promise<string> {
  if (!io.stdin.isTTY) return readLine(io.stdin);
  const first = await askHidden('Password: ', io);
  const second = await askHidden('Password again: ', io);
  if (first !== second) throw new AgentError('agents: the two passwords differ; nothing changed');
  return first;
}

function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`agents: --${name} is required`);
  return value;
}

/**
 * Runs one command against `db`; resolves to the exit code (0 done, 1 refused,
 * 2 usage mistake). Messages go to `io`. New passwords are hashed at
 * `passwordCost`, the production {@link DEFAULT_COST} unless a test passes a cheaper one.
 *
 * @example await runAgentsCommand(['add', '--email', 'sanne@duinwinkel.nl', '--name', 'Sanne'], db, io)
 */
export async function runAgentsCommand(argv: readonly string[], db: Db, io: CliIo, passwordCost: ScryptCost = DEFAULT_COST): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    const [command, ...extra] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (extra.length > 0) throw new UsageError(`agents: unexpected ${extra.join(' ')}`);
    switch (command) {
      case 'add': {
        const email = requireOption(values.email, 'email');
        const name = requireOption(values.name, 'name');
        const role = (values.role ?? 'agent') as AgentRole;
        if (!AGENT_ROLES.includes(role)) throw new UsageError(`agents: --role must be ${AGENT_ROLES.join(' or ')}`);
        const agent = await createAgent(db, { email, name, role, password: await readPassword(io) }, passwordCost);
        io.stdout.write(`added ${agent.role} ${agent.name} <${agent.email}>\n`);
        return 0;
      }
      case 'list': {
        const all = await listAgents(db);
        if (all.length === 0) {
          io.stdout.write('no agents yet\n');
          return 0;
        }
        const width = Math.max(...all.map((a) => a.email.length));
        const nameWidth = Math.max(...all.map((a) => a.name.length));
        for (const agent of all) {
          io.stdout.write(
            `${agent.email.padEnd(width)}  ${agent.name.padEnd(nameWidth)}  ${agent.role.padEnd(5)}  ${agent.disabled ? 'disabled' : 'active'}\n`,
          );
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        const agent = await setAgentDisabled(db, requireOption(values.email, 'email'), command === 'disable');
        io.stdout.write(`${command}d ${agent.name} <${agent.email}>${command === 'disable' ? '; their sessions have ended' : ''}\n`);
        return 0;
      }
      case 'password': {
        const email = requireOption(values.email, 'email');
        const agent = await setAgentPassword(db, email, await readPassword(io), passwordCost);
        io.stdout.write(`new password set for ${agent.name} <${agent.email}>; their sessions have ended\n`);
        return 0;
      }
      default:
        throw new UsageError(`agents: unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AgentError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  process.exitCode = await runOnDatabase('agents', (db) => runAgentsCommand(process.argv.slice(2), db, process));
}
