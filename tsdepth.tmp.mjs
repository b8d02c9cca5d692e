import { ts } from 'ts-morph';
function tryIt(name, mk) {
  let lo = 10, hi = 20000;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; try { ts.transpileModule(`export const v = ${mk(mid)};`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }); lo = mid; } catch (e) { hi = mid - 1; } }
  console.log(name, lo);
}
tryIt('call', (n) => 'f('.repeat(n) + '1' + ')'.repeat(n));
tryIt('ci+', (n) => 'rt.ci('.repeat(n) + '1' + ' + 0)'.repeat(n));
tryIt('&&flat', (n) => Array.from({length:n},(_, i)=>'a'+i).join(' && '));
tryIt('paren&&', (n) => '(a && '.repeat(n) + '1' + ')'.repeat(n));
tryIt('ternary', (n) => 'c ? 1 : '.repeat(n) + '2');
tryIt('+flat', (n) => Array.from({length:n},(_, i)=>'a'+i).join(' + '));
