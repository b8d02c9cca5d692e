// The ink shell of the viewer: keeps the state, turns key events into KeyPress values for the
// pure reducer, follows the terminal's size, and draws the lines renderView returns. Decides
// nothing about layout or navigation itself; loaded only on a terminal (dynamic import).

import { useEffect, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { renderView, type ScreenSize } from './render-view.js';
import type { Style } from './styled-line.js';
import type { TraceView } from './trace-view.js';
import { applyKey, initialState, type KeyPress } from './viewer-state.js';
import { loadEvaluator } from './load-evaluator.js';

/**
 * Ink's key event as the reducer's key presses. Typed text that arrives in one chunk (fast
 * typing, a paste) becomes one press per character; keys the viewer ignores give none.
 */
export function decodeKey(input: string, key: Key): KeyPress[] {
  if (key.rightArrow) return [{ name: 'right' }];
  if (key.leftArrow) return [{ name: 'left' }];
  if (key.upArrow) return [{ name: 'up' }];
  if (key.downArrow) return [{ name: 'down' }];
  if (key.home) return [{ name: 'home' }];
  if (key.end) return [{ name: 'end' }];
  if (key.pageUp) return [{ name: 'pageup' }];
  if (key.pageDown) return [{ name: 'pagedown' }];
  if (key.return) return [{ name: 'enter' }];
  if (key.escape) return [{ name: 'escape' }];
  if (key.backspace || key.delete) return [{ name: 'backspace' }];
  if (key.ctrl || key.meta) return [];
  const presses: KeyPress[] = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') presses.push({ name: 'enter' });
    else if (char === '\u007f' || char === '\b') presses.push({ name: 'backspace' });
    else if (char >= ' ') presses.push({ name: 'char', char });
  }
  return presses;
}

const STYLES: Record<Style, Record<string, unknown>> = {
  plain: {},
  bold: { bold: true },
  dim: { dimColor: true },
  current: { inverse: true },
  changed: { color: 'yellow', bold: true },
  marker: { color: 'magenta' },
  bad: { color: 'red', bold: true },
  good: { color: 'green', bold: true },
  heading: { color: 'cyan', bold: true },
};

/** A style without its colours, for a terminal that takes none (NO_COLOR): bold, dim and inverse stay. */
function uncoloured(style: Record<string, unknown>): Record<string, unknown> {
  const { color: _color, ...rest } = style;
  return rest;
}

function sizeOf(stdout: NodeJS.WriteStream): ScreenSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The viewer: one ink Text per line of renderView's output, coloured when `colour` is true. */
export function ViewerApp({
  view,
  colour,
}: {
  readonly view: TraceView;
  readonly colour: boolean;
}) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState<ScreenSize>(() => sizeOf(stdout));
  const [state, setState] = useState(initialState);
  // The view with the `=` prompt's evaluator, loaded the first time the prompt is opened.
  const [shown, setShown] = useState(view);
  const wantsEvaluator = state.mode === 'expr' || state.watch !== null;
  useEffect(() => {
    if (!wantsEvaluator || shown.evaluate !== undefined) return;
    let live = true;
    loadEvaluator(view).then(
      (loaded) => {
        if (live) setShown(loaded);
      },
      (err: unknown) => {
        if (live) setShown({ ...view, evaluate: () => ({ ok: false, error: String(err) }) });
      },
    );
    return () => {
      live = false;
    };
  }, [wantsEvaluator, shown, view]);
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  useInput((input, key) => {
    const presses = decodeKey(input, key);
    if (presses.length > 0) setState((s) => presses.reduce((acc, p) => applyKey(shown, acc, p), s));
  });
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  const lines = renderView(shown, state, size);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l.every((s) => s.text === '')
            ? ' '
            : l.map((s, j) => (
                <Text key={j} {...(colour ? STYLES[s.style] : uncoloured(STYLES[s.style]))}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
