import highsLoader, { type Highs } from 'highs';

let loading: Promise<Highs> | undefined;

/**
 * The HiGHS LP/MIP solver (WebAssembly), loaded once per process on first use.
 * Models are passed as CPLEX LP text; see https://ergo-code.github.io/HiGHS/.
 */
export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}
