// The pure parts of the distributed and simulation runners, without Java: reading a config
// and its module (constants, invariants, action versus temporal properties, Next), the
// replay module written to name a distributed violation, worker command lines and
// HOST:PORT, and TLC's simulation progress lines.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFacts, withoutProperties } from '../../src/tlc/distributed-config.js';
import { replayFiles } from '../../src/tlc/distributed-replay.js';
import { parseHostPort, shellLine, workerCommand } from '../../src/tlc/distributed-commands.js';
import { readSimulationProgress } from '../../src/tlc/simulate.js';
import { FIXTURES, fixturesPresent } from '../tlc/fixture-files.js';

const read = (c: string, f: string): string => readFileSync(join(FIXTURES, c, f), 'utf8');
const fixtureTest = fixturesPresent ? test : test.skip;

describe('config facts', () => {
  fixtureTest(
    'Mutex: invariants, one action property, one temporal property, Next from Spec',
    () => {
      const f = readConfigFacts(read('01-success', 'Mutex.cfg'), read('01-success', 'Mutex.tla'));
      expect(f.invariants).toEqual(['TypeOK', 'MutualExclusion', 'CounterMatchesHistory']);
      expect(f.actionProperties).toEqual(['CounterMonotonic']);
      expect(f.temporalProperties).toEqual(['Termination']);
      expect(f.next).toBe('Next');
      expect(f.init).toBe('Init');
      expect([...f.constantNames]).toEqual(['Threads', 'NoThread', 'Rounds']);
    },
  );

  fixtureTest('SeccompTsync: a one-line CONSTANT section and PROPERTY', () => {
    const f = readConfigFacts(
      read('04c-action-property', 'SeccompTsync.cfg'),
      read('04c-action-property', 'SeccompTsync.tla'),
    );
    expect(f.constants).toEqual(['Threads = {t1, t2}']);
    expect(f.actionProperties).toEqual(['ChainOnlyGrows']);
    expect(f.temporalProperties).toEqual([]);
  });

  test('NEXT in the config wins; comments are ignored', () => {
    const f = readConfigFacts(
      'INIT I \\* start\nNEXT Step\n(* PROPERTY Fake *)\nINVARIANT Inv',
      "Step == x' = x",
    );
    expect(f.next).toBe('Step');
    expect(f.init).toBe('I');
    expect(f.invariants).toEqual(['Inv']);
    expect(f.actionProperties).toEqual([]);
  });

  test('withoutProperties drops the temporal ones and keeps the rest', () => {
    const cfg =
      'CONSTANTS\n    N = 3\nSPECIFICATION Spec\nINVARIANT Inv\nPROPERTIES\n    Live\n    Box\n';
    const out = withoutProperties(cfg, ['Live']);
    expect(out).toBe(
      'CONSTANTS\n    N = 3\n\nSPECIFICATION\n    Spec\n\nINVARIANT\n    Inv\n\nPROPERTIES\n    Box\n',
    );
  });
});

describe('replay module', () => {
  test('Init and Next restricted to the printed behaviour, model values declared, stuttering where Next is enabled', () => {
    const mv = (n: string) => ({ '#mv': n });
    const files = replayFiles({
      moduleName: 'Lock',
      facts: {
        constants: ['Threads = {t1, t2}', 'None = None'],
        constantNames: new Set(['Threads', 'None']),
        invariants: ['Safe'],
        actionProperties: ['Grows'],
        temporalProperties: [],
        next: 'Next',
        init: 'Init',
      },
      states: [
        { text: '/\\ owner = None\n/\\ n = 0', variables: ['owner', 'n'], values: [mv('None'), 0] },
        { text: '/\\ owner = t1\n/\\ n = 1', variables: ['owner', 'n'], values: [mv('t1'), 1] },
      ],
    });
    expect(files.module).toBe(
      [
        '---- MODULE Lock_Replay ----',
        'EXTENDS Lock, TLC',
        'CONSTANTS t1',
        '',
        'ReplayS1 ==',
        '    /\\ owner = None',
        '    /\\ n = 0',
        '',
        'ReplayS2 ==',
        '    /\\ owner = t1',
        '    /\\ n = 1',
        '',
        'ReplayInit == Init /\\ ReplayS1',
        '',
        'ReplayNext ==',
        "    \\/ ReplayS1 /\\ Next /\\ ReplayS2'",
        '    \\/ ReplayS2 /\\ ENABLED Next /\\ UNCHANGED <<owner, n>>',
        '====',
        '',
      ].join('\n'),
    );
    expect(files.config).toBe(
      'CONSTANTS\n    Threads = {t1, t2}\n    None = None\n    t1 = t1\n\nINIT ReplayInit\nNEXT ReplayNext\nINVARIANTS\n    Safe\nPROPERTIES\n    Grows\n',
    );
  });
});

describe('worker command lines', () => {
  test('HOST:PORT, IPv6 in brackets, and what is not one', () => {
    expect(parseHostPort('127.0.0.1:10997')).toEqual({ host: '127.0.0.1', port: 10997 });
    expect(parseHostPort('[fd00::1]:4000')).toEqual({ host: 'fd00::1', port: 4000 });
    expect(parseHostPort('tlc.example:80')).toEqual({ host: 'tlc.example', port: 80 });
    expect(parseHostPort('host')).toBeNull();
    expect(parseHostPort('host:0')).toBeNull();
    expect(parseHostPort('host:70000')).toBeNull();
  });

  test('the java line: server port as a property, hostname to advertise, the host as the only argument', () => {
    const argv = workerCommand({
      connect: '192.0.2.10:10997',
      jarPath: '/opt/tla2tools.jar',
      advertise: '192.0.2.20',
      threads: 4,
    });
    expect(argv).toEqual([
      'java',
      '-XX:+UseParallelGC',
      '-Djava.rmi.server.hostname=192.0.2.20',
      '-Dtlc2.tool.distributed.TLCServer.port=10997',
      '-Dtlc2.tool.distributed.TLCWorker.threadCount=4',
      '-cp',
      '/opt/tla2tools.jar',
      'tlc2.tool.distributed.TLCWorker',
      '192.0.2.10',
    ]);
    expect(shellLine(['java', '-cp', '/my jars/t.jar', "it's"])).toBe(
      "java -cp '/my jars/t.jar' 'it'\\''s'",
    );
  });
});

describe('simulation progress', () => {
  test('newer TLC counts behaviours in Progress(T); 1.7.4 prints -1', () => {
    expect(
      readSimulationProgress(
        'Progress(100) at 2026-11-27 12:23:14: 3001 states generated, -1 distinct states found, -1 states left on queue.',
      ),
    ).toEqual({ behaviours: 100, statesGenerated: 3001 });
    expect(
      readSimulationProgress(
        'Progress(-1) at 2026-11-27 12:23:17: 3,001 states generated, -1 distinct states found, -1 states left on queue.',
      ),
    ).toEqual({ behaviours: null, statesGenerated: 3001 });
    expect(readSimulationProgress('Computed 1 initial states...')).toBeNull();
  });
});
