// Runs once per Jest run, before any worker starts. Plain JS because Jest loads this file
// outside its ESM module graph; it compiles the project (swc, ~2 s) and uses the compiled libs.
import { build } from '../../../../scripts/build.mjs';

export default async function globalSetup() {
  await build({ quiet: true });
  const { setUpTestRun } = await import('../../../../dist/libs/testing/src/jest/test-run.js');
  await setUpTestRun();
}
