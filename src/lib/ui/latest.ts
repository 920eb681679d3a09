// A part that asks the worker again while an earlier answer is still on its way (it opens, then
// the sample shop finishes loading) can get the answers out of order. `latest()` returns a guard
// under which only the newest request's answer, or failure, is applied; older ones are dropped.
export function latest() {
  let asked = 0;
  return async <T>(
    request: Promise<T>,
    apply: (value: T) => void,
    fail: (e: unknown) => void
  ): Promise<void> => {
    const mine = ++asked;
    try {
      const value = await request;
      if (mine === asked) apply(value);
    } catch (e) {
      if (mine === asked) fail(e);
    }
  };
}
