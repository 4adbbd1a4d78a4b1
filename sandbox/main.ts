import { readSandboxEnv } from './config';
import { parseFaultList } from './faults';
import { startSandbox } from './server';

// `npm run sandbox`: runs the sandbox account on its own, configured from the environment.

async function main(): Promise<void> {
  const settings = readSandboxEnv(process.env);
  const faults = settings.faultsJson ? parseFaultList(settings.faultsJson) : [];
  const sandbox = await startSandbox({
    host: settings.host,
    port: settings.port,
    dataDir: settings.dataDir,
    scenario: settings.scenario,
    faults,
    timings: settings.timings,
  });
  console.log(`Sandbox AWS account 123456789012 listening at ${sandbox.url}`);
  console.log(`State: ${settings.dataDir}/state.json (scenario "${settings.scenario}" is loaded only when that file does not exist)`);
  if (faults.length > 0) console.log(`Faults in force: ${JSON.stringify(faults)}`);
  console.log(`Try: aws --endpoint-url ${sandbox.url} --region us-east-1 iam get-role --role-name AWSServiceRoleForAmazonSSM`);

  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal} received, stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
