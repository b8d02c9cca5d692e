// Jest's worker processes inherit FORCE_COLOR=1 when jest itself writes to a terminal
// (jest-worker sets it). The CLI honours FORCE_COLOR (src/cli/colour.ts), so a test that runs
// `credspec` with the test's environment would get coloured output or not depending on how
// jest was started. Tests that want colour set it themselves.
delete process.env.FORCE_COLOR;
