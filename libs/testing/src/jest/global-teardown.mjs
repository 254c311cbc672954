export default async function globalTeardown() {
  const { tearDownTestRun } = await import('../../../../dist/libs/testing/src/jest/test-run.js');
  await tearDownTestRun();
}
