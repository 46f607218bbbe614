import { existsSync } from 'node:fs';
import process from 'node:process';

// npm run secrets:rotate [-- --env-file <path>]
// Re-encrypts every stored secret under a new vault key pair (logic in lib/secrets/rotate-secrets.ts).

const USAGE = `Usage: npm run secrets:rotate [-- --env-file <path>]

Generates a new vault key pair in <AXONGATE_DATA_DIR>/keys, re-encrypts every provider token and app secret
under it in one database transaction, then makes it the active key. Older keys stay on disk and usable.
Reads DATABASE_URL, AXONGATE_DATA_DIR and AXONGATE_RSA_PRIVATE_KEY(_FILE) from the environment, after loading
--env-file (default: ./.env when present).`;

type Args = { envFile?: string; help: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { help: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--env-file' && argv[index + 1]) args.envFile = argv[++index];
    else throw new Error(`Unknown argument: ${arg}\n\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const envFile = args.envFile ?? (existsSync('.env') ? '.env' : undefined);
  if (envFile) process.loadEnvFile(envFile);

  // Imported only now: lib/db reads the configuration when it is first loaded.
  const { db } = await import('../lib/db');
  const { describeRotation, rotateSecrets } = await import('../lib/secrets/rotate-secrets');
  const { processVault } = await import('../lib/secrets');
  try {
    const result = await rotateSecrets(processVault());
    for (const line of describeRotation(result)) console.log(line);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
