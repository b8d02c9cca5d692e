// Runs the interactive viewer on a terminal: loads ink and React only here (the plain path
// and the formats never do), switches to the alternate screen, waits for `q`, and always
// restores the screen and the cursor. Takes the view, the terminal's streams and whether to colour.

import type { TerminalStreams } from '../io.js';
import type { TraceView } from './trace-view.js';

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/** Shows the view until the user quits; resolves with the exit code (0). */
export async function runInteractiveViewer(
  view: TraceView,
  streams: TerminalStreams,
  colour: boolean,
): Promise<number> {
  const [{ render }, { createElement }, { ViewerApp }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./app.js'),
  ]);
  streams.stdout.write(ENTER_ALTERNATE_SCREEN);
  try {
    const instance = render(createElement(ViewerApp, { view, colour }), {
      stdin: streams.stdin,
      stdout: streams.stdout,
      stderr: streams.stderr,
      exitOnCtrlC: true,
      patchConsole: false,
    });
    await instance.waitUntilExit();
  } finally {
    streams.stdout.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
  }
  return 0;
}
